namespace SecVault.Keystores;

/// <summary>What a keystore entry holds.</summary>
internal enum KeystoreEntryKind
{
    /// <summary>A private key with its certificate chain.</summary>
    PrivateKey,

    /// <summary>A certificate only; it serves encryption, not decryption.</summary>
    TrustedCertificate,

    /// <summary>A symmetric key, which SecVault does not use.</summary>
    SecretKey,
}
