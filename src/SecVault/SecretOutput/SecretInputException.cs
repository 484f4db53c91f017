namespace SecVault.SecretOutput;

/// <summary>The input of <c>mi secret create</c> was refused; names the source, line and alias, never a secret.</summary>
public sealed class SecretInputException : SecVaultException
{
    internal SecretInputException(SecretInputErrorKind kind, string message, string source, int line = 0, string? alias = null, string? hint = null, Exception? innerException = null)
        : base(message, hint, innerException)
    {
        Kind = kind;
        InputName = source;
        Line = line;
        Alias = alias;
    }

    /// <summary>The kind of failure.</summary>
    public SecretInputErrorKind Kind { get; }

    /// <summary>The input: a file path, <c>standard input</c> or <c>terminal</c>.</summary>
    public string InputName { get; }

    /// <summary>The 1-based line, or 0 when no line applies.</summary>
    public int Line { get; }

    /// <summary>The alias concerned, or null.</summary>
    public string? Alias { get; }
}
