namespace SecVault.CliConfig;

/// <summary>The CLI configuration cannot be read or used; names the file and field, never a value that could be secret.</summary>
public sealed class CliConfigException : SecVaultException
{
    internal CliConfigException(CliConfigErrorKind kind, string message, string path, string? field = null, string? hint = null, Exception? innerException = null)
        : base(message, hint, innerException)
    {
        Kind = kind;
        Path = path;
        Field = field;
    }

    /// <summary>The kind of failure.</summary>
    public CliConfigErrorKind Kind { get; }

    /// <summary>The configuration file.</summary>
    public string Path { get; }

    /// <summary>The field concerned, or null when the whole file is.</summary>
    public string? Field { get; }
}
