using System.Security.Cryptography;
using System.Text;
using SecVault.Diagnostics;
using SecVault.Home;
using SecVault.Hosting;
using SecVault.Passwords;
using SecVault.Properties;
using SecVault.Resolution;
using SecVault.Testing;

namespace SecVault.Tests.Resolution;

/// <summary>
/// Resolution with a key-based AES vault. The values are made here with .NET's own AES (ECB with PKCS#7 padding, as
/// openssl and securevault 1.2.1 make them), not with SecVault.
/// </summary>
public sealed class SymmetricVaultTests
{
    internal const string KeyHex = "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4";

    [Fact]
    public void A_key_based_vault_asks_the_password_source_for_the_key_once_and_decrypts()
    {
        using var home = KeyBasedHome(Entries("AES/ECB/PKCS5Padding"), ("db", Ecb("s3cr3t ☃")), ("api", Ecb("second")));
        var requests = new List<string>();
        using var resolver = new MiHomeResolver(home.Home, KeyOptions(request =>
        {
            requests.Add(request.KeystorePath);
            return KeystorePassword.FromStrings(KeyHex);
        }));

        var secrets = resolver.DecryptSecrets();

        Assert.Equal("s3cr3t ☃", secrets["db"]);
        Assert.Equal("second", secrets["api"]);
        Assert.Equal(["the key-based encryption key (key.based.password)"], requests);
    }

    [Fact]
    public void A_key_written_in_secret_conf_itself_needs_no_password_source()
    {
        var entries = Entries("AES/ECB/PKCS5Padding").Where(e => e.Key != "key.based.secretProvider")
            .Select(e => e.Key == "key.based.password" ? new KeyValuePair<string, string>(e.Key, KeyHex) : e).ToList();
        using var home = KeyBasedHome(entries, ("db", Ecb("inline key")));
        using var resolver = new MiHomeResolver(home.Home, KeyOptions(_ => throw new InvalidOperationException("no password expected")));

        Assert.Equal("inline key", resolver.DecryptSecrets()["db"]);
    }

    [Fact]
    public void A_key_based_vault_without_its_key_is_refused_once_and_the_same_way_again()
    {
        var entries = Entries("AES/ECB/PKCS5Padding").Where(e => e.Key != "key.based.password").ToList();
        using var home = KeyBasedHome(entries, ("db", Ecb("x")));
        using var resolver = new MiHomeResolver(home.Home, KeyOptions(_ => KeystorePassword.FromStrings(KeyHex)));

        var first = Assert.Throws<SecVaultResolutionException>(() => resolver.DecryptSecrets());
        var again = Assert.Throws<SecVaultResolutionException>(() => resolver.DecryptSecrets());

        var expected = "secret-conf.properties sets encryptionMode=key.based.symmetric.encryption but has no key.based.password; MI cannot start its vault";
        Assert.Contains(expected, string.Join("\n", first.Problems.Select(p => p.Message)), StringComparison.Ordinal);
        Assert.Equal(first.Problems.Select(p => p.Message), again.Problems.Select(p => p.Message));
    }

    [Fact]
    public void A_key_based_vault_whose_password_source_has_no_key_names_what_was_asked_for()
    {
        using var home = KeyBasedHome(Entries("AES/ECB/PKCS5Padding"), ("db", Ecb("x")));
        using var resolver = new MiHomeResolver(home.Home, KeyOptions(_ => null));

        var ex = Assert.Throws<SecVaultResolutionException>(() => resolver.DecryptSecrets());

        Assert.Contains("the key-based encryption key (key.based.password)", string.Join("\n", ex.Problems.Select(p => p.Message)), StringComparison.Ordinal);
    }

    [Fact]
    public void An_algorithm_no_symmetric_vault_knows_is_refused_naming_it()
    {
        var entries = Entries("AES/ECB/PKCS5Padding")
            .Select(e => e.Key == "secretRepositories.file.algorithm" ? new KeyValuePair<string, string>(e.Key, "DES") : e).ToList();
        using var home = KeyBasedHome(entries, ("db", Ecb("x")));
        using var resolver = new MiHomeResolver(home.Home, KeyOptions(_ => KeystorePassword.FromStrings(KeyHex)));

        var ex = Assert.Throws<SecVaultResolutionException>(() => resolver.DecryptSecrets());

        Assert.Contains("'DES'", string.Join("\n", ex.Problems.Select(p => p.Message)), StringComparison.Ordinal);
    }

    internal static IReadOnlyList<KeyValuePair<string, string>> Entries(string algorithm) => VaultConfiguration.KeyBasedEntries(algorithm);

    internal static string Ecb(string plaintext) => Ecb(Encoding.UTF8.GetBytes(plaintext));

    internal static string Ecb(byte[] plaintext, string keyHex = KeyHex)
    {
        using var aes = Aes.Create();
        aes.Key = Convert.FromHexString(keyHex);
        return Convert.ToBase64String(aes.EncryptEcb(plaintext, PaddingMode.PKCS7));
    }

    internal static TestMiHome KeyBasedHome(IReadOnlyList<KeyValuePair<string, string>> vault, params (string Alias, string Value)[] secrets)
    {
        var home = new TestMiHome();
        File.WriteAllBytes(home.Combine("conf", "security", "secret-conf.properties"), PropertiesWriter.Store(vault, DateTimeOffset.UnixEpoch, "\n"));
        home.WriteToml("[secrets]\n" + string.Concat(secrets.Select(s => $"{s.Alias} = \"{s.Value}\"\n")));
        return home;
    }

    internal static MiHomeResolverOptions KeyOptions(Func<PasswordRequest, KeystorePassword?> provider) => new()
    {
        Environment = new DictionaryEnvironment(new Dictionary<string, string>()),
        PasswordSource = new ExplicitPasswordSource(provider),
    };
}
