using SecVault.Diagnostics;
using SecVault.Hosting;
using SecVault.Passwords;
using SecVault.Resolution;
using SecVault.Synapse;
using SecVault.Testing;

namespace SecVault.Tests.Resolution;

/// <summary>A custom secret repository and a custom password source, plugged in through the public API only.</summary>
public sealed class ExtensibilityTests
{
    private sealed class MapRepository(Dictionary<string, string> secrets) : ISecretRepository
    {
        public IReadOnlyList<string> Aliases => [.. secrets.Keys];

        public SecretLookup Lookup(string secretAlias) =>
            secrets.TryGetValue(secretAlias, out var value) ? SecretLookup.Found(value) : SecretLookup.Unknown("not in the map");
    }

    private sealed class CountingSource(string password) : IPasswordSource
    {
        public int Calls { get; private set; }

        public string Name => "counting";

        public KeystorePassword? GetPassword(PasswordRequest request)
        {
            Calls++;
            return KeystorePassword.FromStrings(password);
        }
    }

    [Fact]
    public void A_custom_secret_repository_serves_secret_placeholders_and_REG_lookups()
    {
        using var home = new TestMiHome();
        home.WriteToml("a = \"x-$secret{k}\"\nb = \"$secret{missing}\"\n");
        var options = new MiHomeResolverOptions
        {
            Environment = new DictionaryEnvironment(new Dictionary<string, string>()),
            SecretRepository = new MapRepository(new() { ["k"] = "v" }),
        };
        using var resolver = new MiHomeResolver(home.Home, options);

        var ex = Assert.Throws<SecVaultResolutionException>(resolver.Resolve);
        Assert.Equal("$secret{missing}: not in the map", Assert.Single(ex.Problems).Message);
        home.WriteToml("a = \"x-$secret{k}\"\n");
        using var again = new MiHomeResolver(home.Home, options);
        Assert.Equal("x-v", again.Resolve().Values.Single().Value);
        Assert.Equal("<a>v</a>", again.CreateSynapseResolver().Resolve("<a>{wso2:vault-lookup('k')}</a>", "a.xml").Render(true));
    }

    [Fact]
    public void The_default_LookupMany_looks_up_each_alias_in_order_and_refuses_a_null_list()
    {
        ISecretRepository repository = new MapRepository(new() { ["k"] = "v" });

        Assert.Equal([(SecretLookupStatus.Found, "v", null), (SecretLookupStatus.UnknownAlias, null, "not in the map")],
            repository.LookupMany(["k", "x"]).Select(l => (l.Status, l.Value, l.Message)));
        Assert.Throws<ArgumentNullException>("aliases", () => repository.LookupMany(null!));
    }

    [Fact]
    public void A_custom_password_source_opens_the_keystore_once()
    {
        using var home = new TestMiHome();
        home.WriteToml($"a = \"$secret{{s}}\"\nb = \"$secret{{t}}\"\n[secrets]\ns = \"{home.Vector(ResolverTestSupport.Oaep).Ciphertext}\"\nt = \"{home.Vector(ResolverTestSupport.Oaep, "unicode").Ciphertext}\"\n");
        var source = new CountingSource(home.Keystore.StorePassword);
        var options = new MiHomeResolverOptions { Environment = new DictionaryEnvironment(new Dictionary<string, string>()), PasswordSource = source };
        using var resolver = new MiHomeResolver(home.Home, options);

        var resolved = resolver.Resolve();

        Assert.Equal("wso2carbon", resolved.Values[0].Value);
        Assert.Equal(1, source.Calls);
    }
}
