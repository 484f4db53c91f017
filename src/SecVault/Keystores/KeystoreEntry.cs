using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SecVault.Ciphers.Native;

namespace SecVault.Keystores;

/// <summary>Unprotects a private key: the PKCS#8 DER of the key, or null when the password is wrong.</summary>
internal delegate byte[]? PrivateKeyUnprotector(ReadOnlySpan<char> keyPassword);

/// <summary>Unprotects a secret key: its raw bytes and algorithm, or null when the password is wrong.</summary>
internal delegate SecretKeyMaterial? SecretKeyUnprotector(ReadOnlySpan<char> password);

/// <summary>One entry of a <see cref="Keystore"/>: a private key with its certificate, a trusted certificate or a secret key.</summary>
public sealed class KeystoreEntry
{
    private const string RsaOid = "1.2.840.113549.1.1.1";

    private readonly X509Certificate2? _certificate;
    private readonly PrivateKeyUnprotector? _unprotector;
    private readonly SecretKeyUnprotector? _secretUnprotector;
    private readonly string _path;

    internal KeystoreEntry(string path, string alias, KeystoreEntryKind kind, X509Certificate2? certificate, PrivateKeyUnprotector? unprotector, SecretKeyUnprotector? secretUnprotector = null)
    {
        _path = path;
        _secretUnprotector = secretUnprotector;
        Alias = alias;
        Kind = kind;
        _certificate = certificate;
        _unprotector = unprotector;
        if (certificate is not null)
        {
            KeyAlgorithm = AlgorithmName(certificate.PublicKey.Oid.Value);
            KeySizeBits = KeySize(certificate, KeyAlgorithm);
            CertificateSha256 = Fingerprint(certificate);
        }
        else
        {
            KeyAlgorithm = kind == KeystoreEntryKind.PrivateKey ? "unknown" : "secret key";
            CertificateSha256 = string.Empty;
        }
    }

    /// <summary>
    /// A private key stored without a certificate (openssl's <c>pkcs12 -export -nocerts</c>; the JDK loads it with an
    /// empty chain): it decrypts, but everything that needs the certificate (encrypting, fingerprint, expiry) refuses.
    /// </summary>
    internal KeystoreEntry(string path, string alias, string keyAlgorithm, int keySizeBits, PrivateKeyUnprotector unprotector)
        : this(path, alias, KeystoreEntryKind.PrivateKey, certificate: null, unprotector)
    {
        KeyAlgorithm = keyAlgorithm;
        KeySizeBits = keySizeBits;
    }

    /// <summary>The alias as stored in the keystore.</summary>
    public string Alias { get; }

    /// <summary>What the entry holds.</summary>
    internal KeystoreEntryKind Kind { get; }

    /// <summary>The certificate (the first of a private key's chain); a secret-key entry and a key stored without one throw.</summary>
    public X509Certificate2 Certificate => _certificate
        ?? throw (Kind == KeystoreEntryKind.PrivateKey
            ? new KeystoreException(KeystoreErrorKind.NoCertificate, KeystoresText.KeystoreNoCertificate(_path, Alias), _path, Alias, KeystoresText.KeystoreNoCertificateHint)
            : SecretKeyError());

    /// <summary>False for a secret key and for a private key stored without its certificate.</summary>
    internal bool HasCertificate => _certificate is not null;

    /// <summary>The public key's algorithm, such as <c>RSA</c> or <c>EC</c> (<c>secret key</c> for a secret-key entry).</summary>
    public string KeyAlgorithm { get; }

    /// <summary>The public key's size in bits (0 when unknown or for a secret-key entry).</summary>
    public int KeySizeBits { get; }

    /// <summary>SHA-256 of the certificate's DER bytes in keytool form (<c>AB:CD:…</c>); empty for a secret-key entry.</summary>
    public string CertificateSha256 { get; }

    /// <summary>The end of the certificate's validity; a secret-key entry throws.</summary>
    public DateTimeOffset NotAfter => new(Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);

    /// <summary>The keytool fingerprint form of a certificate: upper-case hex pairs of its SHA-256 joined by colons.</summary>
    internal static string Fingerprint(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Fingerprint(certificate.RawData);
    }

    /// <summary>
    /// The keytool fingerprint form of a certificate's DER. The hash is libcrypto's when it loads (so reading
    /// <c>keystore_info.yaml</c> does not load .NET's OpenSSL shim), else .NET's: the same SHA-256.
    /// </summary>
    internal static string Fingerprint(ReadOnlySpan<byte> certificateDer)
    {
        Span<byte> hash = stackalloc byte[NativeDigest.Sha256Bytes];
        if (!NativeDigest.TrySha256(certificateDer, hash))
        {
            SHA256.HashData(certificateDer, hash);
        }

        var hex = Convert.ToHexString(hash);
        return string.Join(':', Enumerable.Range(0, hex.Length / 2).Select(i => hex.Substring(i * 2, 2)));
    }

    /// <summary>A new RSA object holding the certificate's public key (the caller disposes it); non-RSA keys throw.</summary>
    public RSA GetRsaPublicKey()
    {
        var certificate = Certificate;
        EnsureRsa();
        return certificate.GetRSAPublicKey()
            ?? throw new KeystoreException(KeystoreErrorKind.UnsupportedAlgorithm, KeystoresText.KeystoreUnsupportedAlgorithm(_path, Alias, KeyAlgorithm), _path, Alias);
    }

    /// <summary>A new RSA object holding the private key (the caller disposes it), unlocked with the key password.</summary>
    internal RSA GetRsaPrivateKey(ReadOnlySpan<char> keyPassword)
    {
        if (Kind == KeystoreEntryKind.SecretKey)
        {
            throw SecretKeyError();
        }

        if (Kind == KeystoreEntryKind.TrustedCertificate || _unprotector is null)
        {
            throw new KeystoreException(KeystoreErrorKind.NoPrivateKey, KeystoresText.KeystoreNoPrivateKey(_path, Alias), _path, Alias);
        }

        EnsureRsa();
        var pkcs8 = _unprotector(keyPassword)
            ?? throw WrongKeyPasswordError();
        try
        {
            var rsa = RSA.Create();
            try
            {
                rsa.ImportPkcs8PrivateKey(pkcs8, out _);
                return rsa;
            }
            catch (CryptographicException ex)
            {
                rsa.Dispose();
                throw new KeystoreException(KeystoreErrorKind.Tampered, KeystoresText.KeystoreDamaged(_path), _path, Alias, innerException: ex);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <summary>True when this is a secret-key entry whose key SecVault can read (PKCS12 secret bags).</summary>
    internal bool CanReadSecretKey => _secretUnprotector is not null;

    /// <summary>
    /// The raw bytes and algorithm of a secret-key entry, unlocked with <paramref name="password"/> (the caller zeroes
    /// the bytes); any other entry, or a secret key SecVault cannot read, throws.
    /// </summary>
    internal SecretKeyMaterial GetSecretKey(ReadOnlySpan<char> password)
    {
        if (Kind != KeystoreEntryKind.SecretKey)
        {
            throw new KeystoreException(KeystoreErrorKind.NotASecretKey, KeystoresText.KeystoreNotASecretKey(_path, Alias), _path, Alias);
        }

        if (_secretUnprotector is null)
        {
            throw new KeystoreException(KeystoreErrorKind.UnsupportedProtection, KeystoresText.KeystoreSecretKeyUnreadable(_path, Alias), _path, Alias);
        }

        return _secretUnprotector(password)
            ?? throw WrongKeyPasswordError();
    }

    internal static string AlgorithmName(string? oid) => oid switch
    {
        RsaOid => "RSA",
        "1.2.840.113549.1.1.10" => "RSASSA-PSS",
        "1.2.840.10045.2.1" => "EC",
        "1.2.840.10040.4.1" => "DSA",
        "1.3.101.112" => "Ed25519",
        "1.3.101.113" => "Ed448",
        "1.3.101.110" => "X25519",
        "1.3.101.111" => "X448",
        _ => oid ?? "unknown",
    };

    private static int KeySize(X509Certificate2 certificate, string algorithm)
    {
        try
        {
            switch (algorithm)
            {
                case "RSA":
                {
                    using var rsa = certificate.GetRSAPublicKey();
                    return rsa?.KeySize ?? 0;
                }

                case "EC":
                {
                    using var ec = certificate.GetECDsaPublicKey();
                    return ec?.KeySize ?? 0;
                }

                case "DSA":
                {
                    using var dsa = certificate.GetDSAPublicKey();
                    return dsa?.KeySize ?? 0;
                }

                default:
                    return 0;
            }
        }
        catch (CryptographicException)
        {
            return 0;
        }
    }

    private void EnsureRsa()
    {
        if (KeyAlgorithm != "RSA")
        {
            throw new KeystoreException(KeystoreErrorKind.UnsupportedAlgorithm, KeystoresText.KeystoreUnsupportedAlgorithm(_path, Alias, KeyAlgorithm), _path, Alias);
        }
    }

    private KeystoreException WrongKeyPasswordError() =>
        new(KeystoreErrorKind.WrongKeyPassword, KeystoresText.KeystoreWrongKeyPassword(_path, Alias), _path, Alias, KeystoresText.KeystoreWrongKeyPasswordHint);

    private KeystoreException SecretKeyError() =>
        new(KeystoreErrorKind.SecretKeyEntry, KeystoresText.KeystoreSecretKeyEntry(_path, Alias), _path, Alias);
}
