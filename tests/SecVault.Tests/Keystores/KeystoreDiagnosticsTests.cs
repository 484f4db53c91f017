using System.Diagnostics;
using SecVault.Keystores;
using SecVault.Testing;

namespace SecVault.Tests.Keystores;

/// <summary>
/// Keystores shaped like the ones MI ships, made here by openssl and keytool: a cert-only trust store without a MAC
/// opens as keytool opens it, a wrong password is told from a damaged file wherever the format allows.
/// </summary>
public sealed class KeystoreDiagnosticsTests : IDisposable
{
    private const string Password = "wso2carbon";

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static void Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} failed: {stderr}{stdout.Result}");
    }

    /// <summary>A self-signed certificate and its key as PEM files, made by openssl.</summary>
    private (string Certificate, string Key) Pem()
    {
        var certificate = _temp.Combine("cert.pem");
        var key = _temp.Combine("key.pem");
        if (!File.Exists(certificate))
        {
            Run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate, "-subj", "/CN=diagnostics", "-days", "30");
        }

        return (certificate, key);
    }

    /// <summary>A PKCS12 holding the key and certificate, with a SHA-256 MAC and PBES2 bags (keytool's current shape).</summary>
    private string KeyStoreWithMac()
    {
        var (certificate, key) = Pem();
        var path = _temp.Combine("wso2carbon.p12");
        Run("openssl", "pkcs12", "-export", "-in", certificate, "-inkey", key, "-name", "wso2carbon", "-passout", "pass:" + Password, "-out", path);
        return path;
    }

    [Fact]
    public void A_cert_only_PKCS12_without_a_MAC_opens_with_any_password_as_keytool_opens_it()
    {
        var (certificate, _) = Pem();
        var path = _temp.Combine("client-truststore.p12");
        Run("openssl", "pkcs12", "-export", "-nokeys", "-in", certificate, "-nomac", "-certpbe", "NONE", "-name", "ca", "-passout", "pass:" + Password, "-out", path);

        foreach (var password in new[] { Password, "some-other-password" })
        {
            // openssl writes no Java trust attribute, so keytool lists no entry in this file either; it just opens.
            var keystore = Keystore.Load(path, password, KeystoreType.Pkcs12);

            Assert.Equal(KeystoreType.Pkcs12, keystore.Type);
        }
    }

    [Fact]
    public void A_PKCS12_without_a_MAC_whose_certificates_are_encrypted_opens_with_its_password_and_names_a_wrong_or_missing_one()
    {
        var (certificate, _) = Pem();
        var path = _temp.Combine("encrypted-certs.p12");
        Run("openssl", "pkcs12", "-export", "-nokeys", "-in", certificate, "-nomac", "-certpbe", "AES-256-CBC", "-name", "ca", "-passout", "pass:" + Password, "-out", path);

        var right = Keystore.Load(path, Password, KeystoreType.Pkcs12);
        var wrong = Assert.Throws<KeystoreException>(() => Keystore.Load(path, "not-the-password", KeystoreType.Pkcs12));
        var none = Assert.Throws<KeystoreException>(() => Keystore.Load(path, string.Empty, KeystoreType.Pkcs12));

        Assert.Equal(KeystoreType.Pkcs12, right.Type);
        Assert.Equal((KeystoreErrorKind.WrongPassword, KeystoreErrorKind.WrongPassword), (wrong.Kind, none.Kind));
        Assert.Equal($"wrong password for keystore {path}: its encrypted parts do not decrypt with the password given (the file has no integrity check, so a damaged file would look the same)", wrong.Message);
        Assert.Equal(wrong.Message, none.Message);
        Assert.DoesNotContain("damaged and cannot be read", wrong.Message, StringComparison.Ordinal);
    }

    [Trait("Category", "Jvm")]
    [SkippableFact]
    public void A_trust_store_keytool_wrote_without_MAC_or_certificate_protection_opens_with_the_shipped_password()
    {
        Skip.IfNot(JavaInterop.IsKeytoolAvailable, "keytool is not installed");
        var (certificate, _) = Pem();
        var path = _temp.Combine("client-truststore.p12");
        JavaInterop.Keytool(
            "-J-Dkeystore.pkcs12.macAlgorithm=NONE", "-J-Dkeystore.pkcs12.certProtectionAlgorithm=NONE",
            "-importcert", "-noprompt", "-alias", "wso2carbon", "-file", certificate, "-keystore", path, "-storetype", "PKCS12", "-storepass", Password);

        var keystore = Keystore.Load(path, Password, KeystoreType.Pkcs12);

        Assert.Equal(KeystoreEntryKind.TrustedCertificate, keystore.GetEntry("wso2carbon").Kind);
    }

    [Fact]
    public void A_wrong_password_on_a_PKCS12_with_a_MAC_is_reported_as_a_wrong_password()
    {
        var path = KeyStoreWithMac();

        var error = Assert.Throws<KeystoreException>(() => Keystore.Load(path, "not-the-password", KeystoreType.Pkcs12));

        Assert.Equal(KeystoreErrorKind.WrongPassword, error.Kind);
        Assert.Contains("wrong password", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("damaged", error.Message, StringComparison.Ordinal);
    }

    [Trait("Category", "Jvm")]
    [SkippableFact]
    public void A_wrong_password_on_a_PKCS12_keytool_generated_is_a_wrong_password_and_a_changed_one_is_damaged()
    {
        Skip.IfNot(JavaInterop.IsKeytoolAvailable, "keytool is not installed");
        var path = _temp.Combine("keytool.p12");
        JavaInterop.Keytool(
            "-genkeypair", "-alias", "wso2carbon", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost", "-validity", "30",
            "-keystore", path, "-storetype", "PKCS12", "-storepass", Password);

        var wrong = Assert.Throws<KeystoreException>(() => Keystore.Load(path, "not-the-password"));
        var content = File.ReadAllBytes(path);
        content[content.Length / 2] ^= 0x01;
        File.WriteAllBytes(path, content);
        var changed = Assert.Throws<KeystoreException>(() => Keystore.Load(path, Password));

        Assert.Equal(KeystoreErrorKind.WrongPassword, wrong.Kind);
        Assert.Equal(KeystoreErrorKind.Tampered, changed.Kind);
    }

    [Fact]
    public void A_PKCS12_whose_MAC_protected_content_was_changed_is_damaged_when_the_password_is_right()
    {
        var path = KeyStoreWithMac();
        var content = File.ReadAllBytes(path);
        content[content.Length / 2] ^= 0x01;
        File.WriteAllBytes(path, content);

        var error = Assert.Throws<KeystoreException>(() => Keystore.Load(path, Password, KeystoreType.Pkcs12));

        Assert.Equal(KeystoreErrorKind.Tampered, error.Kind);
        Assert.DoesNotContain("wrong password", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_PKCS12_is_reported_as_truncated_whatever_the_password()
    {
        var path = KeyStoreWithMac();
        var content = File.ReadAllBytes(path);
        File.WriteAllBytes(path, content[..(content.Length - 40)]);

        Assert.Equal(KeystoreErrorKind.Truncated, Assert.Throws<KeystoreException>(() => Keystore.Load(path, Password)).Kind);
        Assert.Equal(KeystoreErrorKind.Truncated, Assert.Throws<KeystoreException>(() => Keystore.Load(path, "wrong")).Kind);
    }
}
