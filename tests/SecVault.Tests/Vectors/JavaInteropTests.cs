using System.Text;
using SecVault.Testing;

namespace SecVault.Tests.Vectors;

public sealed class JavaInteropTests
{
    [Trait("Category", "Jvm")]
    [SkippableFact]
    public void Encrypt_and_Decrypt_round_trip_through_the_JDK_for_a_PKCS12_alias_given_in_another_case()
    {
        Skip.If(!JavaInterop.IsAvailable, "needs a JDK (java, keytool) on PATH");

        var keystore = VectorManifest.Load().Keystore("p12-multi");
        var plaintext = Encoding.UTF8.GetBytes("a]b[c-pässwörd");

        var ciphertext = JavaInterop.Encrypt(keystore, "Second", "RSA/ECB/OAEPwithSHA1andMGF1Padding", plaintext);
        var decrypted = JavaInterop.Decrypt(keystore, "second", "RSA/ECB/OAEPwithSHA1andMGF1Padding", ciphertext);

        Assert.Equal(256, Convert.FromBase64String(ciphertext).Length);
        Assert.Equal(plaintext, decrypted);
    }

    [Trait("Category", "Jvm")]
    [SkippableFact]
    public void Decrypt_reports_a_wrong_key_password_without_the_password()
    {
        Skip.If(!JavaInterop.IsAvailable, "needs a JDK (java, keytool) on PATH");

        var keystore = VectorManifest.Load().Keystore("jks-distinct-key-password");
        var vector = VectorManifest.Load().CiphertextsOf(keystore.Name).First();

        var error = Assert.Throws<InvalidOperationException>(() => JavaInterop.Decrypt(
            VectorManifest.KeystorePath(keystore), keystore.Type, vector.Alias, vector.Transformation, vector.Ciphertext,
            keystore.StorePassword, "not-the-key-password"));

        Assert.DoesNotContain("not-the-key-password", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(keystore.StorePassword, error.Message, StringComparison.Ordinal);
    }

    [Trait("Category", "Jvm")]
    [SkippableFact]
    public void Keytool_makes_a_keystore_that_the_JDK_encrypts_for()
    {
        Skip.If(!JavaInterop.IsAvailable || !JavaInterop.IsKeytoolAvailable, "needs a JDK (java, keytool) on PATH");

        using var temp = new TempFolder();
        var path = temp.Combine("adhoc.p12");
        JavaInterop.Keytool(
            "-genkeypair", "-noprompt", "-keystore", path, "-storetype", "PKCS12", "-alias", "adhoc",
            "-storepass", "adhoc-pass", "-keypass", "adhoc-pass", "-keyalg", "RSA", "-keysize", "2048",
            "-dname", "CN=adhoc", "-validity", "2");

        var listing = JavaInterop.Keytool("-list", "-keystore", path, "-storepass", "adhoc-pass");
        var ciphertext = JavaInterop.Encrypt(path, "PKCS12", "adhoc", "RSA", [1, 2, 3], "adhoc-pass");

        Assert.Contains("adhoc", listing, StringComparison.Ordinal);
        Assert.Equal(256, Convert.FromBase64String(ciphertext).Length);
    }
}
