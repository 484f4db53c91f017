using System.Security.Cryptography;
using SecVault.Keystores;
using SecVault.Testing;

namespace SecVault.Tests.Keystores;

/// <summary>
/// The secret-key keystores keytool made (tests/vectors/generate-secretkeys.sh, listed in secretkeys.json): every form
/// is read to the key bytes the JDK read back (compared by their SHA-256, which the JDK side recorded) and its algorithm.
/// </summary>
public sealed class SecretKeyVectorTests
{
    private static readonly VectorManifest Manifest = VectorManifest.LoadSecretKeys();

    public static TheoryData<string, string> SecretKeyEntries()
    {
        var data = new TheoryData<string, string>();
        foreach (var keystore in Manifest.Keystores)
        {
            foreach (var entry in keystore.Entries.Where(e => e.Kind == "SecretKey"))
            {
                data.Add(keystore.Name, entry.Alias);
            }
        }

        return data;
    }

    private static Keystore Load(string name, string? password = null)
    {
        var vector = Manifest.Keystore(name);
        return Keystore.Load(VectorManifest.KeystorePath(vector), password ?? vector.StorePassword);
    }

    /// <summary>keytool's fingerprint form of a key's SHA-256, as VectorGen writes it; the key itself never shows.</summary>
    private static string Sha256(byte[] key) => string.Join(':', SHA256.HashData(key).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>
    /// The algorithm SecVault reports: the JDK's name, except for the PKCS12 bags whose OID SecVault keeps as it is
    /// (the JDK names them DES/CBC and HmacSHA256): 1.3.14.3.2.7 is desCBC (OIW), 1.2.840.113549.2.9 hmacWithSHA256 (RFC 8018).
    /// </summary>
    private static string ExpectedAlgorithm(VectorKeystore keystore, VectorEntry entry) => (keystore.Type, entry.Algorithm) switch
    {
        ("PKCS12", "DES/CBC") => "1.3.14.3.2.7",
        ("PKCS12", "HmacSHA256") => "1.2.840.113549.2.9",
        _ => entry.Algorithm,
    };

    [Theory]
    [MemberData(nameof(SecretKeyEntries))]
    public void Every_secret_key_form_keytool_writes_opens_to_the_bytes_and_algorithm_the_jdk_read(string name, string alias)
    {
        var vector = Manifest.Keystore(name);
        var expected = vector.Entry(alias);
        var keystore = Load(name);
        var entry = keystore.GetEntry(alias);

        using var material = entry.GetSecretKey(vector.KeyPassword);

        Assert.Equal((KeystoreEntryKind.SecretKey, true), (entry.Kind, entry.CanReadSecretKey));
        Assert.Equal((ExpectedAlgorithm(vector, expected), expected.KeySize), (material.Algorithm, material.Key.Length * 8));
        Assert.Equal(expected.SecretKeySha256, Sha256(material.Key));
    }

    [Theory]
    [InlineData("jceks-secretkeys", KeystoreType.Jceks)]
    [InlineData("p12-secretkeys", KeystoreType.Pkcs12)]
    public void A_key_pair_after_the_secret_keys_is_read_with_its_certificate(string name, KeystoreType type)
    {
        var vector = Manifest.Keystore(name);
        var keystore = Load(name);
        var rsa = keystore.GetEntry("rsa");

        using var key = rsa.GetRsaPrivateKey(vector.KeyPassword);

        Assert.Equal(type, keystore.Type);
        Assert.Equal(vector.Entries.Select(e => e.Alias).Order(StringComparer.Ordinal), keystore.Aliases.Order(StringComparer.Ordinal));
        Assert.Equal((KeystoreEntryKind.PrivateKey, "RSA", 2048), (rsa.Kind, rsa.KeyAlgorithm, key.KeySize));
        Assert.Equal(vector.Entry("rsa").CertificateSha256, rsa.CertificateSha256);
    }

    [Theory]
    [MemberData(nameof(SecretKeyEntries))]
    public void A_secret_key_entry_has_no_certificate_and_no_private_key(string name, string alias)
    {
        var entry = Load(name).GetEntry(alias);
        var path = VectorManifest.KeystorePath(Manifest.Keystore(name));

        var certificate = Assert.Throws<KeystoreException>(() => entry.Certificate);
        var privateKey = Assert.Throws<KeystoreException>(() => entry.GetRsaPrivateKey("anything"));

        var message = $"'{alias}' in keystore {path} is a secret (symmetric) key; SecVault needs an RSA key pair";
        Assert.Equal((KeystoreErrorKind.SecretKeyEntry, message, alias), (certificate.Kind, certificate.Message, certificate.Alias));
        Assert.Equal((KeystoreErrorKind.SecretKeyEntry, message), (privateKey.Kind, privateKey.Message));
        Assert.Equal(("secret key", 0, string.Empty), (entry.KeyAlgorithm, entry.KeySizeBits, entry.CertificateSha256));
    }

    [Theory]
    [InlineData("jceks-secretkeys", "aes128")]
    [InlineData("jceks-secretkeys", "des")]
    [InlineData("jceks-secretkeys", "desede")]
    [InlineData("p12-secretkeys", "aes256")]
    [InlineData("p12-secretkeys", "hmacsha256")]
    public void A_wrong_password_for_a_secret_key_is_a_wrong_key_password_error(string name, string alias)
    {
        var entry = Load(name).GetEntry(alias);
        var path = VectorManifest.KeystorePath(Manifest.Keystore(name));

        var error = Assert.Throws<KeystoreException>(() => entry.GetSecretKey("not-the-password"));

        Assert.Equal((KeystoreErrorKind.WrongKeyPassword, $"the key password does not unlock key '{alias}' in keystore {path}", alias, path), (error.Kind, error.Message, error.Alias, error.Path));
        Assert.Equal("check the key password (keytool's -keypass); it may differ from the store password", error.Hint);
    }

    [Fact]
    public void A_jceks_secret_key_with_its_own_password_opens_with_it_and_not_with_the_store_password()
    {
        var vector = Manifest.Keystore("jceks-secretkey-keypass");
        var entry = Load(vector.Name).GetEntry("vaultkey");

        var error = Assert.Throws<KeystoreException>(() => entry.GetSecretKey(vector.StorePassword));
        using var material = entry.GetSecretKey(vector.KeyPassword);

        Assert.Equal(KeystoreErrorKind.WrongKeyPassword, error.Kind);
        Assert.Equal(("AES", vector.Entry("vaultkey").SecretKeySha256), (material.Algorithm, Sha256(material.Key)));
    }

    [Fact]
    public void A_private_key_entry_is_not_a_secret_key()
    {
        var name = "jceks-secretkeys";
        var path = VectorManifest.KeystorePath(Manifest.Keystore(name));

        var error = Assert.Throws<KeystoreException>(() => Load(name).GetEntry("rsa").GetSecretKey("secretkeys-pw"));

        Assert.Equal((KeystoreErrorKind.NotASecretKey, $"'rsa' in keystore {path} is not a secret (symmetric) key", "rsa"), (error.Kind, error.Message, error.Alias));
    }
}
