using SecVault.Ciphers;
using SecVault.Keystores;
using SecVault.Testing;

namespace SecVault.Tests.Keystores;

/// <summary>
/// AES secret-key entries of JCEKS keystores made by the JDK's keytool: SecVault reads the key from the sealed entry; the
/// JDK, given a PKCS12 copy keytool made of the same entry, decrypts what SecVault encrypted with it.
/// </summary>
public sealed class JceksSecretKeyTests
{
    private const string StorePassword = "jceks-store-pw";

    [Trait("Category", "Jvm")]
    [SkippableFact]
    public void A_keytool_jceks_aes_key_is_read_and_encrypts_what_the_jdk_decrypts_with_the_same_entry()
    {
        Skip.IfNot(JavaInterop.IsAvailable && JavaInterop.IsKeytoolAvailable, "java and keytool are not on PATH");
        using var folder = new TempFolder();
        var jceks = folder.Combine("aes.jceks");
        var p12 = folder.Combine("copy.p12");
        JavaInterop.Keytool("-genseckey", "-keyalg", "AES", "-keysize", "256", "-storetype", "JCEKS", "-keystore", jceks, "-storepass", StorePassword, "-alias", "vaultkey");
        JavaInterop.Keytool("-genkeypair", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=x", "-storetype", "JCEKS", "-keystore", jceks, "-storepass", StorePassword, "-alias", "rsa");
        JavaInterop.Keytool("-importkeystore", "-noprompt", "-srckeystore", jceks, "-srcstoretype", "JCEKS", "-srcstorepass", StorePassword, "-srcalias", "vaultkey",
            "-destkeystore", p12, "-deststoretype", "PKCS12", "-deststorepass", StorePassword);

        var keystore = Keystore.Load(jceks, StorePassword);
        var entry = keystore.GetEntry("vaultkey");
        using var material = entry.GetSecretKey(StorePassword);
        using var cipher = new SymmetricSecretCipher(material.Key, SymmetricSecretCipher.GcmAlgorithm, "vaultkey");

        Assert.Equal((KeystoreType.Jceks, KeystoreEntryKind.SecretKey, true), (keystore.Type, entry.Kind, entry.CanReadSecretKey));
        Assert.Equal(("AES", 32), (material.Algorithm, material.Key.Length));
        Assert.Equal(KeystoreEntryKind.PrivateKey, keystore.GetEntry("rsa").Kind);
        Assert.Equal("héllo ☃", AesJavaInterop.DecryptWithKeystore(p12, StorePassword, "vaultkey", SymmetricSecretCipher.GcmAlgorithm, cipher.Encrypt("héllo ☃"u8)));
    }

    [Trait("Category", "Jvm")]
    [SkippableFact]
    public void A_jceks_secret_key_with_its_own_password_opens_with_it_and_not_with_the_store_password()
    {
        Skip.IfNot(JavaInterop.IsKeytoolAvailable, "keytool is not on PATH");
        using var folder = new TempFolder();
        var path = folder.Combine("aes.jceks");
        JavaInterop.Keytool("-genseckey", "-keyalg", "AES", "-keysize", "128", "-storetype", "JCEKS", "-keystore", path, "-storepass", StorePassword, "-keypass", "key-pw-123", "-alias", "k");
        var entry = Keystore.Load(path, StorePassword, KeystoreType.Jceks).GetEntry("k");

        var error = Assert.Throws<KeystoreException>(() => entry.GetSecretKey(StorePassword));
        using var material = entry.GetSecretKey("key-pw-123");

        Assert.Equal(KeystoreErrorKind.WrongKeyPassword, error.Kind);
        Assert.Equal(16, material.Key.Length);
    }

    [Trait("Category", "Jvm")]
    [SkippableTheory]
    [InlineData("DES", 8)]
    [InlineData("DESede", 24)]
    public void A_jceks_des_key_keytool_made_opens_with_its_algorithm_rather_than_as_a_wrong_password(string algorithm, int keyLength)
    {
        Skip.IfNot(JavaInterop.IsKeytoolAvailable, "keytool is not on PATH");
        using var folder = new TempFolder();
        var path = folder.Combine("des.jceks");
        JavaInterop.Keytool("-genseckey", "-keyalg", algorithm, "-storetype", "JCEKS", "-keystore", path, "-storepass", StorePassword, "-keypass", StorePassword, "-alias", "k");

        // The JDK seals a DES or DESede key as a java.security.KeyRep (algorithm, format RAW, encoded), not a SecretKeySpec.
        using var material = Keystore.Load(path, StorePassword, KeystoreType.Jceks).GetEntry("k").GetSecretKey(StorePassword);

        Assert.Equal((algorithm, keyLength), (material.Algorithm, material.Key.Length));
    }
}
