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

        Assert.Equal("EC", entry.KeyAlgorithm);
        Assert.Equal(KeystoreErrorKind.UnsupportedAlgorithm, publicError.Kind);
        Assert.Equal(KeystoreErrorKind.UnsupportedAlgorithm, privateError.Kind);
        Assert.Contains("is EC; only RSA keys are supported", publicError.Message, StringComparison.Ordinal);
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
