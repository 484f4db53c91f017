using System.Security.Cryptography;
using System.Text.RegularExpressions;
using SecVault.Keystores;
using SecVault.Testing;

namespace SecVault.Tests.Keystores;

public sealed class KeystoreEntryTests
{
    private static readonly VectorManifest Manifest = VectorManifest.Load();

    public static TheoryData<string, string> RsaPrivateKeys()
    {
        var data = new TheoryData<string, string>();
        foreach (var k in Manifest.Keystores)
        {
            foreach (var e in k.Entries.Where(e => e.Kind == "PrivateKey" && e.Algorithm == "RSA"))
            {
                data.Add(k.Name, e.Alias);
            }
        }

        return data;
    }

    private static Keystore Load(string name)
    {
        var v = Manifest.Keystore(name);
        return Keystore.Load(VectorManifest.KeystorePath(v), v.StorePassword);
    }

    [Theory]
    [MemberData(nameof(RsaPrivateKeys))]
    public void GetRsaPrivateKey_unlocks_every_vector_key_matching_its_certificate(string name, string alias)
    {
        var entry = Load(name).GetEntry(alias);

        using var privateKey = entry.GetRsaPrivateKey(Manifest.Keystore(name).KeyPassword);
        using var publicKey = entry.GetRsaPublicKey();

        Assert.Equal(entry.KeySizeBits, privateKey.KeySize);
        Assert.Equal(publicKey.ExportParameters(false).Modulus, privateKey.ExportParameters(false).Modulus);
        var signature = privateKey.SignData("probe"u8, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        Assert.True(publicKey.VerifyData("probe"u8, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Theory]
    [InlineData("jks-distinct-key-password")]
    [InlineData("jceks-rsa2048")]
    [InlineData("p12-pbes2")]
    public void GetRsaPrivateKey_reports_a_wrong_key_password_without_any_password(string name)
    {
        var v = Manifest.Keystore(name);
        var entry = Load(name).GetEntry("wso2carbon");
        var wrong = name == "jks-distinct-key-password" ? v.StorePassword : "wrong-key-pass";

        var error = Assert.Throws<KeystoreException>(() => entry.GetRsaPrivateKey(wrong));

        Assert.Equal(KeystoreErrorKind.WrongKeyPassword, error.Kind);
        Assert.Equal("wso2carbon", error.Alias);
        Assert.Contains("key password", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(v.KeyPassword, error.ToString().Replace("'wso2carbon'", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void GetRsaPrivateKey_accepts_a_key_password_that_differs_from_the_store_password()
    {
        var v = Manifest.Keystore("jks-distinct-key-password");

        using var key = Load(v.Name).GetEntry("wso2carbon").GetRsaPrivateKey(v.KeyPassword);

        Assert.Equal(2048, key.KeySize);
    }

    [Fact]
    public void An_EC_key_is_reported_as_unsupported_naming_its_algorithm()
    {
        var entry = Load("jks-ec").GetEntry("wso2carbon");

        var publicError = Assert.Throws<KeystoreException>(() => entry.GetRsaPublicKey());
        var privateError = Assert.Throws<KeystoreException>(() => entry.GetRsaPrivateKey("wso2carbon"));

        var message = $"key 'wso2carbon' in keystore {VectorManifest.KeystorePath(Manifest.Keystore("jks-ec"))} is EC; only RSA keys are supported";
        Assert.Equal("EC", entry.KeyAlgorithm);
        Assert.Equal((KeystoreErrorKind.UnsupportedAlgorithm, message, "wso2carbon"), (publicError.Kind, publicError.Message, publicError.Alias));
        Assert.Equal((KeystoreErrorKind.UnsupportedAlgorithm, message), (privateError.Kind, privateError.Message));
    }

    [Theory]
    // RFC 8017 / RFC 4055, RFC 5480, RFC 3279 and RFC 8410 name these OIDs.
    [InlineData("1.2.840.113549.1.1.1", "RSA")]
    [InlineData("1.2.840.113549.1.1.10", "RSASSA-PSS")]
    [InlineData("1.2.840.10045.2.1", "EC")]
    [InlineData("1.2.840.10040.4.1", "DSA")]
    [InlineData("1.3.101.112", "Ed25519")]
    [InlineData("1.3.101.113", "Ed448")]
    [InlineData("1.3.101.110", "X25519")]
    [InlineData("1.3.101.111", "X448")]
    [InlineData("1.2.3.4", "1.2.3.4")]
    [InlineData(null, "unknown")]
    public void AlgorithmName_names_the_public_key_algorithms_and_keeps_other_oids(string? oid, string name)
    {
        Assert.Equal(name, KeystoreEntry.AlgorithmName(oid));
    }

    [Fact]
    public void Certificates_openssl_makes_with_dsa_and_ed25519_keys_give_their_algorithm_and_size_and_are_refused_for_rsa()
    {
        using var temp = new TempFolder();
        OpenSsl(temp, "genpkey", "-genparam", "-algorithm", "DSA", "-pkeyopt", "dsa_paramgen_bits:1024", "-out", "dsa.param");
        OpenSsl(temp, "req", "-x509", "-newkey", "dsa:dsa.param", "-nodes", "-keyout", "dsa.key", "-out", "dsa.crt", "-subj", "/CN=d", "-days", "2");
        OpenSsl(temp, "req", "-x509", "-newkey", "ed25519", "-nodes", "-keyout", "ed.key", "-out", "ed.crt", "-subj", "/CN=e", "-days", "2");
        using var dsaCertificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(temp.Combine("dsa.crt"));
        using var edCertificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(temp.Combine("ed.crt"));
        var dsa = new KeystoreEntry("store.p12", "d", KeystoreEntryKind.TrustedCertificate, dsaCertificate, null);
        var ed = new KeystoreEntry("store.p12", "e", KeystoreEntryKind.TrustedCertificate, edCertificate, null);

        var error = Assert.Throws<KeystoreException>(() => dsa.GetRsaPublicKey());

        Assert.Equal(("DSA", 1024), (dsa.KeyAlgorithm, dsa.KeySizeBits));
        Assert.Equal(("Ed25519", 0), (ed.KeyAlgorithm, ed.KeySizeBits));
        Assert.Equal((KeystoreErrorKind.UnsupportedAlgorithm, "key 'd' in keystore store.p12 is DSA; only RSA keys are supported"), (error.Kind, error.Message));
        Assert.Equal("key 'e' in keystore store.p12 is Ed25519; only RSA keys are supported", Assert.Throws<KeystoreException>(() => ed.GetRsaPublicKey()).Message);
    }

    private static void OpenSsl(TempFolder temp, params string[] args)
    {
        var result = ToolProcess.RunProgram("openssl", args, temp.Path, string.Empty, null);
        Assert.True(result.Exit == 0, $"openssl {args[0]} failed: {result.Err}");
    }

    [Fact]
    public void A_private_key_entry_that_does_not_import_as_pkcs8_is_a_damaged_keystore()
    {
        // An unprotector that hands back bytes that are no PKCS#8 key, as a damaged keystore would.
        var certificate = Load("jks-rsa2048").GetEntry("wso2carbon").Certificate;
        var entry = new KeystoreEntry("store.jks", "k", KeystoreEntryKind.PrivateKey, certificate, _ => [0x30, 0x00]);

        var error = Assert.Throws<KeystoreException>(() => entry.GetRsaPrivateKey("pw"));

        Assert.Equal((KeystoreErrorKind.Tampered, "keystore store.jks is damaged and cannot be read", "k", "store.jks"), (error.Kind, error.Message, error.Alias, error.Path));
        Assert.IsAssignableFrom<CryptographicException>(error.InnerException);
    }

    [Fact]
    public void A_private_key_entry_without_an_unprotector_has_no_private_key()
    {
        var certificate = Load("jks-rsa2048").GetEntry("wso2carbon").Certificate;
        var entry = new KeystoreEntry("store.jks", "k", KeystoreEntryKind.PrivateKey, certificate, null);

        var error = Assert.Throws<KeystoreException>(() => entry.GetRsaPrivateKey("pw"));

        Assert.Equal((KeystoreErrorKind.NoPrivateKey, "'k' in keystore store.jks is a trusted certificate without a private key; it can encrypt but not decrypt"), (error.Kind, error.Message));
    }

    [Fact]
    public void A_secret_key_entry_without_a_reader_is_refused_as_unreadable()
    {
        var entry = new KeystoreEntry("store.jceks", "s", KeystoreEntryKind.SecretKey, null, null);

        var error = Assert.Throws<KeystoreException>(() => entry.GetSecretKey("pw"));

        Assert.False(entry.CanReadSecretKey);
        Assert.Equal((KeystoreErrorKind.UnsupportedProtection, "'s' in keystore store.jceks is a secret key SecVault cannot read (PKCS12 and JCEKS secret keys as keytool -genseckey writes them are read)", "s"), (error.Kind, error.Message, error.Alias));
        Assert.Equal(KeystoreErrorKind.SecretKeyEntry, Assert.Throws<KeystoreException>(() => entry.NotAfter).Kind);
    }

    [Fact]
    public void A_JCEKS_secret_key_entry_is_recognised_and_refused()
    {
        var entry = Load("jceks-secretkey").GetEntry("wso2carbon");

        Assert.Equal(KeystoreEntryKind.SecretKey, entry.Kind);
        Assert.Equal(KeystoreErrorKind.SecretKeyEntry, Assert.Throws<KeystoreException>(() => entry.Certificate).Kind);
        Assert.Equal(KeystoreErrorKind.SecretKeyEntry, Assert.Throws<KeystoreException>(() => entry.GetRsaPublicKey()).Kind);
        var error = Assert.Throws<KeystoreException>(() => entry.GetRsaPrivateKey("wso2carbon"));
        Assert.Equal(KeystoreErrorKind.SecretKeyEntry, error.Kind);
        Assert.Contains("secret (symmetric) key", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("jks-multi")]
    [InlineData("p12-multi")]
    public void A_trusted_certificate_encrypts_but_has_no_private_key(string name)
    {
        var entry = Load(name).GetEntry("trusted-ca");

        using var publicKey = entry.GetRsaPublicKey();
        var error = Assert.Throws<KeystoreException>(() => entry.GetRsaPrivateKey(Manifest.Keystore(name).KeyPassword));

        Assert.Equal(KeystoreEntryKind.TrustedCertificate, entry.Kind);
        Assert.Equal(2048, publicKey.KeySize);
        Assert.Equal(KeystoreErrorKind.NoPrivateKey, error.Kind);
        Assert.Equal($"'trusted-ca' in keystore {VectorManifest.KeystorePath(Manifest.Keystore(name))} is a trusted certificate without a private key; it can encrypt but not decrypt", error.Message);
    }

    [Fact]
    public void CertificateSha256_is_in_keytool_form_and_NotAfter_is_the_certificate_expiry()
    {
        var entry = Load("jks-expired").GetEntry("wso2carbon");

        Assert.Matches(new Regex("^([0-9A-F]{2}:){31}[0-9A-F]{2}$"), entry.CertificateSha256);
        Assert.Equal(KeystoreEntry.Fingerprint(entry.Certificate), entry.CertificateSha256);
        Assert.True(entry.NotAfter < DateTimeOffset.UtcNow);
        Assert.Equal(TimeSpan.Zero, entry.NotAfter.Offset);
    }
}
