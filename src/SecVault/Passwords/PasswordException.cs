namespace SecVault.Passwords;

/// <summary>Why no keystore password could be had.</summary>
public enum PasswordErrorKind
{
    /// <summary>No source gave a password.</summary>
    NotAvailable,

    /// <summary>A password file could not be read, overwritten, renamed or deleted.</summary>
    FileFailure,

    /// <summary>A source gave an empty password or too few lines.</summary>
    Incomplete,

    /// <summary>Input ended at a prompt.</summary>
    EndOfInput,

    /// <summary>No answer to a prompt was accepted within its tries.</summary>
    TooManyTries,
}

/// <summary>A keystore password, or an answer to a prompt, could not be obtained; the message never holds what was typed.</summary>
public sealed class PasswordException : SecVaultException
{
    internal PasswordException(PasswordErrorKind kind, string message, string? hint = null, string? path = null, Exception? innerException = null)
        : base(message, hint, innerException)
    {
        Kind = kind;
        Path = path;
    }

    /// <summary>The kind of failure.</summary>
    public PasswordErrorKind Kind { get; }

    /// <summary>The file at fault, when there is one.</summary>
    public string? Path { get; }
}
