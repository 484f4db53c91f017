namespace SecVault.Keystores;

/// <summary>A keystore could not be read or an entry could not be used; the message never holds a password.</summary>
public sealed class KeystoreException : SecVaultException
{
    internal KeystoreException(
        KeystoreErrorKind kind,
        string message,
        string? path = null,
        string? alias = null,
        string? hint = null,
        Exception? innerException = null)
        : base(message, hint, innerException)
    {
        Kind = kind;
        Path = path;
        Alias = alias;
    }

    /// <summary>The kind of failure.</summary>
    public KeystoreErrorKind Kind { get; }

    /// <summary>The keystore's path as given by the caller, or null when no file is involved.</summary>
    public string? Path { get; }

    /// <summary>The entry's alias, or null when the failure concerns the whole keystore.</summary>
    public string? Alias { get; }
}
