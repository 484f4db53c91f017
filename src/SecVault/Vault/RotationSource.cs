using SecVault.Ciphers;
using SecVault.Home;
using SecVault.Keystores;

namespace SecVault.Vault;

/// <summary>
/// The key a rotation moves secrets away from: an RSA private key or an AES secret key, of the vault's own keystore or
/// of another one, opened for decryption only.
/// </summary>
public sealed class RotationSource : IDisposable
{
    private readonly IDisposable _owned;

    private RotationSource(ISecretDecryptor decryptor, IDisposable owned, string keystorePath, string alias, VaultEncryptionMode mode)
    {
        Decryptor = decryptor;
        _owned = owned;
        KeystorePath = keystorePath;
        Alias = alias;
        Mode = mode;
    }

    /// <summary>The absolute path of the keystore the old key is in.</summary>
    public string KeystorePath { get; }

    /// <summary>The old key's alias, as the keystore spells it.</summary>
    public string Alias { get; }

    /// <summary>The old key's kind: <see cref="VaultEncryptionMode.Asymmetric"/> (RSA) or <see cref="VaultEncryptionMode.Symmetric"/> (AES).</summary>
    public VaultEncryptionMode Mode { get; }

    internal ISecretDecryptor Decryptor { get; }

    /// <summary>
    /// The RSA private key at <paramref name="alias"/> of <paramref name="keystore"/>, unlocked with
    /// <paramref name="keyPassword"/>, decrypting with <paramref name="transformation"/>.
    /// </summary>
    /// <exception cref="KeystoreException">An unknown alias, a wrong password or a key that is not RSA.</exception>
    public static RotationSource OpenRsa(Keystore keystore, string alias, ReadOnlySpan<char> keyPassword, Transformation transformation)
    {
        ArgumentNullException.ThrowIfNull(keystore);
        ArgumentException.ThrowIfNullOrEmpty(alias);
        ArgumentNullException.ThrowIfNull(transformation);
        var entry = keystore.GetEntry(alias);
        var privateKey = entry.GetRsaPrivateKey(keyPassword);
        var decryptor = new SecretDecryptor(privateKey, transformation, entry.Alias, entry.CertificateSha256, VaultText.TheTransformationInUse);
        return new RotationSource(decryptor, privateKey, Path.GetFullPath(keystore.Path), entry.Alias, VaultEncryptionMode.Asymmetric);
    }

    /// <summary>
    /// The AES secret key at <paramref name="alias"/> of <paramref name="keystore"/>, recovered with
    /// <paramref name="storePassword"/> as securevault 1.2.1 does, decrypting with <paramref name="algorithm"/>.
    /// </summary>
    /// <exception cref="VaultException">The entry is not an AES secret key.</exception>
    public static RotationSource OpenSymmetric(Keystore keystore, string alias, ReadOnlySpan<char> storePassword, string algorithm)
    {
        ArgumentNullException.ThrowIfNull(keystore);
        ArgumentException.ThrowIfNullOrEmpty(alias);
        ArgumentNullException.ThrowIfNull(algorithm);
        var cipher = VaultKey.OpenSymmetric(keystore, alias, keystore.Path, storePassword, algorithm, out _);
        return new RotationSource(cipher, cipher, Path.GetFullPath(keystore.Path), keystore.GetEntry(alias).Alias, VaultEncryptionMode.Symmetric);
    }

    /// <summary>
    /// The algorithm the vault's <c>secret-conf.properties</c> names when it describes a vault of <paramref name="mode"/>
    /// (the old vault, before a rotation writes it again), else null: then the caller's default applies.
    /// </summary>
    public static string? ConfiguredAlgorithm(VaultTarget target, VaultEncryptionMode mode)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!File.Exists(target.SecretConfPath))
        {
            return null;
        }

        var configuration = VaultConfiguration.Read(target.SecretConfPath, target.SecretConfDisplayPath);
        return configuration.Enabled && configuration.EncryptionMode == mode ? configuration.FileAlgorithm?.Trim() : null;
    }

    /// <summary>True when this is the key <paramref name="target"/>'s keystore settings select for a vault of <paramref name="mode"/>.</summary>
    internal bool IsKeyOf(VaultTarget target, VaultEncryptionMode mode) =>
        Mode == mode
        && string.Equals(KeystorePath, Path.GetFullPath(target.Keystore.Path), StringComparison.Ordinal)
        && string.Equals(Alias, target.Keystore.Alias, StringComparison.OrdinalIgnoreCase);

    /// <summary>How the summary names the old key: its alias, and its keystore when that is not the vault's.</summary>
    internal string Describe(VaultTarget target) =>
        string.Equals(KeystorePath, Path.GetFullPath(target.Keystore.Path), StringComparison.Ordinal) ? $"'{Alias}'" : VaultText.RotateOldKeyIn(Alias, KeystorePath);

    /// <inheritdoc/>
    public void Dispose() => _owned.Dispose();
}
