using System.Security.Cryptography;

namespace SecVault.Keystores;

/// <summary>The raw bytes of a keystore's secret key and its algorithm (such as <c>AES</c>); <see cref="Dispose"/> zeroes the bytes.</summary>
internal sealed class SecretKeyMaterial : IDisposable
{
    internal SecretKeyMaterial(byte[] key, string algorithm)
    {
        Key = key;
        Algorithm = algorithm;
    }

    /// <summary>The key bytes, owned by this object.</summary>
    public byte[] Key { get; }

    /// <summary>The key's algorithm name, such as <c>AES</c>, or the OID when unknown.</summary>
    public string Algorithm { get; }

    /// <summary>Zeroes the key bytes.</summary>
    public void Dispose() => CryptographicOperations.ZeroMemory(Key);
}
