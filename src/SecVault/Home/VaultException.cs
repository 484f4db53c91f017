namespace SecVault.Home;

/// <summary>The vault configuration, the keystore it names, or a [secrets] entry is unusable.</summary>
public sealed class VaultException : SecVaultException
{
    internal VaultException(
        string message,
        string? hint = null,
        string? path = null,
        Exception? innerException = null,
        VaultErrorKind kind = VaultErrorKind.Configuration,
        string? alias = null,
        int line = 0,
        int column = 0)
        : base(message, hint, innerException)
    {
        Path = path;
        Kind = kind;
        Alias = alias;
        Line = line;
        Column = column;
    }

    /// <summary>The file at fault, when there is one.</summary>
    public string? Path { get; }

    /// <summary>The kind of failure.</summary>
    public VaultErrorKind Kind { get; }

    /// <summary>The [secrets] alias concerned, or null.</summary>
    public string? Alias { get; }

    /// <summary>The 1-based line in <see cref="Path"/>, or 0.</summary>
    public int Line { get; }

    /// <summary>The 1-based column in <see cref="Path"/>, or 0.</summary>
    public int Column { get; }
}
