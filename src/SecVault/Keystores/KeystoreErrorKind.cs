namespace SecVault.Keystores;

/// <summary>Why a keystore or one of its entries could not be used.</summary>
public enum KeystoreErrorKind
{
    /// <summary>The keystore file does not exist.</summary>
    NotFound,

    /// <summary>The file exists but cannot be read (permissions, a folder, an I/O error).</summary>
    UnreadableFile,

    /// <summary>The content is not JKS, JCEKS or PKCS12, or a type name is unknown.</summary>
    UnknownFormat,

    /// <summary>The content's format does not match the declared type.</summary>
    TypeMismatch,

    /// <summary>The store password is wrong (or the file was modified; the two cannot always be told apart).</summary>
    WrongPassword,

    /// <summary>The key password does not unlock the private key.</summary>
    WrongKeyPassword,

    /// <summary>The password is right but the file was modified or is damaged.</summary>
    Tampered,

    /// <summary>The file ends early.</summary>
    Truncated,

    /// <summary>No entry has the requested alias.</summary>
    UnknownAlias,

    /// <summary>The entry's key is not RSA.</summary>
    UnsupportedAlgorithm,

    /// <summary>The entry is a symmetric secret key.</summary>
    SecretKeyEntry,

    /// <summary>A private key was asked of a trusted-certificate entry.</summary>
    NoPrivateKey,

    /// <summary>A secret key was asked of an entry that holds a private key or a certificate.</summary>
    NotASecretKey,

    /// <summary>The entry's protection is one SecVault cannot read (such as a JCEKS secret key).</summary>
    UnsupportedProtection,

    /// <summary>A certificate was asked of a private key stored without one.</summary>
    NoCertificate,
}
