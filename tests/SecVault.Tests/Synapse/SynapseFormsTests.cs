using SecVault.Diagnostics;
using SecVault.Resolution;
using SecVault.Synapse;
using SecVault.Testing;
using static SecVault.Tests.Resolution.ResolverTestSupport;

namespace SecVault.Tests.Synapse;

/// <summary>The forms MI resolves besides vault-lookup: vault-decrypt, data services' svns:secretAlias, and XML checks.</summary>
public sealed class SynapseFormsTests
{
    private const string SecureVaultNamespace = "http://org.wso2.securevault/configuration";

    private static TestMiHome Home()
    {
        var home = new TestMiHome();
        home.WriteToml($"[secrets]\ndb = \"{home.Vector(Oaep).Ciphertext}\"\n");
        return home;
    }

    private static SynapseResolver Resolver(MiHomeResolver resolver) => resolver.CreateSynapseResolver();

    private static IReadOnlyList<Problem> Check(TestMiHome home, string xml, string path = "proxy.xml")
    {
        using var resolver = new MiHomeResolver(home.Home, Options(home));
        return Resolver(resolver).Check(xml, path);
    }

    private static string Render(TestMiHome home, string xml, bool showSecrets = true)
    {
        using var resolver = new MiHomeResolver(home.Home, Options(home));
        return Resolver(resolver).Resolve(xml, "artifact.xml").Render(showSecrets);
    }

    [Fact]
    public void Vault_decrypt_is_decrypted_with_the_vault_key_and_MIs_default_RSA_padding()
    {
        using var home = Home();
        var ciphertext = home.Vector(Pkcs1).Ciphertext;
        var xml = $"<proxy><parameter name=\"transport.vfs.FileURI\">vfs:ftp://{{wso2:vault-decrypt('{ciphertext}')}}@host/in</parameter></proxy>";

        Assert.Equal("<proxy><parameter name=\"transport.vfs.FileURI\">vfs:ftp://wso2carbon@host/in</parameter></proxy>", Render(home, xml));
        Assert.Equal("<proxy><parameter name=\"transport.vfs.FileURI\">vfs:ftp://********@host/in</parameter></proxy>", Render(home, xml, showSecrets: false));
        Assert.Empty(Check(home, xml));
    }

    [Fact]
    public void A_vault_decrypt_ciphertext_that_does_not_decrypt_is_an_error_at_its_position_without_the_ciphertext()
    {
        using var home = Home();
        var garbage = Convert.ToBase64String(new byte[256]);
        var xml = $"<proxy>\n  <parameter name=\"transport.vfs.FileURI\">ftp://{{wso2:vault-decrypt('{garbage}')}}@h</parameter>\n</proxy>";

        var problem = Assert.Single(Check(home, xml));

        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Equal(("proxy.xml", 2, 49), (problem.Path, problem.Line, problem.Column));
        Assert.Equal("wso2:vault-decrypt", problem.Subject);
        Assert.DoesNotContain(garbage, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secretAlias_attribute_in_the_secure_vault_namespace_must_name_an_alias_in_secrets()
    {
        using var home = Home();
        var dbs = $"<data name=\"D\" xmlns:svns=\"{SecureVaultNamespace}\">\n <config id=\"c\">\n  <property name=\"password\" svns:secretAlias=\"db\"/>\n  <property name=\"username\" svns:secretAlias=\"missing\"/>\n </config>\n</data>";

        var problem = Assert.Single(Check(home, dbs, "D.dbs"));

        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Equal(("D.dbs", 4, 29), (problem.Path, problem.Line, problem.Column));
        Assert.Equal("svns:secretAlias=\"missing\"", problem.Subject);
        Assert.Equal("no such alias in [secrets]", problem.Message);
    }

    [Fact]
    public void A_secretAlias_element_gets_the_secret_as_its_text_as_MI_sets_it()
    {
        using var home = Home();
        var dbs = $"<data xmlns:s=\"{SecureVaultNamespace}\"><property name=\"p\" s:secretAlias=\"db\"/><property name=\"q\" s:secretAlias=\"db\">old<x/></property></data>";

        Assert.Equal(
            $"<data xmlns:s=\"{SecureVaultNamespace}\"><property name=\"p\" s:secretAlias=\"db\">wso2carbon</property><property name=\"q\" s:secretAlias=\"db\">wso2carbon</property></data>",
            Render(home, dbs));
    }

    [Fact]
    public void A_secretAlias_attribute_outside_the_secure_vault_namespace_is_not_resolved()
    {
        using var home = Home();
        var dbs = "<data xmlns:svns=\"urn:other\"><property name=\"p\" svns:secretAlias=\"missing\"/><property secretAlias=\"missing\"/></data>";

        Assert.Empty(Check(home, dbs, "D.dbs"));
        Assert.Equal(dbs, Render(home, dbs));
    }

    [Fact]
    public void Malformed_XML_is_a_located_error_that_quotes_nothing_from_the_file()
    {
        using var home = Home();
        var xml = "<api>\n  <resource>\n    <property value=\"s3cr3t-value\"></resorce>\n</api>";

        var problem = Assert.Single(Check(home, xml, "api/A.xml"));

        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Equal(("api/A.xml", 3, 38), (problem.Path, problem.Line, problem.Column));
        Assert.StartsWith("not well-formed XML", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("resorce", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_brace_less_vault_lookup_in_an_ordinary_attribute_gets_a_warning_with_the_brace_form()
    {
        using var home = Home();
        var xml = "<a>\n<header name=\"Authorization\" value=\"wso2:vault-lookup('db')\"/>\n<property expression=\"wso2:vault-lookup('db')\"/></a>";

        var problem = Assert.Single(Check(home, xml));

        Assert.Equal(ProblemSeverity.Warning, problem.Severity);
        Assert.Equal((2, 37), (problem.Line, problem.Column));
        Assert.Contains("write {wso2:vault-lookup('db')}", problem.Message, StringComparison.Ordinal);
    }
}
