using SecVault.Diagnostics;
using SecVault.Hosting;
using SecVault.Passwords;
using SecVault.Resolution;
using SecVault.Testing;

namespace SecVault.Tests.Resolution;

/// <summary>Options and look-ups shared by the resolution tests.</summary>
internal static class ResolverTestSupport
{
    public const string Oaep = "RSA/ECB/OAEPwithSHA1andMGF1Padding";
    public const string Pkcs1 = "RSA/ECB/PKCS1Padding";

    public static MiHomeResolverOptions Options(TestMiHome home, Dictionary<string, string>? env = null, bool withPassword = true)
    {
        var options = new MiHomeResolverOptions { Environment = new DictionaryEnvironment(env ?? []) };
        if (withPassword)
        {
            var store = home.Keystore.StorePassword;
            var key = home.Keystore.KeyPassword == store ? null : home.Keystore.KeyPassword;
            options.PasswordSource = new ExplicitPasswordSource(_ => KeystorePassword.FromStrings(store, key));
        }

        return options;
    }

    public static string Value(this ResolvedConfiguration resolved, string key) =>
        resolved.Values.Single(v => v.ConfigurationKey == key).Value;

    public static SecVaultResolutionException Fails(TestMiHome home, MiHomeResolverOptions options)
    {
        using var resolver = new MiHomeResolver(home.Home, options);
        return Assert.Throws<SecVaultResolutionException>(() => resolver.Resolve());
    }

    public static ResolvedConfiguration Resolve(TestMiHome home, MiHomeResolverOptions options)
    {
        using var resolver = new MiHomeResolver(home.Home, options);
        return resolver.Resolve();
    }

    /// <summary>Asserts that no problem text nor the exception message holds any of <paramref name="values"/>.</summary>
    public static void AssertNoValue(SecVaultException ex, params string[] values)
    {
        var texts = new List<string> { ex.Message, ex.Hint ?? string.Empty };
        if (ex is SecVaultResolutionException r)
        {
            texts.AddRange(r.Problems.Select(p => p.ToString() + " " + p.Subject));
        }

        foreach (var value in values.Where(v => v.Length > 0))
        {
            foreach (var text in texts)
            {
                Assert.DoesNotContain(value, text, StringComparison.Ordinal);
            }
        }
    }
}
