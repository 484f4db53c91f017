using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text;
using SecVault.Keystores;
using SecVault.Testing;

namespace SecVault.Tests.Keystores;

/// <summary>
/// JKS files rebuilt field by field from keytool's jks-rsa2048 vector (its protected key and certificate, the CA
/// certificate of jks-multi) and sealed with the JDK's digest, so one field at a time differs from what keytool writes.
/// </summary>
public sealed class JavaKeystoreReaderTests : IDisposable
{
    private const string Password = "wso2carbon";
    private const string SunKeyProtectorOid = "1.3.6.1.4.1.42.2.17.1.1";
    private const string JceksKeyProtectorOid = "1.3.6.1.4.1.42.2.19.1";
    private static readonly VectorManifest Manifest = VectorManifest.Load();
    private static readonly JavaKeystoreFile.KeyEntry Vector = JavaKeystoreFile.ReadKeyEntries(VectorBytes("jks-rsa2048")).Single();
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static byte[] VectorBytes(string name) => File.ReadAllBytes(VectorManifest.KeystorePath(Manifest.Keystore(name)));

    private static byte[] CaCertificate()
    {
        var vector = Manifest.Keystore("jks-multi");
        return Keystore.Load(VectorManifest.KeystorePath(vector), vector.StorePassword).GetEntry("trusted-ca").Certificate.RawData;
    }

    private string Write(JavaKeystoreFile.Writer content, string password = Password)
    {
        var path = _temp.Combine("store.jks");
        File.WriteAllBytes(path, JavaKeystoreFile.Seal(content.ToArray(), password));
        return path;
    }

    private static KeystoreException LoadFails(string path) => Assert.Throws<KeystoreException>(() => Keystore.Load(path, Password));

    /// <summary>
    /// An EncryptedPrivateKeyInfo (RFC 5208) of <paramref name="data"/> under the algorithm <paramref name="oid"/>, with the
    /// DER <paramref name="parameters"/> or else NULL.
    /// </summary>
    private static byte[] ProtectedKey(string oid, byte[] data, byte[]? parameters = null)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(oid);
                if (parameters is null)
                {
                    writer.WriteNull();
                }
                else
                {
                    writer.WriteEncodedValue(parameters);
                }
            }

            writer.WriteOctetString(data);
        }

        return writer.Encode();
    }

    private static string Damaged(string path) => $"keystore {path} is damaged and cannot be read";

    [Fact]
    public void The_rebuilt_vector_opens_so_each_change_below_is_the_only_difference()
    {
        var path = Write(JavaKeystoreFile.Writer.Jks(2, 1).KeyEntry(Vector.Alias, Vector.ProtectedKey, Vector.Chain));

        var entry = Keystore.Load(path, Password).GetEntry("wso2carbon");
        using var key = entry.GetRsaPrivateKey(Password);

        Assert.Equal(Manifest.Keystore("jks-rsa2048").Entry("wso2carbon").CertificateSha256, entry.CertificateSha256);
        Assert.Equal(2048, key.KeySize);
    }

    [Fact]
    public void A_version_1_file_whose_certificates_name_no_type_is_read()
    {
        var path = Write(JavaKeystoreFile.Writer.Jks(1, 2).KeyEntry(Vector.Alias, Vector.ProtectedKey, Vector.Chain, version: 1).TrustedEntry("ca", CaCertificate(), version: 1));

        var keystore = Keystore.Load(path, Password);

        Assert.Equal(["wso2carbon", "ca"], keystore.Aliases);
        Assert.Equal(Manifest.Keystore("jks-rsa2048").Entry("wso2carbon").CertificateSha256, keystore.GetEntry("wso2carbon").CertificateSha256);
        Assert.Equal((KeystoreEntryKind.TrustedCertificate, Manifest.Keystore("jks-multi").Entry("trusted-ca").CertificateSha256), (keystore.GetEntry("ca").Kind, keystore.GetEntry("ca").CertificateSha256));
    }

    [Fact]
    public void The_first_certificate_of_a_chain_is_the_entry_s_certificate()
    {
        var path = Write(JavaKeystoreFile.Writer.Jks(2, 1).KeyEntry(Vector.Alias, Vector.ProtectedKey, [Vector.Chain[0], CaCertificate()]));

        Assert.Equal(Manifest.Keystore("jks-rsa2048").Entry("wso2carbon").CertificateSha256, Keystore.Load(path, Password).GetEntry("wso2carbon").CertificateSha256);
    }

    [Fact]
    public void An_empty_store_of_32_bytes_opens_and_one_byte_less_is_truncated()
    {
        var path = Write(JavaKeystoreFile.Writer.Jks(2, 0));
        var cut = _temp.Combine("cut.jks");
        File.WriteAllBytes(cut, File.ReadAllBytes(path)[..^1]);

        Assert.Equal(32, new FileInfo(path).Length);
        Assert.Empty(Keystore.Load(path, Password).Aliases);
        var error = Assert.Throws<KeystoreException>(() => Keystore.Load(cut, Password));
        Assert.Equal((KeystoreErrorKind.Truncated, $"keystore {cut} is truncated"), (error.Kind, error.Message));
    }

    [Theory]
    [InlineData(0, 1, "unknown keystore version")]
    [InlineData(3, 1, "unknown keystore version")]
    [InlineData(2, -1, "negative entry count")]
    [InlineData(2, 0, "bytes after the last entry")]
    public void A_header_that_does_not_match_the_entries_is_a_damaged_keystore(int version, int count, string reason)
    {
        var path = Write(JavaKeystoreFile.Writer.Jks(version, count).KeyEntry(Vector.Alias, Vector.ProtectedKey, Vector.Chain));

        var error = LoadFails(path);

        Assert.Equal((KeystoreErrorKind.Tampered, Damaged(path), null), (error.Kind, error.Message, error.Alias));
        Assert.Equal(reason, Assert.IsType<InvalidDataException>(error.InnerException).Message);
    }

    [Fact]
    public void More_entries_counted_than_written_is_a_truncated_keystore()
    {
        var path = Write(JavaKeystoreFile.Writer.Jks(2, 2).KeyEntry(Vector.Alias, Vector.ProtectedKey, Vector.Chain));

        var error = LoadFails(path);

        Assert.Equal((KeystoreErrorKind.Truncated, $"keystore {path} is truncated"), (error.Kind, error.Message));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)] // a JCEKS secret key, in a file with the JKS magic
    [InlineData(4)]
    public void An_entry_tag_jks_does_not_have_is_a_damaged_keystore(int tag)
    {
        var path = Write(JavaKeystoreFile.Writer.Jks(2, 1).Int32(tag).Utf("x").Int64(0).Int32(0).Int32(0));

        var error = LoadFails(path);

        Assert.Equal((KeystoreErrorKind.Tampered, Damaged(path)), (error.Kind, error.Message));
        Assert.Equal("unknown entry tag", error.InnerException!.Message);
    }

    [Fact]
    public void A_certificate_that_does_not_parse_is_a_damaged_keystore_naming_the_alias()
    {
        var path = Write(JavaKeystoreFile.Writer.Jks(2, 1).TrustedEntry("ca", [0x30, 0x03, 0x02, 0x01, 0x01]));

        var error = LoadFails(path);

        Assert.Equal((KeystoreErrorKind.Tampered, Damaged(path), "ca"), (error.Kind, error.Message, error.Alias));
        Assert.IsAssignableFrom<CryptographicException>(error.InnerException);
    }

    [Fact]
    public void A_key_protected_with_an_algorithm_sun_does_not_define_is_unsupported_naming_it()
    {
        var path = Write(JavaKeystoreFile.Writer.Jks(2, 1).KeyEntry("k", ProtectedKey("1.2.3.4", new byte[64]), Vector.Chain));
        var entry = Keystore.Load(path, Password).GetEntry("k");

        var error = Assert.Throws<KeystoreException>(() => entry.GetRsaPrivateKey(Password));

        Assert.Equal((KeystoreErrorKind.UnsupportedAlgorithm, $"key 'k' in keystore {path} is protected with 1.2.3.4, which SecVault cannot read", "k"), (error.Kind, error.Message, error.Alias));
    }

    [Theory]
    [InlineData(new byte[0], "empty protected key")]
    [InlineData(new byte[] { 0x01, 0x02 }, "bad protected key")]
    [InlineData(new byte[] { 0x05, 0x00 }, "bad protected key")] // DER, but a NULL rather than a SEQUENCE
    public void A_protected_key_that_is_not_an_encrypted_private_key_info_is_a_damaged_keystore(byte[] protectedKey, string reason)
    {
        var path = Write(JavaKeystoreFile.Writer.Jks(2, 1).KeyEntry("k", protectedKey, Vector.Chain));
        var entry = Keystore.Load(path, Password).GetEntry("k");

        var error = Assert.Throws<KeystoreException>(() => entry.GetRsaPrivateKey(Password));

        Assert.Equal((KeystoreErrorKind.Tampered, Damaged(path), "k"), (error.Kind, error.Message, error.Alias));
        Assert.Equal(reason, Assert.IsType<InvalidDataException>(error.InnerException).Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x05, 0x00 })] // NULL, not a PBEParameter SEQUENCE
    [InlineData(new byte[] { 0x30, 0x0C, 0x04, 0x07, 1, 2, 3, 4, 5, 6, 7, 0x02, 0x01, 0x01 })] // a 7-byte salt
    public void A_jceks_protected_key_whose_pbe_parameters_are_not_a_salt_of_8_bytes_and_a_count_is_a_damaged_keystore(byte[] parameters)
    {
        var path = Write(JavaKeystoreFile.Writer.Jks(2, 1).KeyEntry("k", ProtectedKey(JceksKeyProtectorOid, new byte[24], parameters), Vector.Chain));
        var entry = Keystore.Load(path, Password).GetEntry("k");

        var error = Assert.Throws<KeystoreException>(() => entry.GetRsaPrivateKey(Password));

        Assert.Equal((KeystoreErrorKind.Tampered, Damaged(path), "k"), (error.Kind, error.Message, error.Alias));
        Assert.Equal("bad PBE parameters", Assert.IsType<InvalidDataException>(error.InnerException).Message);
    }

    [Fact]
    public void A_jceks_protected_key_that_decrypts_to_no_pkcs8_key_reads_as_a_wrong_key_password()
    {
        // Made by the JDK's PBEWithMD5AndTripleDES (tests/vectors/java/PbeFixtures.java): "not a PKCS#8 key" encrypted under
        // this password, salt 0102030405060708, 1000 iterations. The padding is right, so only the PKCS#8 check refuses it.
        var parameters = Convert.FromHexString("300E04080102030405060708020203E8");
        var encrypted = Convert.FromHexString("DA42CE454713071ECDC1626C05AF8271F819F5E20067911F");
        var path = Write(JavaKeystoreFile.Writer.Jks(2, 1).KeyEntry("k", ProtectedKey(JceksKeyProtectorOid, encrypted, parameters), Vector.Chain));
        var entry = Keystore.Load(path, Password).GetEntry("k");

        var error = Assert.Throws<KeystoreException>(() => entry.GetRsaPrivateKey(Password));

        Assert.Equal((KeystoreErrorKind.WrongKeyPassword, $"the key password does not unlock key 'k' in keystore {path}"), (error.Kind, error.Message));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(39)]
    public void A_sun_protected_key_shorter_than_its_salt_and_check_does_not_unlock(int length)
    {
        var path = Write(JavaKeystoreFile.Writer.Jks(2, 1).KeyEntry("k", ProtectedKey(SunKeyProtectorOid, new byte[length]), Vector.Chain));
        var entry = Keystore.Load(path, Password).GetEntry("k");

        var error = Assert.Throws<KeystoreException>(() => entry.GetRsaPrivateKey(Password));

        Assert.Equal((KeystoreErrorKind.WrongKeyPassword, $"the key password does not unlock key 'k' in keystore {path}"), (error.Kind, error.Message));
    }

    [Fact]
    public void A_sun_protected_key_of_40_bytes_holds_an_empty_key_that_is_no_rsa_key()
    {
        // Salt (20 bytes, any), no key bytes, then the check SHA-1(password as UTF-16BE || key) over the empty key: the
        // password unlocks it, and an empty PKCS#8 is damaged, not a wrong password.
#pragma warning disable CA5350 // Sun's key protector checks with SHA-1.
        byte[] data = [.. new byte[20], .. SHA1.HashData(Encoding.BigEndianUnicode.GetBytes(Password))];
#pragma warning restore CA5350
        var path = Write(JavaKeystoreFile.Writer.Jks(2, 1).KeyEntry("k", ProtectedKey(SunKeyProtectorOid, data), Vector.Chain));
        var entry = Keystore.Load(path, Password).GetEntry("k");

        var error = Assert.Throws<KeystoreException>(() => entry.GetRsaPrivateKey(Password));

        Assert.Equal((KeystoreErrorKind.Tampered, Damaged(path), "k"), (error.Kind, error.Message, error.Alias));
    }

    [Fact]
    public void A_modified_file_whose_store_password_unlocks_no_key_reads_as_a_wrong_password()
    {
        // jks-distinct-key-password: its key has another password, so the store password cannot prove itself right.
        var vector = Manifest.Keystore("jks-distinct-key-password");
        var data = VectorBytes(vector.Name);
        data[^25] ^= 0x01;
        var path = _temp.Combine("modified.jks");
        File.WriteAllBytes(path, data);

        var error = Assert.Throws<KeystoreException>(() => Keystore.Load(path, vector.StorePassword));

        Assert.Equal((KeystoreErrorKind.WrongPassword, $"cannot open keystore {path}: wrong password, or the file was modified"), (error.Kind, error.Message));
        Assert.Equal("check the keystore password", error.Hint);
    }

    [Fact]
    public void A_jceks_key_sealed_under_a_salt_of_equal_halves_opens_as_the_jdk_opens_it()
    {
        // The JDK's PBEWithMD5AndTripleDES reverses the salt's first half when both halves are equal; the vector's key was
        // sealed by the JDK's Cipher under 5A117E03 5A117E03 and read back by its JCEKS keystore (EqualSaltKey.java).
        var vector = VectorManifest.LoadSecretKeys().Keystore("jceks-equal-salt");
        var path = VectorManifest.KeystorePath(vector);
        var entry = Keystore.Load(path, vector.StorePassword).GetEntry("wso2carbon");
        var ciphertext = Manifest.CiphertextsOf("jks-rsa2048").First(c => c.Transformation == "RSA/ECB/OAEPwithSHA1andMGF1Padding" && c.Description == "ascii");

        using var key = entry.GetRsaPrivateKey(vector.KeyPassword);
        var error = Assert.Throws<KeystoreException>(() => entry.GetRsaPrivateKey("not-the-password"));

        Assert.True(File.ReadAllBytes(path).AsSpan().IndexOf(new byte[] { 0x04, 0x08, 0x5A, 0x11, 0x7E, 0x03, 0x5A, 0x11, 0x7E, 0x03 }) > 0);
        Assert.Equal(vector.Entry("wso2carbon").CertificateSha256, entry.CertificateSha256);
        // The JDK encrypted this ciphertext for jks-rsa2048's key, the key sealed here; .NET's RSA decrypts it.
        Assert.Equal(ciphertext.Plaintext(), key.Decrypt(Convert.FromBase64String(ciphertext.Ciphertext), RSAEncryptionPadding.OaepSHA1));
        Assert.Equal(KeystoreErrorKind.WrongKeyPassword, error.Kind);
    }

    [Fact]
    public void A_wrong_store_password_tries_each_key_and_passes_over_one_it_cannot_read()
    {
        // The first key is protected with an unknown algorithm (not an error here), the second is keytool's.
        var content = JavaKeystoreFile.Writer.Jks(2, 2)
            .KeyEntry("unknown", ProtectedKey("1.2.3.4", new byte[64]), Vector.Chain)
            .KeyEntry(Vector.Alias, Vector.ProtectedKey, Vector.Chain);
        var path = Write(content, "another-password");

        var error = LoadFails(path);

        Assert.Equal((KeystoreErrorKind.Tampered, $"keystore {path} was modified or is damaged: the password is right but the integrity check fails"), (error.Kind, error.Message));
    }
}
