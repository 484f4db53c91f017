using SecVault.Diagnostics;
using SecVault.Resolution;
using SecVault.Synapse;
using SecVault.Testing;
using static SecVault.Tests.Resolution.ResolverTestSupport;

namespace SecVault.Tests.Synapse;

public sealed class SynapseResolverTests
{
    private static TestMiHome Home(out string ciphertext)
    {
        var home = new TestMiHome();
        ciphertext = home.Vector(Oaep).Ciphertext;
        home.WriteToml($"[secrets]\ndb = \"{ciphertext}\"\n");
        return home;
    }

    private static SynapseResolution Resolve(TestMiHome home, string xml, Dictionary<string, string>? env = null, Action<MiHomeResolverOptions>? configure = null)
    {
        var options = Options(home, env);
        configure?.Invoke(options);
        using var resolver = new MiHomeResolver(home.Home, options);
        return resolver.CreateSynapseResolver().Resolve(xml, "api.xml");
    }

    private static IReadOnlyList<Problem> Check(TestMiHome home, string xml, Dictionary<string, string>? env = null)
    {
        using var resolver = new MiHomeResolver(home.Home, Options(home, env));
        return resolver.CreateSynapseResolver().Check(xml, "api.xml");
    }

    [Fact]
    public void Resolve_reads_REG_and_one_argument_lookups_from_secrets()
    {
        using var home = Home(out _);
        var xml = "<a x=\"{wso2:vault-lookup('db')}\">{wso2:vault-lookup('db','REG','false')}</a>";

        var resolution = Resolve(home, xml);

        Assert.Equal("<a x=\"wso2carbon\">wso2carbon</a>", resolution.Render(showSecrets: true));
        Assert.Equal("<a x=\"********\">********</a>", resolution.Render(showSecrets: false));
    }

    [Fact]
    public void Resolve_reads_ENV_trimmed_and_decrypts_with_the_default_OAEP_when_flagged()
    {
        using var home = Home(out var ciphertext);
        var xml = "<p v=\"{wso2:vault-lookup('PLAIN','ENV','false')}\"/><p v=\"{wso2:vault-lookup('ENC','ENV','TRUE')}\"/>";

        var text = Resolve(home, xml, new() { ["PLAIN"] = "  a&b<c\" \n", ["ENC"] = ciphertext }).Render(showSecrets: true);

        Assert.Equal("<p v=\"a&amp;b&lt;c&quot;\"/><p v=\"wso2carbon\"/>", text);
    }

    [Fact]
    public void Resolve_reads_FILE_lines_joined_and_trimmed_under_the_configured_root()
    {
        using var home = Home(out _);
        File.WriteAllText(home.Combine("in-home.txt"), "  ab\ncd  \n");
        var root = home.Combine("secrets");
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "s"), "x\r\ny\n");
        var xml = "<a>{wso2:vault-lookup('in-home.txt','FILE','false')}</a>";

        Assert.Equal("<a>abcd</a>", Resolve(home, xml).Render(true));
        var viaRoot = Resolve(home, "<a>{wso2:vault-lookup('s','FILE','false')}</a>", configure: o => o.SystemProperties[SynapseResolver.FileRootProperty] = root);
        Assert.Equal("<a>xy</a>", viaRoot.Render(true));
    }

    [Fact]
    public void Resolve_reads_DOCKER_under_its_root_and_decrypts_with_the_vault_transformation()
    {
        using var home = Home(out _);
        home.SetVaultProperty("keystore.identity.CipherTransformation", Pkcs1);
        var root = home.Combine("docker");
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "db"), home.Vector(Pkcs1).Ciphertext + "\n");

        var resolution = Resolve(home, "<a>{wso2:vault-lookup('db','DOCKER','true')}</a>", configure: o => o.SystemProperties[SynapseResolver.DockerRootProperty] = root + "/");

        Assert.Equal("<a>wso2carbon</a>", resolution.Render(true));
    }

    [Fact]
    public void Resolve_takes_the_lookup_transformation_from_system_parameter_before_the_default()
    {
        using var home = new TestMiHome();
        home.WriteToml($"[system.parameter]\n\"org.wso2.CipherTransformation\" = \"RSA/ECB/PKCS1Padding\"\n");

        var resolution = Resolve(home, "<a>{wso2:vault-lookup('E','ENV','true')}</a>", new() { ["E"] = home.Vector(Pkcs1).Ciphertext });

        Assert.Equal("<a>wso2carbon</a>", resolution.Render(true));
    }

    [Fact]
    public void Resolve_replaces_XPath_calls_with_string_literals()
    {
        using var home = Home(out _);
        var xml = "<property name=\"p\" expression=\"fn:concat('u:', wso2:vault-lookup('Q','ENV','false'))\"/>";

        Assert.Equal("<property name=\"p\" expression=\"fn:concat('u:', 'x')\"/>", Resolve(home, xml, new() { ["Q"] = "x" }).Render(true));
        Assert.Equal("<property name=\"p\" expression=\"fn:concat('u:', concat('a', &quot;'&quot;, 'b&quot;c'))\"/>", Resolve(home, xml, new() { ["Q"] = "a'b\"c" }).Render(true));
        Assert.Equal("<property name=\"p\" expression=\"fn:concat('u:', '********')\"/>", Resolve(home, xml, new() { ["Q"] = "x" }).Render(false));
    }

    [Theory]
    [InlineData("it's", "\"it's\"")]
    [InlineData("plain", "'plain'")]
    [InlineData("a'b\"c", "concat('a', \"'\", 'b\"c')")]
    public void XPathLiteral_chooses_quotes_or_concat(string value, string expected) =>
        Assert.Equal(expected, SynapseResolver.XPathLiteral(value));

    [Fact]
    public void Resolve_reports_missing_and_empty_values_naming_the_lookup_and_position()
    {
        using var home = Home(out _);
        File.WriteAllText(home.Combine("empty"), " \n");
        var xml = "<a>\n  <b>{wso2:vault-lookup('NOPE','ENV','false')}</b>\n  <c>{wso2:vault-lookup('empty','FILE','false')}</c><d>{wso2:vault-lookup('gone','FILE','false')}</d><e>{wso2:vault-lookup('nope')}</e></a>";

        using var resolver = new MiHomeResolver(home.Home, Options(home));
        var ex = Assert.Throws<SecVaultResolutionException>(() => resolver.CreateSynapseResolver().Resolve(xml, "api.xml"));

        var problems = ex.Problems;
        Assert.Equal("api.xml:2:6: environment variable NOPE is not defined", problems[0].ToString());
        Assert.Equal("wso2:vault-lookup('NOPE','ENV','false')", problems[0].Subject);
        Assert.Equal("the value is empty", problems[1].Message);
        Assert.Contains("does not exist", problems[2].Message, StringComparison.Ordinal);
        Assert.Equal("no such alias in [secrets]", problems[3].Message);
    }

    [Fact]
    public void Check_warns_for_other_prefixes_and_two_arguments_and_leaves_other_prefixes_alone()
    {
        using var home = Home(out _);
        var xml = "<a>{hashicorp:vault-lookup('x')}{wso2:vault-lookup('db','ENV')}</a>";

        var problems = Check(home, xml);

        Assert.All(problems, p => Assert.Equal(ProblemSeverity.Warning, p.Severity));
        Assert.Equal(2, problems.Count);
        Assert.Equal("<a>{hashicorp:vault-lookup('x')}wso2carbon</a>", Resolve(home, xml).Render(true));
    }

    [Fact]
    public void Check_reports_an_unknown_type_as_an_error()
    {
        using var home = Home(out _);

        var problem = Assert.Single(Check(home, "<a>{wso2:vault-lookup('x','env','false')}</a>"));

        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Contains("'env'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_reports_a_ciphertext_that_does_not_decrypt_without_its_value()
    {
        using var home = Home(out _);
        var ex = Assert.Throws<SecVaultResolutionException>(() =>
            Resolve(home, "<a>{wso2:vault-lookup('E','ENV','true')}</a>", new() { ["E"] = home.Vector(Pkcs1).Ciphertext }));

        Assert.Contains("was encrypted with RSA/ECB/PKCS1Padding", Assert.Single(ex.Problems).Message, StringComparison.Ordinal);
        AssertNoValue(ex, home.Vector(Pkcs1).Ciphertext, "wso2carbon");
    }
}
