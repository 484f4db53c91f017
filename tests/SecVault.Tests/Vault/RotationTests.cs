using System.Security.Cryptography;
using System.Text;
using SecVault.Ciphers;
using SecVault.Home;
using SecVault.IO;
using SecVault.Keystores;
using SecVault.Testing;
using SecVault.Toml;
using SecVault.Vault;

namespace SecVault.Tests.Vault;

/// <summary>
/// <c>ciphertool -Drotate</c> through the library: every [secrets] value moved from the old key to the key the keystore
/// settings select. What is written is decrypted with openssl (RSA) or .NET's own AES, not with SecVault; the values
/// under the old key are made with .NET's RSA and AES.
/// </summary>
public sealed class RotationTests
{
    private const string MultiPassword = "multipass";
    private const string Password = "wso2carbon";
    private const string Ecb = SymmetricConfigureTests.Ecb;
    private const string OldKeyHex = SymmetricConfigureTests.KeyHex;
    private const string NewKeyHex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    private const string AesKeystore = "repository/resources/security/aes.jceks";
    private static readonly DateTimeOffset Now = ConfigureOperationTests.Now;
    private const string AesSettings = "[keystore.primary]\nfile_name = \"aes.jceks\"\ntype = \"JCEKS\"\nalias = \"wso2carbon\"\n\n";

    [Fact]
    public void Rotation_to_another_alias_reencrypts_every_value_for_the_new_key_and_writes_only_on_commit()
    {
        var underFirst = EncryptRsa("jks-multi", "first", "old secret ☃");
        var toml = MultiSettings("second") + $"[secrets]\n# values\nold = \"{underFirst}\"   # moved\nfresh = \"[new value]\"\ndyn = \"$sys{{x}}\"\n";
        using var home = new TempMiHome(toml, "jks-multi");

        var operation = RotateToSecond(home, "first");

        Assert.Equal(toml, File.ReadAllText(home.DeploymentTomlPath));
        Assert.Null(home.SecretConf);
        Assert.Equal(["old", "fresh"], operation.EncryptedAliases);
        Assert.Equal(1, operation.Dynamic);
        var warning = Assert.Single(operation.Warnings);
        Assert.Equal(
            ("secrets", "1 dynamic secret(s) left as they are: their ciphertexts live in the environment or system properties; make them again for the new key"),
            (warning.Subject, warning.Message));
        Assert.Equal("re-encrypted 2 secret(s) from 'first' to 'second'; 1 dynamic", operation.RotationSummary("first"));

        Assert.Empty(operation.Commit());

        AssertRewritten(home, toml, UnderSecond, ("old", underFirst, "old secret ☃"), ("fresh", "[new value]", "new value"));
        var conf = SymmetricConfigureTests.SecretConfProperties(home);
        Assert.Equal("second", conf["keystore.identity.alias"]);
        Assert.Equal(Transformation.Default.Name, conf["secretRepositories.file.algorithm"]);
        Assert.False(conf.ContainsKey("secretRepositories.file.encryptionMode"));
    }

    [Fact]
    public void An_old_alias_that_is_no_private_key_of_the_keystore_is_refused_and_nothing_is_written()
    {
        var toml = MultiSettings("second") + "[secrets]\na = \"[one]\"\n";
        using var home = new TempMiHome(toml, "jks-multi");

        var missing = Assert.Throws<KeystoreException>(() => RotateToSecond(home, "third"));
        var certificate = Assert.Throws<KeystoreException>(() => RotateToSecond(home, "trusted-ca"));
        var password = Assert.Throws<KeystoreException>(() => RotateToSecond(home, "first", "not-the-password"));

        Assert.Equal(KeystoreErrorKind.UnknownAlias, missing.Kind);
        Assert.Equal("third", missing.Alias);
        Assert.Equal((KeystoreErrorKind.NoPrivateKey, "trusted-ca"), (certificate.Kind, certificate.Alias));
        Assert.Equal(KeystoreErrorKind.WrongKeyPassword, password.Kind);
        Assert.DoesNotContain("not-the-password", password.Message, StringComparison.Ordinal);
        Assert.Equal(toml, File.ReadAllText(home.DeploymentTomlPath));
        Assert.Null(home.SecretConf);
    }

    [Fact]
    public void A_value_neither_key_decrypts_stops_the_rotation_naming_its_alias_only()
    {
        var toml = MultiSettings("second") + $"[secrets]\nok = \"{EncryptRsa("jks-multi", "first", "fine")}\"\nstray = \"{EncryptRsa("jks-rsa2048", "wso2carbon", "other value")}\"\n";
        using var home = new TempMiHome(toml, "jks-multi");

        var e = Assert.Throws<CipherException>(() => RotateToSecond(home, "first"));

        Assert.Equal((CipherErrorKind.DoesNotDecrypt, "stray"), (e.Kind, e.Alias));
        Assert.Contains("'first'", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("other value", e.Message, StringComparison.Ordinal);
        Assert.Equal(toml, File.ReadAllText(home.DeploymentTomlPath));
        Assert.Null(home.SecretConf);
    }

    [Fact]
    public void A_value_already_under_the_new_key_is_kept_byte_for_byte_with_a_warning()
    {
        var underFirst = EncryptRsa("jks-multi", "first", "to move");
        var underSecond = EncryptRsa("jks-multi", "second", "moved before");
        var toml = MultiSettings("second") + $"[secrets]\nmoved = '{underSecond}'\nstill = \"{underFirst}\"\n";
        using var home = new TempMiHome(toml, "jks-multi");

        var operation = RotateToSecond(home, "first");
        operation.Commit();

        Assert.Equal(["still"], operation.EncryptedAliases);
        var warning = Assert.Single(operation.Warnings);
        Assert.Equal(("secrets", "1 value(s) already under the new key (an earlier run stopped between its two files) kept as they are"), (warning.Subject, warning.Message));
        Assert.Equal("re-encrypted 1 secret(s) from 'first' to 'second'; 0 dynamic", operation.RotationSummary("first"));
        AssertRewritten(home, toml, UnderSecond, ("still", underFirst, "to move"));
    }

    [Fact]
    public void A_file_whose_values_are_all_under_the_new_key_is_left_as_it_is_and_only_secret_conf_is_written()
    {
        var toml = MultiSettings("second") + $"[secrets]\nmoved = \"{EncryptRsa("jks-multi", "second", "moved before")}\"\n";
        using var home = new TempMiHome(toml, "jks-multi");

        var operation = RotateToSecond(home, "first");
        operation.Commit();

        Assert.False(operation.WritesDeploymentToml);
        Assert.Empty(operation.EncryptedAliases);
        Assert.Equal(toml, File.ReadAllText(home.DeploymentTomlPath));
        Assert.Equal("second", SymmetricConfigureTests.SecretConfProperties(home)["keystore.identity.alias"]);
    }

    [Fact]
    public void A_rotation_after_configure_rewrites_its_secret_conf_to_name_the_new_alias()
    {
        const string Secrets = "[secrets]\na = \"[one]\"\n";
        using var home = new TempMiHome(MultiSettings("first") + Secrets, "jks-multi");
        var first = ConfigureOperationTests.Load(home);
        using (var key = VaultKey.Open(first.Keystore, MultiPassword))
        {
            ConfigureOperation.Prepare(first, key, MultiPassword, Transformation.Default, Now).Commit();
        }

        var configured = File.ReadAllText(home.DeploymentTomlPath)[MultiSettings("first").Length..];
        File.WriteAllText(home.DeploymentTomlPath, MultiSettings("second") + configured);
        var before = SymmetricConfigureTests.SecretConfProperties(home);

        var operation = RotateToSecond(home, "first");
        operation.Commit();

        Assert.Equal("first", before["keystore.identity.alias"]);
        var after = SymmetricConfigureTests.SecretConfProperties(home);
        Assert.Equal("second", after["keystore.identity.alias"]);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("one", UnderSecond(Value(home, "a")));
    }

    [Fact]
    public void A_rotation_refuses_a_secret_conf_changed_since_it_was_read_and_writes_nothing()
    {
        var toml = MultiSettings("second") + "[secrets]\na = \"[one]\"\n";
        using var home = new TempMiHome(toml, "jks-multi");
        Directory.CreateDirectory(Path.GetDirectoryName(home.SecretConfPath)!);
        File.WriteAllText(home.SecretConfPath, "secretRepositories=file\n");
        var operation = RotateToSecond(home, "first");
        File.WriteAllText(home.SecretConfPath, "# someone else\n");

        var e = Assert.Throws<FileWriteException>(() => operation.Commit());

        Assert.Equal($"{home.SecretConfPath} was changed by another process since it was read; nothing was written", e.Message);
        Assert.Equal(toml, File.ReadAllText(home.DeploymentTomlPath));
        Assert.Equal("# someone else\n", File.ReadAllText(home.SecretConfPath));
    }

    [Fact]
    public void The_key_the_vault_already_uses_is_refused_as_the_old_key_of_either_rotation()
    {
        using var rsaHome = new TempMiHome("[secrets]\na = \"[one]\"\n");
        var rsaTarget = ConfigureOperationTests.Load(rsaHome);
        using var key = VaultKey.Open(rsaTarget.Keystore, Password);
        using var ownRsa = RotationSource.OpenRsa(Keystore.Load(rsaTarget.Keystore.Path, Password), "WSO2CARBON", Password, Transformation.Default);
        using var aesHome = AesHome("[secrets]\na = \"[one]\"\n");
        var aesTarget = ConfigureOperationTests.Load(aesHome);
        using var ownAes = RotationSource.OpenSymmetric(Keystore.Load(aesTarget.Keystore.Path, Password), "wso2carbon", Password, Ecb);
        using var newAes = SymmetricConfigureTests.Cipher(NewKeyHex);

        var rsa = Assert.Throws<VaultException>(() => ConfigureOperation.PrepareRotation(rsaTarget, ownRsa, key, Password, Transformation.Default, Now));
        var aes = Assert.Throws<VaultException>(() => ConfigureOperation.PrepareSymmetricRotation(aesTarget, ownAes, newAes, AesEntries(aesHome, Ecb), Now));

        const string Message = "the old key is 'wso2carbon' of the keystore the settings select, the key the vault already uses; nothing to rotate";
        Assert.Equal(Message, rsa.Message);
        Assert.Equal(Message, aes.Message);
        Assert.Null(rsaHome.SecretConf);
        Assert.Null(aesHome.SecretConf);
    }

    [Fact]
    public void An_aes_key_of_another_keystore_rotates_to_the_rsa_key_and_the_summary_names_that_keystore()
    {
        using var home = new TempMiHome("[secrets]\na = \"AAAA\"\nb = \"[plain]\"\n");
        var oldPath = home.AddKeystore("jceks-secretkey", "old/aes.jceks");
        using var old = RotationSource.OpenSymmetric(Keystore.Load(oldPath, Password), "WSO2Carbon", Password, Ecb);
        var underOld = SymmetricConfigureTests.EncryptEcb(StoredAesKey(oldPath), "aes secret");
        var toml = $"[secrets]\na = \"{underOld}\"\nb = \"[plain]\"\n";
        File.WriteAllText(home.DeploymentTomlPath, toml);
        var target = ConfigureOperationTests.Load(home);
        using var key = VaultKey.Open(target.Keystore, Password);

        var operation = ConfigureOperation.PrepareRotation(target, old, key, Password, Transformation.Default, Now);

        Assert.Equal((oldPath, "wso2carbon", VaultEncryptionMode.Symmetric), (old.KeystorePath, old.Alias, old.Mode));
        Assert.Equal(toml, File.ReadAllText(home.DeploymentTomlPath));
        Assert.Null(home.SecretConf);
        operation.Commit();
        Assert.Equal($"re-encrypted 2 secret(s) from 'wso2carbon' of {oldPath} to 'wso2carbon'; 0 dynamic", operation.RotationSummary(old));
        AssertRewritten(home, toml, v => IndependentDecryptor.Decrypt("jks-rsa2048", "wso2carbon", v), ("a", underOld, "aes secret"), ("b", "[plain]", "plain"));
        var conf = SymmetricConfigureTests.SecretConfProperties(home);
        Assert.Equal("repository/resources/security/wso2carbon.jks", conf["keystore.identity.location"]);
        Assert.Equal("wso2carbon", conf["keystore.identity.alias"]);
        Assert.False(conf.ContainsKey("secretRepositories.file.encryptionMode"));
    }

    [Fact]
    public void An_rsa_key_of_another_keystore_rotates_to_the_aes_key_and_secret_conf_describes_a_symmetric_vault()
    {
        using var home = AesHome("[secrets]\na = \"AAAA\"\n");
        var oldPath = home.AddKeystore("jks-rsa2048", "old/rsa.jks");
        var underOld = EncryptRsa("jks-rsa2048", "wso2carbon", "rsa secret");
        var toml = AesSettings + $"[secrets]\na = \"{underOld}\" # moved\n";
        File.WriteAllText(home.DeploymentTomlPath, toml);
        var target = ConfigureOperationTests.Load(home);
        using var old = RotationSource.OpenRsa(Keystore.Load(oldPath, Password), "wso2carbon", Password, Transformation.Default);
        using var newKey = VaultKey.OpenSymmetric(Keystore.Load(target.Keystore.Path, Password), "wso2carbon", AesKeystore, Password, Ecb, out _);

        var operation = ConfigureOperation.PrepareSymmetricRotation(target, old, newKey, AesEntries(home, Ecb), Now);

        Assert.Equal(toml, File.ReadAllText(home.DeploymentTomlPath));
        operation.Commit();
        Assert.Equal($"re-encrypted 1 secret(s) from 'wso2carbon' of {oldPath} to 'wso2carbon'; 0 dynamic", operation.RotationSummary(old));
        AssertRewritten(home, toml, v => SymmetricConfigureTests.DecryptEcb(StoredAesKey(target.Keystore.Path), v), ("a", underOld, "rsa secret"));
        var conf = SymmetricConfigureTests.SecretConfProperties(home);
        Assert.Equal("symmetric", conf["secretRepositories.file.encryptionMode"]);
        Assert.Equal(Ecb, conf["secretRepositories.file.algorithm"]);
        Assert.Equal("wso2carbon", conf["keystore.identity.alias"]);
    }

    [Fact]
    public void A_symmetric_rotation_by_alias_moves_aes_values_to_the_new_key_and_refuses_the_current_alias()
    {
        var oldKey = Convert.FromHexString(OldKeyHex);
        var underOld = SymmetricConfigureTests.EncryptEcb(oldKey, "aes value");
        var toml = AesSettings + $"[secrets]\nv = \"{underOld}\"\nd = \"$env{{D}}\"\n";
        using var home = new TempMiHome(toml, "jceks-secretkey", AesKeystore);
        var target = ConfigureOperationTests.Load(home);
        using var old = SymmetricConfigureTests.Cipher(OldKeyHex);
        using var newKey = SymmetricConfigureTests.Cipher(NewKeyHex);

        var same = Assert.Throws<VaultException>(() => ConfigureOperation.PrepareSymmetricRotation(target, old, "WSO2CARBON", newKey, AesEntries(home, Ecb), Now));
        var operation = ConfigureOperation.PrepareSymmetricRotation(target, old, "old-key", newKey, AesEntries(home, Ecb), Now);

        Assert.Equal("-Dold.alias is 'wso2carbon', the alias the keystore settings already select; nothing to rotate", same.Message);
        Assert.Equal(toml, File.ReadAllText(home.DeploymentTomlPath));
        Assert.Null(home.SecretConf);
        operation.Commit();
        Assert.Equal("re-encrypted 1 secret(s) from 'old-key' to 'wso2carbon'; 1 dynamic", operation.RotationSummary("old-key"));
        AssertRewritten(home, toml, v => SymmetricConfigureTests.DecryptEcb(Convert.FromHexString(NewKeyHex), v), ("v", underOld, "aes value"));
        Assert.Equal("symmetric", SymmetricConfigureTests.SecretConfProperties(home)["secretRepositories.file.encryptionMode"]);
    }

    [Fact]
    public void A_value_both_keys_decrypt_takes_the_standing_of_the_other_values_and_alone_is_refused()
    {
        var oldKey = Convert.FromHexString(OldKeyHex);
        var plaintext = EitherKeyPlaintext(oldKey, Convert.FromHexString(NewKeyHex));
        var both = SymmetricConfigureTests.EncryptEcb(oldKey, plaintext);
        var withOld = AesSettings + $"[secrets]\nx = \"{SymmetricConfigureTests.EncryptEcb(oldKey, "old one")}\"\nboth = \"{both}\"\n";
        var alone = AesSettings + $"[secrets]\nfirst = \"[plain]\"\nboth = \"{both}\"\n";
        using var home = new TempMiHome(withOld, "jceks-secretkey", AesKeystore);
        using var lone = new TempMiHome(alone, "jceks-secretkey", AesKeystore);
        using var old = SymmetricConfigureTests.Cipher(OldKeyHex);
        using var newKey = SymmetricConfigureTests.Cipher(NewKeyHex);

        var operation = ConfigureOperation.PrepareSymmetricRotation(ConfigureOperationTests.Load(home), old, "old-key", newKey, AesEntries(home, Ecb), Now);
        var e = Assert.Throws<VaultException>(() => ConfigureOperation.PrepareSymmetricRotation(ConfigureOperationTests.Load(lone), old, "old-key", newKey, AesEntries(lone, Ecb), Now));

        operation.Commit();
        Assert.Equal(["x", "both"], operation.EncryptedAliases);
        Assert.Equal(plaintext, SymmetricConfigureTests.DecryptEcb(Convert.FromHexString(NewKeyHex), Value(home, "both")));
        Assert.Equal(
            "conf/deployment.toml:8: [secrets] both decrypts with both the old and the new key (a padding without integrity check), and the other values do not say which it is under; nothing was written",
            e.Message);
        Assert.Equal("write its plain value as \"[value]\" in [secrets] and run the rotation again", e.Hint);
        Assert.Equal((VaultErrorKind.Configuration, "both", 8), (e.Kind, e.Alias, e.Line));
        Assert.Equal(alone, File.ReadAllText(lone.DeploymentTomlPath));
    }

    [Fact]
    public void A_new_ciphertext_that_does_not_decrypt_back_to_its_value_stops_the_rotation()
    {
        using var home = AesHome("[secrets]\na = \"[one]\"\n");
        var target = ConfigureOperationTests.Load(home);
        using var old = SymmetricConfigureTests.Cipher(OldKeyHex);
        using var newKey = SymmetricConfigureTests.Cipher(NewKeyHex);

        var e = Assert.Throws<CipherException>(() => ConfigureOperation.PrepareRotation(target, old, (_, _) => newKey.Encrypt("another"u8), newKey, AesEntries(home, Ecb), Now));

        Assert.Equal((CipherErrorKind.DoesNotDecrypt, "a"), (e.Kind, e.Alias));
        Assert.Equal("the new ciphertext of 'a' does not decrypt back to its value; nothing was written", e.Message);
        Assert.Null(home.SecretConf);
    }

    [Fact]
    public void Rotation_entry_points_refuse_null_arguments()
    {
        using var home = AesHome("[secrets]\na = \"[one]\"\n");
        var target = ConfigureOperationTests.Load(home);
        var keystore = Keystore.Load(target.Keystore.Path, Password);
        using var old = RotationSource.OpenSymmetric(keystore, "wso2carbon", Password, Ecb);
        using var cipher = SymmetricConfigureTests.Cipher(NewKeyHex);
        var conf = AesEntries(home, Ecb);

        Assert.Throws<ArgumentNullException>("target", () => ConfigureOperation.PrepareSymmetricRotation(null!, old, cipher, conf, Now));
        Assert.Throws<ArgumentNullException>("oldKey", () => ConfigureOperation.PrepareSymmetricRotation(target, (RotationSource)null!, cipher, conf, Now));
        Assert.Throws<ArgumentNullException>("newKey", () => ConfigureOperation.PrepareSymmetricRotation(target, old, null!, conf, Now));
        Assert.Throws<ArgumentNullException>("target", () => ConfigureOperation.PrepareSymmetricRotation(null!, cipher, "x", cipher, conf, Now));
        // The old alias is the one the settings select: the arguments are checked before that is refused.
        Assert.Throws<ArgumentNullException>("oldKey", () => ConfigureOperation.PrepareSymmetricRotation(target, (SymmetricSecretCipher)null!, "wso2carbon", cipher, conf, Now));
        Assert.Throws<ArgumentNullException>("newKey", () => ConfigureOperation.PrepareSymmetricRotation(target, cipher, "wso2carbon", null!, conf, Now));
        Assert.Throws<ArgumentException>("oldAlias", () => ConfigureOperation.PrepareSymmetricRotation(target, cipher, string.Empty, cipher, conf, Now));
        Assert.Throws<ArgumentNullException>("oldKey", () => ConfigureOperation.PrepareSymmetric(target, cipher, conf, Now).RotationSummary((RotationSource)null!));
        Assert.Throws<ArgumentNullException>("keystore", () => RotationSource.OpenSymmetric(null!, "a", Password, Ecb));
        Assert.Throws<ArgumentException>("alias", () => RotationSource.OpenSymmetric(keystore, string.Empty, Password, Ecb));
        Assert.Throws<ArgumentNullException>("algorithm", () => RotationSource.OpenSymmetric(keystore, "no-such-alias", Password, null!));
        Assert.Throws<ArgumentNullException>("keystore", () => RotationSource.OpenRsa(null!, "a", Password, Transformation.Default));
        Assert.Throws<ArgumentException>("alias", () => RotationSource.OpenRsa(keystore, string.Empty, Password, Transformation.Default));
        Assert.Throws<ArgumentNullException>("transformation", () => RotationSource.OpenRsa(keystore, "wso2carbon", Password, null!));
    }

    [Fact]
    public void Rsa_rotations_check_their_arguments_before_refusing_the_key_already_in_use()
    {
        // The old key is the one the settings select, which each entry point refuses once its arguments are there.
        using var home = new TempMiHome("[secrets]\na = \"[one]\"\n");
        var target = ConfigureOperationTests.Load(home);
        using var key = VaultKey.Open(target.Keystore, Password);
        using var current = RotationSource.OpenRsa(key.Keystore, "wso2carbon", Password, Transformation.Default);

        Assert.Throws<ArgumentNullException>("target", () => ConfigureOperation.PrepareRotation(null!, key, Password, "wso2carbon", Transformation.Default, Now));
        Assert.Throws<ArgumentNullException>("key", () => ConfigureOperation.PrepareRotation(target, null!, Password, "wso2carbon", Transformation.Default, Now));
        Assert.Throws<ArgumentNullException>("transformation", () => ConfigureOperation.PrepareRotation(target, key, Password, "wso2carbon", null!, Now));
        Assert.Throws<ArgumentNullException>("target", () => ConfigureOperation.PrepareRotation(null!, current, key, Password, Transformation.Default, Now));
        Assert.Throws<ArgumentNullException>("oldKey", () => ConfigureOperation.PrepareRotation(target, (RotationSource)null!, key, Password, Transformation.Default, Now));
        Assert.Throws<ArgumentNullException>("key", () => ConfigureOperation.PrepareRotation(target, current, null!, Password, Transformation.Default, Now));
        Assert.Throws<ArgumentNullException>("transformation", () => ConfigureOperation.PrepareRotation(target, current, key, Password, null!, Now));
        Assert.Equal("the old key is 'wso2carbon' of the keystore the settings select, the key the vault already uses; nothing to rotate",
            Assert.Throws<VaultException>(() => ConfigureOperation.PrepareRotation(target, current, key, Password, Transformation.Default, Now)).Message);
    }

    [Fact]
    public void The_shared_rotation_step_refuses_each_missing_argument_even_when_there_is_nothing_to_rotate()
    {
        using var home = new TempMiHome("[secrets]\n");
        var target = ConfigureOperationTests.Load(home);
        using var cipher = SymmetricConfigureTests.Cipher(NewKeyHex);
        Func<byte[], string, string> encrypt = (bytes, _) => cipher.Encrypt(bytes);
        var conf = AesEntries(home, Ecb);

        Assert.Throws<ArgumentNullException>("target", () => ConfigureOperation.PrepareRotation(null!, cipher, encrypt, cipher, conf, Now));
        Assert.Throws<ArgumentNullException>("oldKey", () => ConfigureOperation.PrepareRotation(target, (ISecretDecryptor)null!, encrypt, cipher, conf, Now));
        Assert.Throws<ArgumentNullException>("encryptNew", () => ConfigureOperation.PrepareRotation(target, cipher, null!, cipher, conf, Now));
        Assert.Throws<ArgumentNullException>("newKey", () => ConfigureOperation.PrepareRotation(target, cipher, encrypt, null!, conf, Now));
        Assert.Throws<ArgumentNullException>("secretConf", () => ConfigureOperation.PrepareRotation(target, cipher, encrypt, cipher, null!, Now));
    }

    [Fact]
    public void A_disposed_old_key_decrypts_nothing_more()
    {
        using var aesHome = AesHome($"[secrets]\na = \"{SymmetricConfigureTests.EncryptEcb(Convert.FromHexString(OldKeyHex), "x")}\"\n");
        using var rsaHome = AesHome($"[secrets]\na = \"{EncryptRsa("jks-rsa2048", "wso2carbon", "x")}\"\n");
        var aes = RotationSource.OpenSymmetric(Keystore.Load(aesHome.AddKeystore("jceks-secretkey", "old/aes.jceks"), Password), "wso2carbon", Password, Ecb);
        var rsa = RotationSource.OpenRsa(Keystore.Load(rsaHome.AddKeystore("jks-rsa2048", "old/rsa.jks"), Password), "wso2carbon", Password, Transformation.Default);
        using var newKey = SymmetricConfigureTests.Cipher(NewKeyHex);

        aes.Dispose();
        rsa.Dispose();

        Assert.Throws<ObjectDisposedException>(() => ConfigureOperation.PrepareSymmetricRotation(ConfigureOperationTests.Load(aesHome), aes, newKey, AesEntries(aesHome, Ecb), Now));
        Assert.Throws<ObjectDisposedException>(() => ConfigureOperation.PrepareSymmetricRotation(ConfigureOperationTests.Load(rsaHome), rsa, newKey, AesEntries(rsaHome, Ecb), Now));
    }

    [Fact]
    public void The_old_algorithm_comes_from_secret_conf_only_while_the_vault_it_describes_is_enabled()
    {
        using var home = AesHome("[secrets]\na = \"[one]\"\n");
        var target = ConfigureOperationTests.Load(home);
        Directory.CreateDirectory(Path.GetDirectoryName(home.SecretConfPath)!);
        File.WriteAllText(home.SecretConfPath, "secretRepositories.file.encryptionMode=symmetric\nsecretRepositories.file.algorithm=AES/CBC/PKCS5Padding\n");

        Assert.Equal("AES/CBC/PKCS5Padding", RotationSource.ConfiguredAlgorithm(target, VaultEncryptionMode.Symmetric));
        File.AppendAllText(home.SecretConfPath, "secVault.enabled = FALSE \n");
        Assert.Null(RotationSource.ConfiguredAlgorithm(target, VaultEncryptionMode.Symmetric));
    }

    [Fact]
    public void An_old_alias_that_is_not_an_aes_key_is_refused_naming_the_alias()
    {
        using var home = new TempMiHome("[secrets]\na = \"[one]\"\n");
        var keystore = Keystore.Load(Path.Combine(home.Path, TempMiHome.DefaultKeystore), Password);

        var e = Assert.Throws<VaultException>(() => RotationSource.OpenSymmetric(keystore, "wso2carbon", Password, Ecb));

        Assert.StartsWith("alias 'wso2carbon' of keystore ", e.Message, StringComparison.Ordinal);
        Assert.EndsWith(" is not a secret key; a symmetric vault encrypts with the AES key at that alias", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Prepares the rotation of a jks-multi home whose settings select 'second', from <paramref name="oldAlias"/>.</summary>
    private static ConfigureOperation RotateToSecond(TempMiHome home, string oldAlias, string keyPassword = MultiPassword)
    {
        var target = ConfigureOperationTests.Load(home);
        using var key = VaultKey.Open(target.Keystore, MultiPassword);
        return ConfigureOperation.PrepareRotation(target, key, keyPassword, oldAlias, Transformation.Default, Now);
    }

    private static string MultiSettings(string alias) => $"[keystore.primary]\nfile_name = \"wso2carbon.jks\"\ntype = \"JKS\"\nalias = \"{alias}\"\n\n";

    /// <summary>A home whose keystore settings select the AES key of the JCEKS vector.</summary>
    private static TempMiHome AesHome(string secrets) => new(AesSettings + secrets, "jceks-secretkey", AesKeystore);

    private static IReadOnlyList<KeyValuePair<string, string>> AesEntries(TempMiHome home, string algorithm) =>
        VaultConfiguration.SymmetricEntries(home.Path, Path.Combine(home.Path, AesKeystore), KeystoreType.Jceks, "wso2carbon", algorithm);

    /// <summary>Encrypts with .NET's RSA (OAEP, SHA-1) for the public key at <paramref name="alias"/> of a vector keystore.</summary>
    private static string EncryptRsa(string vector, string alias, string plaintext)
    {
        var keystore = VectorManifest.Load().Keystore(vector);
        using var rsa = Keystore.Load(VectorManifest.KeystorePath(keystore), keystore.StorePassword).GetEntry(alias).GetRsaPrivateKey(keystore.KeyPassword);
        return Convert.ToBase64String(rsa.Encrypt(Encoding.UTF8.GetBytes(plaintext), RSAEncryptionPadding.OaepSHA1));
    }

    private static byte[] StoredAesKey(string path)
    {
        using var material = Keystore.Load(path, Password).GetEntry("wso2carbon").GetSecretKey(Password);
        return material.Key.ToArray();
    }

    /// <summary>A plaintext whose ECB ciphertext under <paramref name="oldKey"/> also has valid padding under <paramref name="newKey"/> (about one in 256).</summary>
    private static string EitherKeyPlaintext(byte[] oldKey, byte[] newKey)
    {
        using var aes = Aes.Create();
        aes.Key = newKey;
        for (var i = 0; ; i++)
        {
            var candidate = $"value {i}";
            try
            {
                aes.DecryptEcb(Convert.FromBase64String(SymmetricConfigureTests.EncryptEcb(oldKey, candidate)), PaddingMode.PKCS7);
                return candidate;
            }
            catch (CryptographicException)
            {
            }
        }
    }

    private static string UnderSecond(string ciphertext) => IndependentDecryptor.Decrypt("jks-multi", "second", ciphertext);

    /// <summary>
    /// Each value's literal now holds a ciphertext <paramref name="decrypt"/> turns into its plaintext, and putting the
    /// literals it replaced back gives <paramref name="before"/> byte for byte: nothing else of the file changed.
    /// </summary>
    private static void AssertRewritten(TempMiHome home, string before, Func<string, string> decrypt, params (string Alias, string Was, string Plaintext)[] values)
    {
        var after = File.ReadAllText(home.DeploymentTomlPath);
        foreach (var (alias, was, plaintext) in values)
        {
            var ciphertext = Value(home, alias);
            Assert.Equal(plaintext, decrypt(ciphertext));
            after = after.Replace(ciphertext, was, StringComparison.Ordinal);
        }

        Assert.Equal(before, after);
    }

    private static string Value(TempMiHome home, string alias) =>
        DeploymentToml.Parse(home.DeploymentToml, "d").Secrets.Single(s => s.Alias == alias).Value!;
}
