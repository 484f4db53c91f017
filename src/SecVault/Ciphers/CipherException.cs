namespace SecVault.Ciphers;

/// <summary>A secret could not be encrypted or decrypted; the message never holds a secret or a ciphertext.</summary>
public sealed class CipherException : SecVaultException
{
    internal CipherException(CipherErrorKind kind, string message, string? alias = null, string? hint = null, Exception? innerException = null)
        : base(message, hint, innerException)
    {
        Kind = kind;
        Alias = alias;
    }

    /// <summary>The kind of failure.</summary>
    public CipherErrorKind Kind { get; }

    /// <summary>The secret's alias, or null when no secret is involved (an unknown transformation).</summary>
    public string? Alias { get; }
}
