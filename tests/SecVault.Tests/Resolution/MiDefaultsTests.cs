using SecVault.Resolution;

namespace SecVault.Tests.Resolution;

public sealed class MiDefaultsTests
{
    /// <summary>Each key MI defaults, and what a <c>$ref{}</c> to it gives when deployment.toml leaves it out.</summary>
    private static readonly (string Key, string Resolved)[] Defaults =
    [
        ("server.hostname", "localhost"),
        ("keystore.primary.file_name", "repository/resources/security/wso2carbon.jks"),
        ("keystore.primary.type", "JKS"),
        ("keystore.primary.password", "wso2carbon"),
        ("keystore.primary.alias", "wso2carbon"),
        ("keystore.primary.key_password", "wso2carbon"),
        ("truststore.file_name", "repository/resources/security/client-truststore.jks"),
        ("truststore.type", "JKS"),
        ("truststore.password", "wso2carbon"),
    ];

    private static readonly string[] KeystoreSettings = ["file_name", "type", "password", "alias", "key_password"];

    [Fact]
    public void The_internal_and_tls_keystores_default_to_references_to_the_primary_one()
    {
        var expected = new[] { "internal", "tls" }.SelectMany(keystore => KeystoreSettings.Select(
            setting => ($"keystore.{keystore}.{setting}", $"$ref{{keystore.primary.{setting}}}")));

        Assert.Equal(
            Defaults.Select(d => d.Key).Concat(expected.Select(e => e.Item1)).Order(StringComparer.Ordinal),
            MiDefaults.Values.Keys.Order(StringComparer.Ordinal));
        Assert.All(expected, e => Assert.Equal(e.Item2, MiDefaults.Values[e.Item1]));
    }

    [Fact]
    public void A_ref_to_each_key_the_file_leaves_out_takes_MI_s_default()
    {
        foreach (var (key, resolved) in Defaults)
        {
            var result = ConfigReferencesTests.ResolveKey($"a = \"$ref{{{key}}}\"\n", "a");
            Assert.Equal((key, new ResolvedText(resolved, resolved, false)), (key, result.Result));
            Assert.Empty(result.Problems);
        }
    }

    [Fact]
    public void A_ref_to_an_internal_or_tls_setting_the_file_leaves_out_takes_the_primary_keystore_s_value()
    {
        var resolved = ConfigReferencesTests.ResolveKey(
            "a = \"$ref{keystore.tls.file_name} $ref{keystore.internal.type} $ref{keystore.tls.key_password} $ref{keystore.internal.alias}\"\n" +
            "[keystore.primary]\nalias = \"mi-signing\"\n", "a");

        const string value = "repository/resources/security/wso2carbon.jks JKS wso2carbon mi-signing";
        Assert.Equal(new ResolvedText(value, value, false), resolved.Result);
        Assert.Empty(resolved.Problems);
    }
}
