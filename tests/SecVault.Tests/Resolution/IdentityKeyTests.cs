using System.Text;
using SecVault.Home;
using SecVault.Keystores;
using SecVault.Passwords;
using SecVault.Resolution;
using SecVault.Testing;

namespace SecVault.Tests.Resolution;

public sealed class IdentityKeyTests
{
    private const string EncryptionMode = "secretRepositories.file.encryptionMode";
    private const string Algorithm = "secretRepositories.file.algorithm";
    private const string Ecb = "AES/ECB/PKCS5Padding";

    [Fact]
    public void Vault_is_null_when_secret_conf_does_not_exist()
    {
        using var home = new TestMiHome();
        home.DeleteVault();
        using var identity = Identity(home, []);

        Assert.Null(identity.Vault);
    }

    [Fact]
    public void A_secret_conf_that_cannot_be_read_fails_every_use_with_the_reason()
    {
        using var home = new TestMiHome();
        home.DeleteVault();
        Ownership.MakeFifo(home.Combine("conf", "security", "secret-conf.properties"));
        using var identity = Identity(home, []);

        var first = Assert.Throws<VaultException>(() => identity.Vault);
        var again = Assert.Throws<VaultException>(() => identity.RequireConfigured());

        var path = home.Combine("conf", "security", "secret-conf.properties");
        Assert.Equal(($"cannot read conf/security/secret-conf.properties: {path} is a named pipe (FIFO), not a regular file; SecVault reads only regular files", "conf/security/secret-conf.properties"), (first.Message, first.Path));
        Assert.Same(first, again);
    }

    [Fact]
    public void An_invalid_secret_conf_fails_with_the_reader_s_problem()
    {
        using var home = new TestMiHome();
        File.WriteAllText(home.Combine("conf", "security", "secret-conf.properties"), "a=" + new string('x', 1024 * 1024) + "\n");
        using var identity = Identity(home, []);

        var ex = Assert.ThrowsAny<SecVaultException>(() => identity.Vault);

        Assert.Equal("conf/security/secret-conf.properties:1: line is longer than 1048576 bytes", ex.Message);
    }

    [Fact]
    public void Opened_becomes_true_once_the_vault_key_is_opened()
    {
        using var home = new TestMiHome();
        var requests = new List<PasswordRequest>();
        using var identity = Identity(home, requests);
        Assert.False(identity.Opened);

        identity.OpenVaultKey();

        Assert.True(identity.Opened);
        Assert.Equal([new PasswordRequest(home.KeystorePath, false)], requests);
    }

    [Fact]
    public void Opened_is_true_after_a_failure_to_open_which_is_thrown_again_without_asking_again()
    {
        using var home = new TestMiHome();
        var calls = 0;
        using var identity = new IdentityKey(home.Home, new ExplicitPasswordSource(_ =>
        {
            calls++;
            return KeystorePassword.FromStrings("not-the-password");
        }), false);

        var first = Assert.ThrowsAny<SecVaultException>(() => identity.Entry);
        var again = Assert.ThrowsAny<SecVaultException>(() => identity.Entry);

        Assert.True(identity.Opened);
        Assert.Same(first, again);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void A_vault_without_an_identity_alias_is_not_configured()
    {
        using var home = new TestMiHome();
        home.SetVaultProperty("keystore.identity.alias", null);
        using var identity = Identity(home, []);

        var ex = Assert.Throws<VaultException>(identity.OpenVaultKey);

        Assert.Equal("secure vault is not configured: keystore.identity.location, .type or .alias is missing", ex.Message);
    }

    [Fact]
    public void An_unknown_keystore_type_is_refused_naming_it()
    {
        using var home = new TestMiHome();
        home.SetVaultProperty("keystore.identity.type", "BKS");
        using var identity = Identity(home, []);

        var ex = Assert.Throws<VaultException>(identity.OpenVaultKey);

        Assert.Equal(("unknown keystore type 'BKS'; use JKS, PKCS12 or JCEKS", "conf/security/secret-conf.properties"), (ex.Message, ex.Path));
    }

    [Fact]
    public void OpenVaultKey_of_a_key_based_vault_without_its_key_throws_why()
    {
        var entries = SymmetricVaultTests.Entries(Ecb).Where(e => e.Key != "key.based.password").ToList();
        using var home = SymmetricVaultTests.KeyBasedHome(entries);
        using var identity = Identity(home, []);

        var ex = Assert.Throws<VaultException>(identity.OpenVaultKey);

        Assert.Equal("secret-conf.properties sets encryptionMode=key.based.symmetric.encryption but has no key.based.password; MI cannot start its vault", ex.Message);
        Assert.False(identity.Opened);
    }

    [Fact]
    public void A_key_based_key_is_asked_for_once_as_a_single_password()
    {
        using var home = SymmetricVaultTests.KeyBasedHome(SymmetricVaultTests.Entries(Ecb));
        var requests = new List<PasswordRequest>();
        using var identity = new IdentityKey(home.Home, new ExplicitPasswordSource(request =>
        {
            requests.Add(request);
            return KeystorePassword.FromStrings(SymmetricVaultTests.KeyHex);
        }), separateKeyPassword: true);

        var first = identity.VaultDecryptor("secret-conf.properties");
        identity.OpenVaultKey();
        var again = identity.VaultDecryptor("secret-conf.properties");

        Assert.Same(first, again);
        Assert.Equal("ok", Encoding.UTF8.GetString(again.Decrypt(SymmetricVaultTests.Ecb("ok"), "a")));
        Assert.Equal([new PasswordRequest("the key-based encryption key (key.based.password)", false)], requests);
    }

    [Fact]
    public void A_key_based_key_that_is_not_available_is_refused_once_and_thrown_again_without_asking_again()
    {
        using var home = SymmetricVaultTests.KeyBasedHome(SymmetricVaultTests.Entries(Ecb));
        var calls = 0;
        using var identity = new IdentityKey(home.Home, new ExplicitPasswordSource(_ =>
        {
            calls++;
            return null;
        }), false);

        var first = Assert.Throws<PasswordException>(() => identity.VaultDecryptor("secret-conf.properties"));
        var again = Assert.Throws<PasswordException>(() => identity.VaultDecryptor("secret-conf.properties"));

        Assert.Same(first, again);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void An_algorithm_no_symmetric_vault_knows_is_refused_naming_the_accepted_ones()
    {
        var entries = SymmetricVaultTests.Entries(Ecb).Select(e => e.Key == Algorithm ? new KeyValuePair<string, string>(e.Key, "DES") : e).ToList();
        using var home = SymmetricVaultTests.KeyBasedHome(entries);
        using var identity = Identity(home, []);

        var ex = Assert.Throws<VaultException>(() => identity.VaultDecryptor("secret-conf.properties"));

        Assert.Equal(("unknown symmetric algorithm 'DES'; use one of AES/GCM/NoPadding, AES, AES/ECB/PKCS5Padding", "conf/security/secret-conf.properties"), (ex.Message, ex.Path));
    }

    [Fact]
    public void A_symmetric_vault_decrypts_with_the_AES_key_of_its_keystore_and_names_it_in_failures()
    {
        using var home = SymmetricHome("jceks-secretkey");
        using var identity = Identity(home, []);
        byte[] key;
        using (var material = Keystore.Load(home.KeystorePath, "wso2carbon").GetEntry("wso2carbon").GetSecretKey("wso2carbon"))
        {
            key = material.Key.ToArray();
        }

        var decryptor = identity.VaultDecryptor("secret-conf.properties");

        Assert.Equal("from the keystore", Encoding.UTF8.GetString(decryptor.Decrypt(SymmetricVaultTests.Ecb(Encoding.UTF8.GetBytes("from the keystore"), Convert.ToHexString(key)), "a")));
        var ex = Assert.ThrowsAny<SecVaultException>(() => decryptor.Decrypt("AAAA", "a"));
        Assert.Equal($"secret 'a' does not decrypt with the AES key 'wso2carbon' of {home.KeystorePath} (AES/ECB/PKCS5Padding): it was made with another key, or changed", ex.Message);
    }

    [Fact]
    public void A_symmetric_vault_whose_alias_is_not_a_secret_key_is_refused_with_how_to_make_one()
    {
        using var home = SymmetricHome("jks-rsa2048");
        using var identity = Identity(home, []);

        var ex = Assert.Throws<VaultException>(() => identity.VaultDecryptor("secret-conf.properties"));

        Assert.Equal(
            ($"keystore.identity.alias 'wso2carbon' in {home.KeystorePath} is not a secret key; in symmetric mode MI then silently uses a built-in key, so its secrets do not decrypt",
                "point keystore.identity.alias at an AES key made with 'keytool -genseckey -keyalg AES -keysize 256 -storetype PKCS12'",
                "conf/security/secret-conf.properties"),
            (ex.Message, ex.Hint, ex.Path));
    }

    [SkippableFact]
    public void A_symmetric_vault_whose_secret_key_is_not_AES_is_refused_naming_the_algorithm_the_keystore_records()
    {
        Skip.IfNot(JavaInterop.IsKeytoolAvailable, "keytool is not on PATH");
        using var home = SymmetricHome("jceks-secretkey");
        var des = home.Combine("repository", "resources", "security", "des.p12");
        JavaInterop.Keytool("-genseckey", "-keyalg", "DES", "-storetype", "PKCS12", "-keystore", des, "-storepass", "wso2carbon", "-keypass", "wso2carbon", "-alias", "wso2carbon");
        home.SetVaultProperty("keystore.identity.location", des);
        home.SetVaultProperty("keystore.identity.type", "PKCS12");
        using var identity = Identity(home, []);

        var ex = Assert.Throws<VaultException>(() => identity.VaultDecryptor("secret-conf.properties"));

        // A PKCS12 keystore records the key's algorithm as an OID; SecVault names AES's and keeps others as written (DES-CBC here).
        Assert.Equal($"secret key 'wso2carbon' in {des} is 1.3.14.3.2.7; a symmetric vault needs an AES key", ex.Message);
        Assert.Equal("conf/security/secret-conf.properties", ex.Path);
    }

    [Fact]
    public void Dispose_releases_the_RSA_key()
    {
        using var home = new TestMiHome();
        var identity = Identity(home, []);
        var decryptor = identity.VaultDecryptor("secret-conf.properties");

        identity.Dispose();

        Assert.Throws<ObjectDisposedException>(() => decryptor.Decrypt(home.Vector(ResolverTestSupport.Oaep).Ciphertext, "a"));
    }

    [Fact]
    public void Dispose_releases_the_AES_key()
    {
        using var home = SymmetricVaultTests.KeyBasedHome(SymmetricVaultTests.Entries(Ecb));
        var identity = new IdentityKey(home.Home, new ExplicitPasswordSource(_ => KeystorePassword.FromStrings(SymmetricVaultTests.KeyHex)), false);
        var decryptor = identity.VaultDecryptor("secret-conf.properties");

        identity.Dispose();

        Assert.Throws<ObjectDisposedException>(() => decryptor.Decrypt(SymmetricVaultTests.Ecb("x"), "a"));
    }

    private static TestMiHome SymmetricHome(string keystore)
    {
        var home = new TestMiHome(keystore);
        home.SetVaultProperty(EncryptionMode, "symmetric");
        home.SetVaultProperty(Algorithm, Ecb);
        return home;
    }

    private static IdentityKey Identity(TestMiHome home, List<PasswordRequest> requests) =>
        new(home.Home, new ExplicitPasswordSource(request =>
        {
            requests.Add(request);
            return KeystorePassword.FromStrings(home.Keystore.StorePassword);
        }), false);
}
