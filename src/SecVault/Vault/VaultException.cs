namespace SecVault.Vault;

/// <summary>The vault configuration or the keystore it names is unusable.</summary>
public sealed class VaultException : SecVaultException
{
    internal VaultException(string message, string? hint = null, string? path = null, Exception? innerException = null)
        : base(message, hint, innerException)
    {
        Path = path;
    }

    /// <summary>The file at fault, when there is one.</summary>
    public string? Path { get; }
}
