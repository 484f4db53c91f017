namespace SecVault.Home;

/// <summary>How the file repository's secrets are encrypted (<c>secretRepositories.file.encryptionMode</c>).</summary>
public enum VaultEncryptionMode
{
    /// <summary>RSA with the identity keystore's key pair: the key is absent or any other value.</summary>
    Asymmetric,

    /// <summary><c>symmetric</c>: AES with the secret-key entry of a PKCS12 identity keystore at <c>keystore.identity.alias</c>.</summary>
    Symmetric,

    /// <summary><c>key.based.symmetric.encryption</c>: AES-256 with the key given by <c>key.based.password</c>.</summary>
    KeyBased,
}
