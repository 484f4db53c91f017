using SecVault.Keystores;
using SecVault.Testing;

namespace SecVault.Tests.Keystores;

/// <summary>
/// PKCS#12 files openssl lays out in other ways than keytool: certificates left unencrypted, certificates only, no MAC,
/// a key without a certificate. Which protected part proves the password then differs; a wrong one is still called a
/// wrong password, a changed MAC a modified file.
/// </summary>
public sealed class Pkcs12LayoutTests(Pkcs12LayoutTests.Files files) : IClassFixture<Pkcs12LayoutTests.Files>
{
    private const string Password = "layout-pw";
    private const string Path = "store.p12";

    /// <summary>The files, made once by openssl from one key and its self-signed certificate.</summary>
    public sealed class Files : IDisposable
    {
        private readonly TempFolder _temp = new();

        public Files()
        {
            OpenSsl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "k.pem", "-out", "c.pem", "-subj", "/CN=layout", "-days", "2");
            // openssl's defaults: certificates in an encryptedData content, the key in a shrouded key bag, a MAC.
            Full = Export("full.p12", "-inkey", "k.pem", "-in", "c.pem");
            // Certificates in a plain data content: only the shrouded key bag is encrypted.
            PlainCertificates = Export("plain-certificates.p12", "-inkey", "k.pem", "-in", "c.pem", "-certpbe", "NONE");
            // No key: only the encryptedData content of certificates is encrypted.
            CertificatesOnly = Export("certificates-only.p12", "-nokeys", "-in", "c.pem");
            // Nothing encrypted, no MAC.
            Unprotected = Export("unprotected.p12", "-nokeys", "-in", "c.pem", "-certpbe", "NONE", "-nomac");
            // No MAC; openssl 3.0 then leaves the certificates unencrypted too, so only the key bag is.
            NoMac = Export("no-mac.p12", "-inkey", "k.pem", "-in", "c.pem", "-nomac");
            // No MAC, certificates only, encrypted.
            NoMacEncryptedCertificates = Export("no-mac-certificates.p12", "-nokeys", "-in", "c.pem", "-nomac", "-certpbe", "AES-256-CBC");
            // A key and no certificate.
            KeyOnly = Export("key-only.p12", "-inkey", "k.pem", "-nocerts");
            // A key stored unencrypted, in a plain key bag: the JDK skips the bag (keytool lists no entries).
            UnencryptedKey = Export("unencrypted-key.p12", "-inkey", "k.pem", "-in", "c.pem", "-keypbe", "NONE");
            // No -name: no friendlyName on the key, which the JDK then calls "1" (openssl still sets a localKeyId).
            var unnamed = new[] { "pkcs12", "-export", "-passout", "pass:" + Password, "-out", "unnamed.p12", "-inkey", "k.pem", "-in", "c.pem" };
            OpenSsl(unnamed);
            Unnamed = File.ReadAllBytes(_temp.Combine("unnamed.p12"));
            // A key alone and nameless: no friendlyName and no localKeyId; the JDK calls it "1" too.
            OpenSsl("pkcs12", "-export", "-passout", "pass:" + Password, "-out", "unnamed-key-only.p12", "-inkey", "k.pem", "-nocerts");
            UnnamedKeyOnly = File.ReadAllBytes(_temp.Combine("unnamed-key-only.p12"));
            // A value the key decrypts, encrypted by openssl with the certificate (OAEP with SHA-1, as MI's default).
            File.WriteAllText(_temp.Combine("plain.txt"), Plaintext);
            OpenSsl("pkeyutl", "-encrypt", "-certin", "-inkey", "c.pem", "-pkeyopt", "rsa_padding_mode:oaep", "-in", "plain.txt", "-out", "cipher.bin");
            OaepCiphertext = File.ReadAllBytes(_temp.Combine("cipher.bin"));
        }

        public const string Plaintext = "decrypts-without-a-certificate";

        public byte[] OaepCiphertext { get; }

        public byte[] Full { get; }

        public byte[] PlainCertificates { get; }

        public byte[] CertificatesOnly { get; }

        public byte[] Unprotected { get; }

        public byte[] NoMac { get; }

        public byte[] NoMacEncryptedCertificates { get; }

        public byte[] KeyOnly { get; }

        public byte[] UnencryptedKey { get; }

        public byte[] Unnamed { get; }

        public byte[] UnnamedKeyOnly { get; }

        public void Dispose() => _temp.Dispose();

        private byte[] Export(string name, params string[] args)
        {
            OpenSsl(["pkcs12", "-export", "-name", "wso2carbon", "-passout", "pass:" + Password, "-out", name, .. args]);
            return File.ReadAllBytes(_temp.Combine(name));
        }

        private void OpenSsl(params string[] args)
        {
            var result = ToolProcess.RunProgram("openssl", args, _temp.Path, string.Empty, null);
            Assert.True(result.Exit == 0, $"openssl {args[0]} failed: {result.Err}");
        }
    }

    private static Keystore Load(byte[] data, string password)
    {
        using var stream = new MemoryStream(data);
        return Keystore.Load(stream, Path, password);
    }

    private static KeystoreException LoadFails(byte[] data, string password) =>
        Assert.Throws<KeystoreException>(() => Load(data, password));

    /// <summary>The file with one bit of the last byte of its MAC value changed (the MAC's DigestInfo ends the file's macData).</summary>
    private static byte[] WithChangedMac(byte[] data)
    {
        var pfx = new System.Formats.Asn1.AsnReader(data, System.Formats.Asn1.AsnEncodingRules.BER).ReadSequence();
        pfx.ReadInteger();
        pfx.ReadEncodedValue();
        var digestInfo = pfx.ReadSequence().ReadSequence();
        digestInfo.ReadEncodedValue();
        var mac = digestInfo.ReadOctetString();
        var changed = data.ToArray();
        var offset = changed.AsSpan().IndexOf(mac);
        changed[offset + mac.Length - 1] ^= 0x01;
        return changed;
    }

    [Fact]
    public void Only_a_file_without_a_mac_whose_certificates_or_key_are_encrypted_leaves_the_password_to_its_protected_parts()
    {
        byte[][] withMac = [files.Full, files.PlainCertificates, files.CertificatesOnly, files.KeyOnly];

        Assert.Equal((true, true, false), (Pkcs12Content.HasProtectedContentAndNoMac(files.NoMac),
            Pkcs12Content.HasProtectedContentAndNoMac(files.NoMacEncryptedCertificates), Pkcs12Content.HasProtectedContentAndNoMac(files.Unprotected)));
        Assert.All(withMac, data => Assert.False(Pkcs12Content.HasProtectedContentAndNoMac(data)));
    }

    [Fact]
    public void The_right_password_decrypts_the_content_of_every_layout_with_a_protected_part_and_a_wrong_one_none()
    {
        byte[][] layouts = [files.Full, files.PlainCertificates, files.CertificatesOnly, files.NoMac, files.NoMacEncryptedCertificates, files.KeyOnly];

        Assert.All(layouts, data => Assert.True(Pkcs12Content.PasswordDecryptsContent(data, Password)));
        Assert.All(layouts, data => Assert.False(Pkcs12Content.PasswordDecryptsContent(data, "not-the-password")));
        Assert.False(Pkcs12Content.PasswordDecryptsContent(files.Unprotected, Password));
    }

    [Theory]
    [InlineData(new byte[] { 0x30, 0x03, 0x02, 0x01, 0x03 })] // a SEQUENCE holding only a version
    [InlineData(new byte[] { 0x04, 0x01, 0x00 })] // an OCTET STRING
    [InlineData(new byte[] { 0x30, 0x05, 0x02, 0x01 })] // a SEQUENCE longer than the bytes
    public void Bytes_that_are_no_pfx_neither_have_encrypted_content_nor_prove_a_password(byte[] data)
    {
        Assert.False(Pkcs12Content.HasProtectedContentAndNoMac(data));
        Assert.False(Pkcs12Content.PasswordDecryptsContent(data, Password));
    }

    [Fact]
    public void A_pfx_whose_content_is_not_data_proves_no_password()
    {
        // The first id-data OID in the file is the authSafe's content type; id-signedData (…7.2) replaces it.
        byte[] idData = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01];
        var data = files.Full.ToArray();
        var offset = data.AsSpan().IndexOf(idData);
        data[offset + idData.Length - 1] = 0x02;

        Assert.Equal((false, false), (Pkcs12Content.HasProtectedContentAndNoMac(data), Pkcs12Content.PasswordDecryptsContent(data, Password)));
    }

    [Theory]
    [InlineData(true)] // certificates in plain data: the key bag tells
    [InlineData(false)] // certificates only: their encryptedData content tells
    public void A_changed_mac_is_told_from_a_wrong_password_by_the_one_protected_part(bool keyBagOnly)
    {
        var data = WithChangedMac(keyBagOnly ? files.PlainCertificates : files.CertificatesOnly);

        var modified = LoadFails(data, Password);
        var wrong = LoadFails(data, "not-the-password");

        Assert.Equal((KeystoreErrorKind.Tampered, $"keystore {Path} was modified or is damaged: the password is right but the integrity check fails"), (modified.Kind, modified.Message));
        Assert.Equal((KeystoreErrorKind.WrongPassword, $"cannot open keystore {Path}: wrong password, or the file was modified"), (wrong.Kind, wrong.Message));
    }

    [Fact]
    public void A_file_with_no_mac_and_only_its_key_encrypted_opens_with_its_password_and_a_wrong_one_is_called_wrong()
    {
        var entry = Assert.Single(Load(files.NoMac, Password).Entries);
        var wrong = LoadFails(files.NoMac, "not-the-password");

        Assert.Equal((KeystoreEntryKind.PrivateKey, "CN=layout"), (entry.Kind, entry.Certificate.Subject));
        Assert.Equal((KeystoreErrorKind.WrongPassword, $"wrong password for keystore {Path}: its encrypted parts do not decrypt with the password given (the file has no integrity check, so a damaged file would look the same)"), (wrong.Kind, wrong.Message));
        Assert.Equal("check the keystore password", wrong.Hint);
    }

    [Fact]
    public void A_key_without_a_certificate_loads_as_the_jdk_loads_it_and_decrypts()
    {
        var entry = Assert.Single(Load(files.KeyOnly, Password).Entries);

        Assert.Equal(("wso2carbon", KeystoreEntryKind.PrivateKey, "RSA", 2048, string.Empty),
            (entry.Alias, entry.Kind, entry.KeyAlgorithm, entry.KeySizeBits, entry.CertificateSha256));
        AssertDecrypts(entry);
    }

    [Fact]
    public void A_key_without_a_certificate_refuses_what_needs_the_certificate_naming_its_alias()
    {
        var entry = Assert.Single(Load(files.KeyOnly, Password).Entries);
        var message = $"'wso2carbon' in keystore {Path} is a private key stored without its certificate; encrypting needs the certificate's public key";

        KeystoreException[] errors =
        [
            Assert.Throws<KeystoreException>(() => entry.Certificate),
            Assert.Throws<KeystoreException>(() => entry.GetRsaPublicKey()),
            Assert.Throws<KeystoreException>(() => entry.NotAfter),
        ];

        Assert.All(errors, error => Assert.Equal((KeystoreErrorKind.NoCertificate, message, "wso2carbon", Path), (error.Kind, error.Message, error.Alias, error.Path)));
        Assert.StartsWith("store the key with its certificate", errors[0].Hint);
    }

    [Fact]
    public void A_key_without_a_name_is_called_1_as_the_jdk_calls_it_and_decrypts()
    {
        var keystore = Load(files.Unnamed, Password);

        var entry = Assert.Single(keystore.Entries);
        Assert.Equal(("1", KeystoreEntryKind.PrivateKey, "CN=layout"), (entry.Alias, entry.Kind, entry.Certificate.Subject));
        AssertDecrypts(keystore.GetEntry("1"));
    }

    [Fact]
    public void A_key_alone_without_a_name_or_key_id_is_called_1_as_the_jdk_calls_it_and_decrypts()
    {
        var keystore = Load(files.UnnamedKeyOnly, Password);

        var entry = Assert.Single(keystore.Entries);
        Assert.Equal(("1", KeystoreEntryKind.PrivateKey, false), (entry.Alias, entry.Kind, entry.HasCertificate));
        AssertDecrypts(entry);
    }

    private void AssertDecrypts(KeystoreEntry entry)
    {
        using var key = entry.GetRsaPrivateKey(Password);
        var plain = key.Decrypt(files.OaepCiphertext, System.Security.Cryptography.RSAEncryptionPadding.OaepSHA1);
        Assert.Equal(Files.Plaintext, System.Text.Encoding.UTF8.GetString(plain));
    }

    [Fact]
    public void A_key_stored_unencrypted_is_no_entry_as_for_the_jdk_and_asking_for_it_says_why()
    {
        var keystore = Load(files.UnencryptedKey, Password);

        var named = Assert.Throws<KeystoreException>(() => keystore.GetEntry("WSO2CARBON"));
        var other = Assert.Throws<KeystoreException>(() => keystore.GetEntry("other"));

        Assert.Empty(keystore.Entries);
        Assert.Equal(
            (KeystoreErrorKind.UnknownAlias, $"key 'wso2carbon' in keystore {Path} is stored unencrypted (openssl pkcs12 -keypbe NONE); Java, and so MI, skips such a key", "WSO2CARBON"),
            (named.Kind, named.Message, named.Alias));
        Assert.Equal("export it again with the key encrypted: openssl pkcs12 -export without -keypbe NONE", named.Hint);
        Assert.Equal((KeystoreErrorKind.UnknownAlias, $"keystore {Path} has no alias 'other'; it holds no entries"), (other.Kind, other.Message));
    }
}
