namespace SecVault.Home;

/// <summary>The MI home could not be found or is not usable.</summary>
public sealed class MiHomeException : SecVaultException
{
    internal MiHomeException(string message, string? hint = null, string? path = null)
        : base(message, hint)
    {
        Path = path;
    }

    /// <summary>The path at fault, when there is one.</summary>
    public string? Path { get; }
}
