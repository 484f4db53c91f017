namespace SecVault.Passwords;

/// <summary>Why no keystore password could be had.</summary>
public enum PasswordError
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
    internal PasswordException(PasswordError error, string message, string? hint = null, string? path = null, Exception? innerException = null)
        : base(message, hint, innerException)
    {
        Error = error;
        Path = path;
    }

    /// <summary>The kind of failure.</summary>
    public PasswordError Error { get; }

    /// <summary>The file at fault, when there is one.</summary>
    public string? Path { get; }
}
