using SecVault.Testing;
using static SecVault.Tests.Resolution.ResolverTestSupport;

namespace SecVault.Tests.Resolution;

public sealed class MiHomeResolverReferenceTests
{
    [Fact]
    public void Resolve_follows_ref_placeholders_of_an_MI_shaped_config_to_file_values_and_MI_defaults()
    {
        using var home = new TestMiHome();
        home.WriteToml(ReferenceFixture.Toml("wso2carbon.jks", home.Vector(Oaep).Ciphertext, alias: "mi-signing"));

        var resolved = Resolve(home, Options(home));

        Assert.Equal("wso2carbon.jks", resolved.Value("keystore:internal:file_name"));
        Assert.Equal("JKS", resolved.Value("keystore:internal:type"));
        Assert.Equal("mi-signing", resolved.Value("keystore:internal:alias"));
        for (var i = 1; i <= ReferenceFixture.HostnameReferences; i++)
        {
            Assert.Equal($"https://mi-node-1.example.test:{8000 + i}/services", resolved.Value($"endpoints:node_{i}"));
        }

        // Keys the file leaves out take MI's defaults: the trust store's, and keystore.tls.* -> keystore.primary.*.
        Assert.Equal("repository/resources/security/client-truststore.jks", resolved.Value("transport:https:listener:truststore_location"));
        Assert.Equal("JKS", resolved.Value("transport:https:listener:truststore_type"));
        Assert.Equal("mi-signing", resolved.Value("transport:https:listener:keystore_alias"));
        Assert.Equal("10", resolved.Value("transport:https:listener:port_offset"));
    }

    [Fact]
    public void A_ref_to_a_secret_placeholder_takes_the_decrypted_value_and_is_masked()
    {
        using var home = new TestMiHome();
        home.WriteToml(ReferenceFixture.Toml("wso2carbon.jks", home.Vector(Oaep).Ciphertext));

        var resolved = Resolve(home, Options(home));

        var password = resolved.Values.Single(v => v.ConfigurationKey == "keystore:internal:password");
        Assert.Equal("wso2carbon", password.Value);
        Assert.Equal("********", password.MaskedValue);
        Assert.True(password.ContainsSecret);
        Assert.Contains("password = \"********\"", System.Text.Encoding.UTF8.GetString(resolved.RenderToml(showSecrets: false)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_ref_takes_the_referenced_value_after_its_env_and_sys_placeholders()
    {
        using var home = new TestMiHome();
        home.WriteToml("""
            [server]
            hostname = "$env{HOST}.$sys{domain}"
            [a]
            url = "http://$ref{ server.hostname }:8290/$ref{b.'x.y'}"
            [b]
            "x.y" = "path"
            """);
        var options = Options(home, new() { ["HOST"] = "node7" });
        options.SystemProperties["domain"] = "example.test";

        var resolved = Resolve(home, options);

        Assert.Equal("http://node7.example.test:8290/path", resolved.Value("a:url"));
        Assert.False(resolved.Values.Single(v => v.ConfigurationKey == "a:url").ContainsSecret);
    }

    [Fact]
    public void A_reference_cycle_is_an_error_at_the_first_key_naming_every_key_of_it()
    {
        using var home = new TestMiHome();
        home.WriteToml("""
            [a]
            x = "$ref{b.y}"
            [b]
            y = "pre-$ref{a.x}"
            z = "$ref{b.z}"
            """);

        var problems = Fails(home, Options(home)).Problems;

        Assert.Equal(2, problems.Count);
        Assert.Equal("conf/deployment.toml:2:5: reference cycle: a.x -> b.y -> a.x", problems[0].ToString());
        Assert.Equal("a.x", problems[0].Subject);
        Assert.Equal("conf/deployment.toml:5:5: reference cycle: b.z -> b.z", problems[1].ToString());
    }

    [Fact]
    public void A_dangling_reference_is_an_error_at_the_value_naming_the_key()
    {
        using var home = new TestMiHome();
        home.WriteToml("[server]\nhostname = \"h\"\n[a]\nurl = \"http://$ref{server.host_name}/\"\n");

        var problem = Assert.Single(Fails(home, Options(home)).Problems);

        Assert.Equal("conf/deployment.toml:4:7: $ref{server.host_name}: no key server.host_name in deployment.toml, and MI has no default for it", problem.ToString());
        Assert.Equal("server.host_name", problem.Subject);
    }

    [Fact]
    public void A_reference_to_a_table_or_into_secrets_is_an_error_that_shows_no_value()
    {
        using var home = new TestMiHome();
        var ciphertext = home.Vector(Oaep).Ciphertext;
        home.WriteToml($$"""
            [a]
            t = "$ref{keystore}"
            s = "$ref{secrets.db}"
            [keystore.primary]
            alias = "x"
            [secrets]
            db = "{{ciphertext}}"
            """);

        var ex = Fails(home, Options(home));

        Assert.Equal(
            [
                "conf/deployment.toml:2:5: $ref{keystore}: keystore is a table or an array; only a single value can be referenced",
                "conf/deployment.toml:3:5: $ref{secrets.db}: refers into [secrets]; use $secret{db} for the decrypted value",
            ],
            ex.Problems.Select(p => p.ToString()));
        AssertNoValue(ex, ciphertext, "wso2carbon");
    }

    [Fact]
    public void A_ref_inside_secrets_is_an_error_there()
    {
        using var home = new TestMiHome();
        home.WriteToml("[a]\np = \"$secret{db}\"\n[secrets]\ndb = \"$env{X}$ref{a.p}\"\n");

        var ex = Fails(home, Options(home, new() { ["X"] = "y" }));

        Assert.Contains(ex.Problems, p => p.Message.Contains("$ref{a.p}: $ref{} is not resolved inside [secrets]", StringComparison.Ordinal));
    }
}
