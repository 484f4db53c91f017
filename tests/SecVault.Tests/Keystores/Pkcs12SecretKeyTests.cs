using SecVault.Ciphers;
using SecVault.Keystores;
using SecVault.Testing;

namespace SecVault.Tests.Keystores;

/// <summary>Secret-key entries of PKCS12 keystores made by the JDK's keytool, checked against the JDK's own Cipher.</summary>
public sealed class Pkcs12SecretKeyTests
{
    private const string StorePassword = "secret-store-pw";

    [Trait("Category", "Jvm")]
    [SkippableFact]
    public void A_keytool_aes_secret_key_is_read_and_encrypts_what_the_jdk_decrypts()
    {
        Skip.IfNot(JavaInterop.IsAvailable && JavaInterop.IsKeytoolAvailable, "java and keytool are not on PATH");
        using var folder = new TempFolder();
        var path = folder.Combine("aes.p12");
        JavaInterop.Keytool("-genseckey", "-keyalg", "AES", "-keysize", "256", "-storetype", "PKCS12", "-keystore", path, "-storepass", StorePassword, "-alias", "vaultkey");
        JavaInterop.Keytool("-genkeypair", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=x", "-storetype", "PKCS12", "-keystore", path, "-storepass", StorePassword, "-alias", "rsa");

        var keystore = Keystore.Load(path, StorePassword, KeystoreType.Pkcs12);
        var entry = keystore.GetEntry("vaultkey");
        using var material = entry.GetSecretKey(StorePassword);
        using var cipher = new SymmetricSecretCipher(material.Key, SymmetricSecretCipher.GcmAlgorithm, "vaultkey");

        Assert.Equal(KeystoreEntryKind.SecretKey, entry.Kind);
        Assert.Equal("AES", material.Algorithm);
        Assert.Equal(KeystoreEntryKind.PrivateKey, keystore.GetEntry("rsa").Kind);
        Assert.Equal("héllo ☃", AesJavaInterop.DecryptWithKeystore(path, StorePassword, "vaultkey", SymmetricSecretCipher.GcmAlgorithm, cipher.Encrypt("héllo ☃"u8)));
    }

    [Trait("Category", "Jvm")]
    [SkippableFact]
    public void A_wrong_password_for_a_secret_key_is_a_wrong_key_password_error()
    {
        Skip.IfNot(JavaInterop.IsKeytoolAvailable, "keytool is not on PATH");
        using var folder = new TempFolder();
        var path = folder.Combine("aes.p12");
        JavaInterop.Keytool("-genseckey", "-keyalg", "AES", "-keysize", "128", "-storetype", "PKCS12", "-keystore", path, "-storepass", StorePassword, "-alias", "k");
        var entry = Keystore.Load(path, StorePassword, KeystoreType.Pkcs12).GetEntry("k");

        var error = Assert.Throws<KeystoreException>(() => entry.GetSecretKey("not-the-password"));

        Assert.Equal(KeystoreErrorKind.WrongKeyPassword, error.Kind);
    }
}
