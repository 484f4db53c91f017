using SecVault.Diagnostics;
using SecVault.Resolution;
using SecVault.Synapse;
using SecVault.Testing;
using static SecVault.Tests.Resolution.ResolverTestSupport;

namespace SecVault.Tests.Synapse;

public sealed class SynapseArtifactTests
{
    [Fact]
    public void CheckFiles_reports_an_unreadable_artifact_by_its_home_path_and_checks_the_readable_ones()
    {
        using var home = new TestMiHome();
        home.WriteToml("[secrets]\ndb = \"x\"\n");
        var folder = home.Combine("repository", "deployment", "server", "synapse-configs");
        Directory.CreateDirectory(folder);
        var api = Path.Combine(folder, "api.xml");
        File.WriteAllText(api, "<a>\n{wso2:vault-lookup('x','env','false')}</a>");
        var missing = Path.Combine(folder, "missing.xml");
        var read = new List<string>();
        using var resolver = new MiHomeResolver(home.Home, Options(home));

        var problems = resolver.CreateSynapseResolver().CheckFiles([missing, api], read.Add);

        Assert.Equal(2, problems.Count);
        Assert.Equal((ProblemSeverity.Error, "repository/deployment/server/synapse-configs/missing.xml", 0, "artifact"), (problems[0].Severity, problems[0].Path, problems[0].Line, problems[0].Subject));
        Assert.StartsWith("cannot read the artifact: ", problems[0].Message, StringComparison.Ordinal);
        Assert.Equal((ProblemSeverity.Error, "repository/deployment/server/synapse-configs/api.xml", 2), (problems[1].Severity, problems[1].Path, problems[1].Line));
        Assert.Equal("vault-lookup type 'env' is unknown; use REG, ENV, FILE or DOCKER (case-sensitive)", problems[1].Message);
        Assert.Equal(["<a>\n{wso2:vault-lookup('x','env','false')}</a>"], read);
        Assert.Throws<ArgumentNullException>("files", () => resolver.CreateSynapseResolver().CheckFiles(null!));
    }

    [Fact]
    public void InHome_lists_xml_and_dbs_artifacts_of_the_deployment_folders_sorted_in_any_case()
    {
        using var home = new TestMiHome();
        var server = home.Combine("repository", "deployment", "server");
        var files = new[]
        {
            Path.Combine(server, "synapse-configs", "default", "api", "b.xml"),
            Path.Combine(server, "synapse-configs", "default", "api", "A.XML"),
            Path.Combine(server, "dataservices", "orders.DBS"),
            Path.Combine(server, "carbonapps", "app", "seq.xml"),
            Path.Combine(server, "synapse-configs", "notes.txt"),
            Path.Combine(server, "webapps", "other.xml"),
        };
        foreach (var file in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, "<a/>");
        }

        var found = SynapseArtifact.InHome(home.Home);

        Assert.Equal([files[1], files[0], files[2], files[3]], found);
        Assert.Throws<ArgumentNullException>("home", () => SynapseArtifact.InHome(null!));
    }

    [Fact]
    public void InHome_of_a_home_without_deployment_folders_is_empty_and_Expand_keeps_a_file_path_as_given()
    {
        using var home = new TestMiHome();

        Assert.Empty(SynapseArtifact.InHome(home.Home));
        Assert.Equal(["not/here.txt", "x.xml"], SynapseArtifact.Expand(["not/here.txt", "x.xml"]));
        Assert.Throws<ArgumentNullException>("paths", () => SynapseArtifact.Expand(null!));
    }

    [Theory]
    [InlineData(null, "a&lt;b&gt;&amp;\"'\r\n\t")]
    [InlineData('"', "a&lt;b&gt;&amp;&quot;'&#13;&#10;&#9;")]
    [InlineData('\'', "a&lt;b&gt;&amp;\"&apos;&#13;&#10;&#9;")]
    public void XmlEscape_escapes_markup_and_in_an_attribute_its_quote_and_line_breaks(char? quote, string expected) =>
        Assert.Equal(expected, SynapseResolver.XmlEscape("a<b>&\"'\r\n\t", quote));

    [Fact]
    public void A_resolution_prints_its_count_never_a_value()
    {
        using var home = new TestMiHome();
        using var resolver = new MiHomeResolver(home.Home, Options(home, new() { ["A"] = "secret-a", ["B"] = "secret-b" }));

        var resolution = resolver.CreateSynapseResolver().Resolve("<a>{wso2:vault-lookup('A','ENV','false')}{wso2:vault-lookup('B','ENV','false')}</a>", "api.xml");

        Assert.Equal(2, resolution.Count);
        Assert.Equal("2 vault lookups resolved", resolution.ToString());
    }
}
