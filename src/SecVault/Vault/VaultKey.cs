using System.Security.Cryptography;
using SecVault.Ciphers;
using SecVault.Home;
using SecVault.Keystores;
using SecVault.Resolution;

namespace SecVault.Vault;

/// <summary>The selected keystore, opened, with the RSA public key of its alias.</summary>
public sealed class VaultKey : IDisposable
{
    private VaultKey(KeystoreSelection selection, Keystore keystore, KeystoreEntry entry, RSA publicKey)
    {
        Selection = selection;
        Keystore = keystore;
        Entry = entry;
        PublicKey = publicKey;
    }

    /// <summary>The keystore selection this key came from.</summary>
    internal KeystoreSelection Selection { get; }

    /// <summary>The opened keystore.</summary>
    internal Keystore Keystore { get; }

    /// <summary>The entry of the selected alias.</summary>
    internal KeystoreEntry Entry { get; }

    /// <summary>The certificate's RSA public key.</summary>
    internal RSA PublicKey { get; }

    /// <summary>Opens the selected keystore with the store password and takes the alias's RSA public key.</summary>
    /// <exception cref="KeystoreException">A wrong password, an unknown alias, a damaged file or a key that is not RSA.</exception>
    public static VaultKey Open(KeystoreSelection selection, ReadOnlySpan<char> storePassword)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var keystore = Keystore.Load(selection.Path, storePassword, selection.Type);
        var entry = keystore.GetEntry(selection.Alias);
        return new VaultKey(selection, keystore, entry, entry.GetRsaPublicKey());
    }

    /// <summary>An encryptor for this key and <paramref name="transformation"/>.</summary>
    internal SecretEncryptor CreateEncryptor(Transformation transformation) => new(PublicKey, transformation);

    /// <summary>
    /// Encrypts one value (single-value mode); an empty value or one over the limit is an error that never holds the value.
    /// </summary>
    public string EncryptValue(string value, Transformation transformation)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(transformation);
        if (value.Length == 0)
        {
            throw new VaultException(VaultText.EmptyValue, kind: VaultErrorKind.EmptyValue);
        }

        var encryptor = CreateEncryptor(transformation);
        var bytes = System.Text.Encoding.UTF8.GetBytes(value);
        try
        {
            if (bytes.Length > encryptor.MaxSecretBytes)
            {
                throw new CipherException(
                    CipherErrorKind.SecretTooLong,
                    VaultText.ValueTooLong(bytes.Length, transformation.Name, encryptor.KeySizeBits, encryptor.MaxSecretBytes),
                    hint: CiphersText.SecretTooLongHint);
            }

            return encryptor.Encrypt(bytes, VaultText.SingleValueAlias);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>
    /// The AES key at <paramref name="alias"/> of <paramref name="keystore"/> (<paramref name="location"/> names it),
    /// recovered with the store password as securevault 1.2.1 does, as a cipher for <paramref name="algorithm"/>.
    /// <paramref name="warnings"/> says when MI could not read the keystore type in symmetric mode.
    /// </summary>
    /// <exception cref="VaultException">The entry is not an AES secret key.</exception>
    public static SymmetricSecretCipher OpenSymmetric(Keystore keystore, string alias, string location, ReadOnlySpan<char> storePassword, string algorithm, out IReadOnlyList<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(keystore);
        var entry = keystore.GetEntry(alias);
        if (entry.Kind != KeystoreEntryKind.SecretKey)
        {
            throw new VaultException(VaultText.SymmetricEntryNotSecretKey(alias, location), ResolutionText.SymmetricAliasNotSecretKeyHint);
        }

        using var material = entry.GetSecretKey(storePassword);
        warnings = keystore.Type == KeystoreType.Pkcs12 ? [] : [VaultText.VerifySymmetricNeedsPkcs12(keystore.Type.ToJavaName())];
        return material.Algorithm == "AES"
            ? new SymmetricSecretCipher(material.Key, algorithm, $"'{entry.Alias}'")
            : throw new VaultException(ResolutionText.SymmetricKeyNotAes(alias, location, material.Algorithm));
    }

    /// <summary>
    /// Encrypts one value with <paramref name="cipher"/> (single-value mode of a symmetric vault) and checks that it
    /// decrypts again; an empty value throws.
    /// </summary>
    /// <exception cref="VaultException">The value is empty.</exception>
    public static string EncryptValue(SymmetricSecretCipher cipher, string value)
    {
        ArgumentNullException.ThrowIfNull(cipher);
        ArgumentNullException.ThrowIfNull(value);
        return value.Length == 0
            ? throw new VaultException(VaultText.EmptyValue, kind: VaultErrorKind.EmptyValue)
            : ConfigureOperation.EncryptChecked(cipher, value, VaultText.SingleValueAlias);
    }

    /// <summary>A decryptor with the alias's private key, opened with <paramref name="keyPassword"/>; the caller disposes the key.</summary>
    internal SecretDecryptor CreateDecryptor(ReadOnlySpan<char> keyPassword, Transformation transformation, string settingSource, bool diagnosePadding, out RSA privateKey)
    {
        privateKey = Entry.GetRsaPrivateKey(keyPassword);
        return new SecretDecryptor(privateKey, transformation, Entry.Alias, Entry.CertificateSha256, settingSource) { DiagnosePadding = diagnosePadding };
    }

    /// <inheritdoc/>
    public void Dispose() => PublicKey.Dispose();
}
