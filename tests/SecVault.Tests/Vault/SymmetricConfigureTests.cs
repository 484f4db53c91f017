using System.Security.Cryptography;
using System.Text;
using SecVault.Ciphers;
using SecVault.Home;
using SecVault.Keystores;
using SecVault.Properties;
using SecVault.Testing;
using SecVault.Vault;

namespace SecVault.Tests.Vault;

/// <summary>
/// <c>-Dsymmetric -Dconfigure</c> with a key-based AES/ECB key, and the old key of a rotation. What is written is
/// decrypted with .NET's own AES, not with SecVault.
/// </summary>
public sealed class SymmetricConfigureTests
{
    internal const string KeyHex = "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4";
    internal const string Ecb = "AES/ECB/PKCS5Padding";
    private static readonly DateTimeOffset Now = new(2025, 11, 27, 22, 51, 3, TimeSpan.Zero);

    [Fact]
    public void PrepareSymmetric_encrypts_plain_values_keeps_valid_ones_and_warns_about_the_rest()
    {
        var valid = EncryptEcb(Convert.FromHexString(KeyHex), "already");
        using var home = new TempMiHome($"[secrets]\na = \"[one]\"\nb = \"{valid}\"\nc = \"bm90IGEgYmxvY2s=\"\nd = \"$sys{{x}}\"\n");
        var target = ConfigureOperationTests.Load(home);
        using var cipher = Cipher(KeyHex);

        var operation = ConfigureOperation.PrepareSymmetric(target, cipher, VaultConfiguration.KeyBasedEntries(Ecb), Now);
        operation.Commit();

        Assert.Equal(["a"], operation.EncryptedAliases);
        Assert.Equal(1, operation.Dynamic);
        var warning = Assert.Single(operation.Warnings);
        Assert.Equal(("c", 4), (warning.Subject, warning.Line));
        Assert.EndsWith("; left as it is", warning.Message, StringComparison.Ordinal);
        var toml = File.ReadAllText(home.DeploymentTomlPath);
        var a = toml.Split('\n').Single(l => l.StartsWith("a = ", StringComparison.Ordinal))["a = \"".Length..^1];
        Assert.Equal("one", DecryptEcb(Convert.FromHexString(KeyHex), a));
        Assert.Contains($"b = \"{valid}\"\nc = \"bm90IGEgYmxvY2s=\"\nd = \"$sys{{x}}\"\n", toml, StringComparison.Ordinal);
        var properties = SecretConfProperties(home);
        Assert.Equal("key.based.symmetric.encryption", properties["secretRepositories.file.encryptionMode"]);
        Assert.Equal(Ecb, properties["secretRepositories.file.algorithm"]);
    }

    [Fact]
    public void PrepareSymmetric_refuses_null_arguments()
    {
        using var home = new TempMiHome("[secrets]\na = \"[one]\"\n");
        var target = ConfigureOperationTests.Load(home);
        using var cipher = Cipher(KeyHex);
        var conf = VaultConfiguration.KeyBasedEntries(Ecb);

        Assert.Throws<ArgumentNullException>("target", () => ConfigureOperation.PrepareSymmetric(null!, cipher, conf, Now));
        Assert.Throws<ArgumentNullException>("cipher", () => ConfigureOperation.PrepareSymmetric(target, null!, conf, Now));
        Assert.Throws<ArgumentNullException>("secretConf", () => ConfigureOperation.PrepareSymmetric(target, cipher, null!, Now));
    }

    [Fact]
    public void ConfiguredAlgorithm_is_the_trimmed_algorithm_of_a_vault_of_that_mode_only()
    {
        using var home = new TempMiHome("[secrets]\na = \"[one]\"\n");
        var target = ConfigureOperationTests.Load(home);
        Assert.Null(RotationSource.ConfiguredAlgorithm(target, VaultEncryptionMode.KeyBased));

        var entries = VaultConfiguration.KeyBasedEntries(Ecb)
            .Select(e => e.Key == "secretRepositories.file.algorithm" ? new KeyValuePair<string, string>(e.Key, " AES ") : e).ToList();
        Directory.CreateDirectory(Path.GetDirectoryName(home.SecretConfPath)!);
        File.WriteAllBytes(home.SecretConfPath, PropertiesWriter.Store(entries, Now, "\n"));

        Assert.Equal("AES", RotationSource.ConfiguredAlgorithm(target, VaultEncryptionMode.KeyBased));
        Assert.Null(RotationSource.ConfiguredAlgorithm(target, VaultEncryptionMode.Asymmetric));
        Assert.Null(RotationSource.ConfiguredAlgorithm(target, VaultEncryptionMode.Symmetric));
        Assert.Throws<ArgumentNullException>("target", () => RotationSource.ConfiguredAlgorithm(null!, VaultEncryptionMode.KeyBased));
    }

    [Fact]
    public void An_RSA_old_key_is_named_by_its_alias_and_by_its_keystore_when_that_is_another()
    {
        using var home = new TempMiHome("[secrets]\na = \"[one]\"\n");
        var target = ConfigureOperationTests.Load(home);
        var vector = VectorManifest.Load().Keystore("jks-rsa2048");
        var other = home.AddKeystore("jks-rsa2048", "old/old.jks");

        using var own = RotationSource.OpenRsa(Keystore.Load(target.Keystore.Path, vector.StorePassword), target.Keystore.Alias.ToUpperInvariant(), vector.KeyPassword, Transformation.Default);
        using var elsewhere = RotationSource.OpenRsa(Keystore.Load(other, vector.StorePassword), target.Keystore.Alias, vector.KeyPassword, Transformation.Default);

        Assert.Equal((Path.GetFullPath(target.Keystore.Path), target.Keystore.Alias, VaultEncryptionMode.Asymmetric), (own.KeystorePath, own.Alias, own.Mode));
        Assert.Equal($"'{target.Keystore.Alias}'", own.Describe(target));
        Assert.True(own.IsKeyOf(target, VaultEncryptionMode.Asymmetric));
        Assert.False(own.IsKeyOf(target, VaultEncryptionMode.Symmetric));
        Assert.Equal($"'{target.Keystore.Alias}' of {other}", elsewhere.Describe(target));
        Assert.False(elsewhere.IsKeyOf(target, VaultEncryptionMode.Asymmetric));
    }

    /// <summary>An <see cref="Ecb"/> cipher with the 64 hex digits of <paramref name="keyHex"/>.</summary>
    internal static SymmetricSecretCipher Cipher(string keyHex) => new(Convert.FromHexString(keyHex), Ecb, "test key");

    /// <summary>Encrypts with .NET's own AES/ECB (PKCS #7 padding, which Java calls PKCS5).</summary>
    internal static string EncryptEcb(byte[] key, string plaintext)
    {
        using var aes = Aes.Create();
        aes.Key = key;
        return Convert.ToBase64String(aes.EncryptEcb(Encoding.UTF8.GetBytes(plaintext), PaddingMode.PKCS7));
    }

    /// <summary>Decrypts with .NET's own AES/ECB.</summary>
    internal static string DecryptEcb(byte[] key, string ciphertext)
    {
        using var aes = Aes.Create();
        aes.Key = key;
        return Encoding.UTF8.GetString(aes.DecryptEcb(Convert.FromBase64String(ciphertext), PaddingMode.PKCS7));
    }

    /// <summary>The properties of the home's secret-conf.properties, read with the properties reader.</summary>
    internal static Dictionary<string, string> SecretConfProperties(TempMiHome home)
    {
        using var conf = new MemoryStream(home.SecretConf!);
        return PropertiesReader.ReadIso88591(conf, "secret-conf.properties").ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
    }

    [Fact]
    public void PrepareSymmetric_run_again_over_its_own_result_writes_nothing()
    {
        using var home = new TempMiHome("[secrets]\na = \"[one]\"\n");
        using var cipher = Cipher(KeyHex);
        ConfigureOperation.PrepareSymmetric(ConfigureOperationTests.Load(home), cipher, VaultConfiguration.KeyBasedEntries(Ecb), Now).Commit();

        var again = ConfigureOperation.PrepareSymmetric(ConfigureOperationTests.Load(home), cipher, VaultConfiguration.KeyBasedEntries(Ecb), Now.AddDays(1));

        Assert.False(again.WritesDeploymentToml);
        Assert.False(again.WritesSecretConf);
        Assert.Equal(1, again.AlreadyEncrypted);
        Assert.Empty(again.Warnings);
    }

    [SkippableFact]
    public void An_aes_key_of_a_PKCS12_keystore_opens_without_warnings_and_a_key_of_another_algorithm_is_refused()
    {
        Skip.IfNot(JavaInterop.IsKeytoolAvailable, "keytool is not on PATH");
        using var folder = new TempFolder();
        var path = folder.Combine("keys.p12");
        const string StorePassword = "secret-store-pw";
        JavaInterop.Keytool("-genseckey", "-keyalg", "AES", "-keysize", "128", "-storetype", "PKCS12", "-keystore", path, "-storepass", StorePassword, "-alias", "aes");
        JavaInterop.Keytool("-genseckey", "-keyalg", "HmacSHA256", "-keysize", "256", "-storetype", "PKCS12", "-keystore", path, "-storepass", StorePassword, "-alias", "mac");
        var keystore = Keystore.Load(path, StorePassword, KeystoreType.Pkcs12);

        using var aes = VaultKey.OpenSymmetric(keystore, "aes", "keys.p12", StorePassword, SymmetricSecretCipher.GcmAlgorithm, out var warnings);
        var e = Assert.Throws<VaultException>(() => VaultKey.OpenSymmetric(keystore, "mac", "keys.p12", StorePassword, SymmetricSecretCipher.GcmAlgorithm, out _));

        Assert.Empty(warnings);
        Assert.Equal("héllo", AesJavaInterop.DecryptWithKeystore(path, StorePassword, "aes", SymmetricSecretCipher.GcmAlgorithm, VaultKey.EncryptValue(aes, "héllo")));
        Assert.StartsWith("secret key 'mac' in keys.p12 is ", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("; a symmetric vault needs an AES key", e.Message, StringComparison.Ordinal);
    }
}
