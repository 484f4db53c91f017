using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using System.Text;
using SecVault.Ciphers;
using SecVault.Ciphers.Native;
using SecVault.Keystores;
using SecVault.SecretOutput;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SecVault.CliConfig;

/// <summary>
/// The content of <c>keystore_info.yaml</c> (formats.md): where the keystore is, its type, the alias, and the
/// alias's certificate with its SHA-256. It holds no password; <c>mi secret create</c> needs only the certificate.
/// </summary>
public sealed class KeystoreInfo
{
    /// <summary>The only <c>formatVersion</c> written and read.</summary>
    internal const int FormatVersion = 1;

    private const string Header = "Written by 'mi secret init'. Holds no password.";

    private readonly byte[] _certificateDer;
    private readonly CertificatePublicKey? _publicKey;
    private readonly Lazy<X509Certificate2> _certificate;

    private KeystoreInfo(string keystorePath, KeystoreType keystoreType, string keyAlias, byte[] certificateDer, X509Certificate2? certificate, CertificatePublicKey? publicKey)
    {
        KeystorePath = keystorePath;
        KeystoreType = keystoreType;
        KeyAlias = keyAlias;
        _certificateDer = certificateDer;
        _certificate = certificate is null ? new(() => X509CertificateLoader.LoadCertificate(certificateDer)) : new(() => certificate);
        _publicKey = publicKey;
        CertificateSha256 = KeystoreEntry.Fingerprint(certificateDer);
        if (publicKey is not null)
        {
            KeySizeBits = publicKey.KeySizeBits;
        }
        else
        {
            using var rsa = Certificate.GetRSAPublicKey();
            KeySizeBits = rsa?.KeySize ?? 0;
        }
    }

    /// <summary>The keystore's absolute path when <c>init</c> ran.</summary>
    public string KeystorePath { get; }

    /// <summary>The keystore's format.</summary>
    public KeystoreType KeystoreType { get; }

    /// <summary>The alias as stored in the keystore.</summary>
    public string KeyAlias { get; }

    /// <summary>The alias's certificate; made on first use when the file was read (<c>create</c> needs only its key).</summary>
    internal X509Certificate2 Certificate => _certificate.Value;

    /// <summary>SHA-256 of the certificate's DER bytes, keytool form.</summary>
    public string CertificateSha256 { get; }

    /// <summary>The RSA key size in bits.</summary>
    public int KeySizeBits { get; }

    /// <summary>The end of the certificate's validity.</summary>
    public DateTimeOffset NotAfter => new(Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);

    /// <summary>
    /// Opens the keystore (checking its integrity with the store password), finds <paramref name="alias"/> and takes
    /// its certificate, which must hold an RSA key. No key password is needed.
    /// </summary>
    public static KeystoreInfo FromKeystore(string path, KeystoreType? declared, string alias, ReadOnlySpan<char> storePassword)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(alias);
        var full = Path.GetFullPath(path);
        var keystore = Keystore.Load(full, storePassword, declared);
        var entry = keystore.GetEntry(alias);
        using (entry.GetRsaPublicKey())
        {
            // Only the check matters here: a secret key or a non-RSA key throws.
        }

        return new KeystoreInfo(full, keystore.Type, entry.Alias, entry.Certificate.RawData, entry.Certificate, publicKey: null);
    }

    /// <summary>A new RSA object with the certificate's public key (the caller disposes it).</summary>
    internal RSA GetRsaPublicKey() => Certificate.GetRSAPublicKey()
        ?? throw new InvalidOperationException("the certificate holds no RSA key");

    /// <summary>
    /// An encryptor with the certificate's public key. When the file's certificate was read without .NET's loader, the
    /// key goes from its SubjectPublicKeyInfo straight to libcrypto, so a single <c>mi secret create</c> never loads .NET's
    /// OpenSSL shim; .NET's RSA is the fallback (no libcrypto.so.3, or <c>SECVAULT_NATIVE_RSA=0</c>).
    /// </summary>
    public SecretEncryptor CreateEncryptor(Transformation transformation, string? transformationDisplayName = null) =>
        CreateEncryptor(transformation, transformationDisplayName, NativeRsa.Enabled);

    /// <summary>As <see cref="CreateEncryptor(Transformation, string?)"/>; <paramref name="useNative"/> false keeps to .NET's RSA.</summary>
    internal SecretEncryptor CreateEncryptor(Transformation transformation, string? transformationDisplayName, bool useNative)
    {
        ArgumentNullException.ThrowIfNull(transformation);
        var publicKeyInfo = _publicKey?.SubjectPublicKeyInfo ?? Certificate.PublicKey.ExportSubjectPublicKeyInfo();
        return new SecretEncryptor(publicKeyInfo, KeySizeBits, transformation, transformationDisplayName, useNative);
    }

    /// <summary>The file's bytes: UTF-8, LF, fields in the order of formats.md.</summary>
    internal byte[] ToYaml()
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = YamlText.CreateEmitter(writer);
        YamlText.BeginDocument(emitter, Header);
        YamlText.BeginMapping(emitter);
        YamlText.Scalar(emitter, "formatVersion");
        YamlText.PlainScalar(emitter, FormatVersion.ToString(CultureInfo.InvariantCulture));
        YamlText.Scalar(emitter, "keyStorePath");
        YamlText.Scalar(emitter, KeystorePath);
        YamlText.Scalar(emitter, "keyStoreType");
        YamlText.Scalar(emitter, KeystoreType.ToJavaName());
        YamlText.Scalar(emitter, "keyAlias");
        YamlText.Scalar(emitter, KeyAlias);
        YamlText.Scalar(emitter, "certificateSha256");
        YamlText.Scalar(emitter, CertificateSha256);
        YamlText.Scalar(emitter, "certificate");
        YamlText.Literal(emitter, new string(PemEncoding.Write("CERTIFICATE", _certificateDer)) + "\n");
        YamlText.EndMapping(emitter);
        YamlText.EndDocument(emitter);
        return new UTF8Encoding(false).GetBytes(writer.ToString());
    }

    /// <summary>
    /// Reads the file's text; <paramref name="path"/> names it in messages. Unknown fields are ignored; another
    /// version, a missing field, a bad PEM, a non-RSA key or a fingerprint mismatch is a <see cref="CliConfigException"/>.
    /// </summary>
    internal static KeystoreInfo Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(path);
        var fields = ReadFields(text, path);

        var version = Required(fields, "formatVersion", path);
        if (version != FormatVersion.ToString(CultureInfo.InvariantCulture))
        {
            throw Error(CliConfigErrorKind.UnsupportedVersion, CliConfigText.CliConfigUnsupportedVersion(path, version), path, "formatVersion");
        }

        var keystorePath = Required(fields, "keyStorePath", path);
        var typeName = Required(fields, "keyStoreType", path);
        if (!KeystoreTypes.TryParse(typeName, out var type))
        {
            throw Error(CliConfigErrorKind.InvalidField, CliConfigText.CliConfigInvalidField(path, "keyStoreType"), path, "keyStoreType");
        }

        var alias = Required(fields, "keyAlias", path);
        var sha256 = Required(fields, "certificateSha256", path);
        var der = ReadCertificateDer(Required(fields, "certificate", path), path);
        // The common case is read without .NET's X.509 loader (which loads its OpenSSL shim); anything else, a non-RSA key
        // included, takes the loader's way and its messages, as it always did.
        var publicKey = CertificatePublicKey.TryRead(der);
        X509Certificate2? certificate = null;
        if (publicKey is not { IsRsa: true })
        {
            publicKey = null;
            certificate = LoadCertificate(der, path);
            if (certificate.PublicKey.Oid.Value != CertificatePublicKey.RsaOid)
            {
                var algorithm = KeystoreEntry.AlgorithmName(certificate.PublicKey.Oid.Value);
                certificate.Dispose();
                throw Error(CliConfigErrorKind.UnsupportedKey, CliConfigText.CliConfigNotRsa(path, algorithm), path, "certificate");
            }
        }

        if (publicKey is { IsUsableRsa: false })
        {
            throw Error(CliConfigErrorKind.UnsupportedKey, CliConfigText.CliConfigUnusableRsa(path, CertificatePublicKey.MinRsaBits), path, "certificate");
        }

        var info = new KeystoreInfo(keystorePath, type, alias, der, certificate, publicKey);
        if (!string.Equals(info.CertificateSha256, sha256.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            throw Error(CliConfigErrorKind.FingerprintMismatch, CliConfigText.CliConfigFingerprintMismatch(path), path, "certificateSha256");
        }

        return info;
    }

    private static Dictionary<string, string> ReadFields(string text, string path)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            // YamlDotNet's own message may quote the text; only the position is reported.
            throw Error(CliConfigErrorKind.Malformed, CliConfigText.CliConfigMalformed(path, (int)ex.Start.Line, (int)ex.Start.Column), path, innerException: ex);
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet reports some malformed documents this way, without a position.
            throw Error(CliConfigErrorKind.Malformed, CliConfigText.CliConfigInvalidYaml(path), path, innerException: ex);
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
        {
            throw Error(CliConfigErrorKind.Malformed, CliConfigText.CliConfigNotMapping(path), path);
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: { } name } && value is YamlScalarNode { Value: { } scalar })
            {
                fields[name] = scalar;
            }
        }

        return fields;
    }

    private static string Required(Dictionary<string, string> fields, string name, string path) =>
        fields.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw Error(CliConfigErrorKind.MissingField, CliConfigText.CliConfigMissingField(path, name), path, name);

    private static byte[] ReadCertificateDer(string pem, string path)
    {
        try
        {
            var fields = PemEncoding.Find(pem);
            if (pem[fields.Label] is not "CERTIFICATE" || PemEncoding.TryFind(pem.AsSpan(fields.Location.End..), out _))
            {
                throw Error(CliConfigErrorKind.BadCertificate, CliConfigText.CliConfigBadCertificate(path), path, "certificate");
            }

            return Convert.FromBase64String(pem[fields.Base64Data]);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            throw Error(CliConfigErrorKind.BadCertificate, CliConfigText.CliConfigBadCertificate(path), path, "certificate", ex);
        }
    }

    private static X509Certificate2 LoadCertificate(byte[] der, string path)
    {
        try
        {
            return X509CertificateLoader.LoadCertificate(der);
        }
        catch (CryptographicException ex)
        {
            throw Error(CliConfigErrorKind.BadCertificate, CliConfigText.CliConfigBadCertificate(path), path, "certificate", ex);
        }
    }

    private static CliConfigException Error(CliConfigErrorKind error, string message, string path, string? field = null, Exception? innerException = null) =>
        new(error, message, path, field, CliConfigText.CliConfigRunInitHint, innerException);
}
