namespace SecVault.Ciphers;

/// <summary>Why a secret could not be encrypted or a ciphertext could not be decrypted.</summary>
public enum CipherErrorKind
{
    /// <summary>The ciphertext holds a character outside the base64 alphabet, or bad padding.</summary>
    NotBase64,

    /// <summary>The ciphertext's length is not the key's: it was made with another key.</summary>
    WrongKeySize,

    /// <summary>The ciphertext decrypts with the other padding than the configured transformation's.</summary>
    PaddingMismatch,

    /// <summary>The ciphertext does not decrypt with the key.</summary>
    DoesNotDecrypt,

    /// <summary>The decrypted bytes are not UTF-8.</summary>
    NotUtf8,

    /// <summary>The secret is longer than the transformation allows for the key size.</summary>
    SecretTooLong,

    /// <summary>The transformation name is blank or not one SecVault accepts.</summary>
    UnknownTransformation,

    /// <summary>The ciphertext's form belongs to another algorithm (AES-GCM JSON against plain AES, or the reverse).</summary>
    FormatMismatch,
}
