namespace SecVault.Ciphers;

/// <summary>Decrypts the ciphertexts of one vault: RSA (<see cref="SecretDecryptor"/>) or AES (<see cref="SymmetricSecretCipher"/>).</summary>
internal interface ISecretDecryptor
{
    /// <summary>Decrypts a ciphertext to the secret's bytes; the caller zeroes them.</summary>
    byte[] Decrypt(string ciphertext, string alias);

    /// <summary>Decrypts many ciphertexts, keeping input order; a failure throws the first one in input order.</summary>
    IReadOnlyList<byte[]> DecryptAll(IReadOnlyList<(string Alias, string Ciphertext)> ciphertexts, int? maxParallelism = null, IProgress<WorkProgress>? progress = null);

    /// <summary>
    /// Whether a ciphertext made for another key fails rather than giving noise: true for RSA OAEP and AES-GCM, false for
    /// RSA PKCS#1 v1.5 and AES without GCM, whose padding a wrong key passes now and then.
    /// </summary>
    bool RejectsWrongKey { get; }

    /// <summary>The failure to report when a decrypted secret is not UTF-8.</summary>
    CipherException NotUtf8(string alias);
}
