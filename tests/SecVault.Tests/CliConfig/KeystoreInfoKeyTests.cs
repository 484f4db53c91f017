using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using SecVault.Ciphers;
using SecVault.CliConfig;
using SecVault.Keystores;
using SecVault.Testing;

namespace SecVault.Tests.CliConfig;

/// <summary>
/// <c>keystore_info.yaml</c>'s certificate is read with System.Formats.Asn1 and its key goes to libcrypto, so one
/// <c>mi secret create</c> does not load .NET's OpenSSL shim. What it reads is compared with openssl's view of the same
/// certificate, what the encryptors write is decrypted by <c>openssl pkeyutl</c>, on the native path and the .NET fallback.
/// </summary>
public sealed class KeystoreInfoKeyTests : IDisposable
{
    private static readonly VectorManifest Manifest = VectorManifest.Load();

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static KeystoreInfo FromVector(string name)
    {
        var vector = Manifest.Keystore(name);
        return KeystoreInfo.FromKeystore(VectorManifest.KeystorePath(vector), null, "wso2carbon", vector.StorePassword);
    }

    /// <summary>The file's text as init writes it, read back through <see cref="KeystoreInfo.Parse"/>.</summary>
    private static (string Yaml, KeystoreInfo Parsed) ReadBack(string name)
    {
        var yaml = Encoding.UTF8.GetString(FromVector(name).ToYaml());
        return (yaml, KeystoreInfo.Parse(yaml, "k.yaml"));
    }

    private string OpenSsl(params string[] args)
    {
        var result = ToolProcess.RunProgram("openssl", args, _temp.Path, string.Empty, null);
        Assert.True(result.Exit == 0, $"openssl {args[0]} failed: {result.Err}");
        return result.Out;
    }

    [Theory]
    [InlineData("jks-rsa2048")]
    [InlineData("jks-rsa3072")]
    [InlineData("jks-rsa4096")]
    [InlineData("p12-openssl")]
    [InlineData("jceks-rsa2048")]
    public void The_file_gives_the_public_key_size_and_fingerprint_openssl_reads_from_its_certificate(string name)
    {
        var (yaml, parsed) = ReadBack(name);
        var pem = _temp.Combine(name + ".pem");
        File.WriteAllText(pem, Regex.Match(yaml, "-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----").Value.Replace("\n  ", "\n", StringComparison.Ordinal));
        var der = Convert.FromBase64String(string.Concat(File.ReadAllLines(pem)[1..^1]));

        var publicKeyPem = OpenSsl("x509", "-in", pem, "-noout", "-pubkey");
        var pub = _temp.Combine(name + ".pub");
        File.WriteAllText(pub, publicKeyPem);
        var bits = Regex.Match(OpenSsl("pkey", "-pubin", "-in", pub, "-noout", "-text"), @"Public-Key: \((\d+) bit\)").Groups[1].Value;
        var fingerprint = OpenSsl("x509", "-in", pem, "-noout", "-fingerprint", "-sha256").Trim().Split('=')[1];
        var key = CertificatePublicKey.TryRead(der);

        Assert.NotNull(key);
        Assert.Equal(Convert.FromBase64String(string.Concat(publicKeyPem.Trim().Split('\n')[1..^1])), key.SubjectPublicKeyInfo);
        Assert.Equal(int.Parse(bits, System.Globalization.CultureInfo.InvariantCulture), parsed.KeySizeBits);
        Assert.Equal(fingerprint, parsed.CertificateSha256);
        Assert.Equal(Manifest.Keystore(name).Entry("wso2carbon").CertificateSha256, parsed.CertificateSha256);
    }

    [Theory]
    [InlineData(IndependentDecryptor.OaepSha1, true)]
    [InlineData(IndependentDecryptor.OaepSha1, false)]
    [InlineData(IndependentDecryptor.Pkcs1, true)]
    [InlineData(IndependentDecryptor.Pkcs1, false)]
    public void What_the_files_encryptor_writes_openssl_decrypts_on_the_native_path_and_on_the_NET_fallback(string transformation, bool useNative)
    {
        var (_, parsed) = ReadBack("jks-rsa4096");
        var fromKeystore = FromVector("jks-rsa4096");

        var fileEncryptor = parsed.CreateEncryptor(Transformation.Parse(transformation), null, useNative);
        var fromFile = fileEncryptor.Encrypt("s3cret-ü", "db");
        var fromLoader = fromKeystore.CreateEncryptor(Transformation.Parse(transformation), null, useNative).Encrypt("s3cret-ü", "db");

        // The path asked for is the path taken (libcrypto.so.3 is on every machine CI runs on).
        Assert.Equal(useNative && OperatingSystem.IsLinux(), fileEncryptor.UsesNative);
        Assert.Equal(4096, parsed.KeySizeBits);
        Assert.Equal(684, fromFile.Length);
        Assert.Equal("s3cret-ü", IndependentDecryptor.Decrypt("jks-rsa4096", "wso2carbon", fromFile, transformation));
        Assert.Equal("s3cret-ü", IndependentDecryptor.Decrypt("jks-rsa4096", "wso2carbon", fromLoader, transformation));
    }

    [Fact]
    public void The_files_encryptor_refuses_a_secret_over_the_limit_with_the_usual_message()
    {
        var (_, parsed) = ReadBack("jks-rsa2048");
        var encryptor = parsed.CreateEncryptor(Transformation.Default, Transformation.Default.CliName);

        var error = Assert.Throws<CipherException>(() => encryptor.Encrypt(new string('x', 215), "db"));

        Assert.Equal(CipherErrorKind.SecretTooLong, error.Kind);
        Assert.Equal(214, encryptor.MaxSecretBytes);
        Assert.Contains("'db'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_that_is_not_DER_X509_is_not_read_by_the_managed_reader()
    {
        var der = ReadBack("jks-rsa2048").Parsed.Certificate.RawData;

        Assert.NotNull(CertificatePublicKey.TryRead(der));
        Assert.Null(CertificatePublicKey.TryRead(der.AsMemory(0, der.Length - 1)));
        Assert.Null(CertificatePublicKey.TryRead(der.Append((byte)0).ToArray()));
        Assert.Null(CertificatePublicKey.TryRead(der.AsMemory(4)));
        Assert.Null(CertificatePublicKey.TryRead(Array.Empty<byte>()));
    }

    [Fact]
    public void A_non_RSA_certificate_in_the_file_goes_to_NET_s_loader_and_is_refused_naming_its_algorithm()
    {
        var vector = Manifest.Keystore("jks-ec");
        var ec = Keystore.Load(VectorManifest.KeystorePath(vector), vector.StorePassword, null).GetEntry("wso2carbon").Certificate;
        var (yaml, rsa) = ReadBack("jks-rsa2048");
        var ecPem = new string(PemEncoding.Write("CERTIFICATE", ec.RawData)).Replace("\n", "\n  ", StringComparison.Ordinal);
        var rsaPem = new string(PemEncoding.Write("CERTIFICATE", rsa.Certificate.RawData)).Replace("\n", "\n  ", StringComparison.Ordinal);
        var ecYaml = yaml.Replace(rsaPem, ecPem, StringComparison.Ordinal).Replace(rsa.CertificateSha256, KeystoreEntry.Fingerprint(ec), StringComparison.Ordinal);

        var error = Assert.Throws<CliConfigException>(() => KeystoreInfo.Parse(ecYaml, "k.yaml"));

        Assert.NotEqual(yaml, ecYaml);
        Assert.Equal(CliConfigErrorKind.UnsupportedKey, error.Kind);
        Assert.Contains("EC", error.Message, StringComparison.Ordinal);
        Assert.Equal("1.2.840.10045.2.1", CertificatePublicKey.TryRead(ec.RawData)!.AlgorithmOid);
    }

    [Theory]
    [InlineData("512", "-pkeyopt", "rsa_keygen_bits:512")]
    [InlineData("2048", "-pkeyopt", "rsa_keygen_bits:2048")]
    public void A_file_whose_certificate_holds_a_weak_rsa_key_is_refused_naming_the_field(string bits, string option, string value)
    {
        // A certificate openssl makes, not SecVault; only its key size differs between the rows.
        OpenSsl("req", "-x509", "-newkey", "rsa", option, value, "-nodes", "-keyout", "key.pem", "-out", "cert.pem", "-subj", "/CN=k", "-days", "2");
        var der = PemEncoding.Find(File.ReadAllText(Path.Combine(_temp.Path, "cert.pem"))) is var fields
            ? Convert.FromBase64String(File.ReadAllText(Path.Combine(_temp.Path, "cert.pem"))[fields.Base64Data])
            : [];
        var (yaml, rsa) = ReadBack("jks-rsa2048");
        var rsaPem = new string(PemEncoding.Write("CERTIFICATE", rsa.Certificate.RawData)).Replace("\n", "\n  ", StringComparison.Ordinal);
        var newPem = new string(PemEncoding.Write("CERTIFICATE", der)).Replace("\n", "\n  ", StringComparison.Ordinal);
        var fingerprint = string.Join(':', System.Security.Cryptography.SHA256.HashData(der).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
        var changed = yaml.Replace(rsaPem, newPem, StringComparison.Ordinal).Replace(rsa.CertificateSha256, fingerprint, StringComparison.Ordinal);
        Assert.NotEqual(yaml, changed);

        if (bits == "2048")
        {
            Assert.Equal(2048, KeystoreInfo.Parse(changed, "k.yaml").KeySizeBits);
            return;
        }

        var error = Assert.Throws<CliConfigException>(() => KeystoreInfo.Parse(changed, "k.yaml"));
        Assert.Equal(CliConfigErrorKind.UnsupportedKey, error.Kind);
        Assert.Equal("k.yaml: the certificate's RSA key cannot be encrypted for (a public exponent that is even or below 3, or a modulus under 1024 bits)", error.Message);
    }
}
