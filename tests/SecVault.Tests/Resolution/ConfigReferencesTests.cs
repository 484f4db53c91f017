using System.Text;
using SecVault.Diagnostics;
using SecVault.Placeholders;
using SecVault.Resolution;
using SecVault.Toml;

namespace SecVault.Tests.Resolution;

public sealed class ConfigReferencesTests
{
    private const string Display = "conf/deployment.toml";

    [Theory]
    [InlineData("a.b.c", new[] { "a", "b", "c" })]
    [InlineData(" a .\tb\t. c ", new[] { "a", "b", "c" })]
    [InlineData("'x.y'.b", new[] { "x.y", "b" })]
    [InlineData("b. \"x.y\" ", new[] { "b", "x.y" })]
    [InlineData("a.", new[] { "a", "" })]
    [InlineData(".a", new[] { "", "a" })]
    [InlineData("a. ", new[] { "a", "" })]
    [InlineData("'a.b", new[] { "'a", "b" })]
    [InlineData("a\u00A0.b", new[] { "a\u00A0", "b" })]
    [InlineData("a\n.b", new[] { "a\n", "b" })]
    public void ParseKey_splits_at_dots_outside_quotes_dropping_only_spaces_and_tabs_around_a_segment(string name, string[] segments)
    {
        Assert.Equal(segments, ConfigReferences.ParseKey(name));
    }

    [Fact]
    public void Resolve_refuses_a_null_leaf()
    {
        var document = DeploymentToml.Parse(Encoding.UTF8.GetBytes("a = 1\n"), Display);
        var references = new ConfigReferences(document, (_, _) => null, _ => { });

        Assert.Throws<ArgumentNullException>("leaf", () => references.Resolve(null!));
    }

    [Fact]
    public void A_value_referencing_a_secret_twice_still_contains_a_secret_and_masks_both()
    {
        var resolved = ResolveKey("a = \"$ref{k.p}/$ref{k.p}\"\n[k]\np = \"$secret{s}\"\n", "a", Secret);

        Assert.Equal(new ResolvedText("v/v", "********/********", true), resolved.Result);
        Assert.Empty(resolved.Problems);
    }

    [Fact]
    public void A_value_holding_a_secret_twice_still_contains_a_secret_and_masks_both()
    {
        var resolved = ResolveKey("a = \"$secret{s}$secret{s}\"\n", "a", Secret);

        Assert.Equal(new ResolvedText("vv", "****************", true), resolved.Result);
    }

    [Fact]
    public void A_ref_to_a_value_without_a_secret_does_not_contain_one()
    {
        var resolved = ResolveKey("a = \"$ref{s.n}:$ref{s.t}\"\n[s]\nn = 10\nt = \"$env{E}\"\n", "a", Secret);

        Assert.Equal(new ResolvedText("10:e", "10:e", false), resolved.Result);
    }

    [Fact]
    public void A_failed_placeholder_fails_its_value_and_every_value_referencing_it()
    {
        var toml = "[a]\nx = \"$ref{b.y}-ok\"\n[b]\ny = \"pre-$env{MISSING}-$env{E}\"\n";
        var document = DeploymentToml.Parse(Encoding.UTF8.GetBytes(toml), Display);
        var references = new ConfigReferences(document, (p, _) => Secret(p), _ => { });

        Assert.Null(references.Resolve(Leaf(document, "a.x")));
        Assert.Null(references.Resolve(Leaf(document, "b.y")));
    }

    [Fact]
    public void The_placeholders_of_a_referenced_value_are_resolved_at_that_value()
    {
        var toml = "[a]\nx = \"$ref{b.y}\"\n[b]\ny = \"$env{E}\"\n";
        var document = DeploymentToml.Parse(Encoding.UTF8.GetBytes(toml), Display);
        var asked = new List<(string Name, string Key, int Line)>();
        var references = new ConfigReferences(document, (p, at) =>
        {
            asked.Add((p.Name, at.DottedPath, at.Line));
            return "e";
        }, _ => { });

        Assert.Equal(new ResolvedText("e", "e", false), references.Resolve(Leaf(document, "a.x")));
        Assert.Equal([("E", "b.y", 4)], asked);
    }

    [Fact]
    public void A_ref_with_an_empty_name_is_an_error_at_the_value()
    {
        var resolved = ResolveKey("[a]\nx = \"$ref{}\"\n", "a.x");

        Assert.Null(resolved.Result);
        Assert.Equal([new Problem(ProblemSeverity.Error, Display, 2, 5, "", "$ref{} has an empty name")], resolved.Problems);
    }

    [Fact]
    public void A_ref_to_the_whole_secrets_table_is_an_error_pointing_at_secret_placeholders()
    {
        var resolved = ResolveKey("a = \"$ref{secrets}\"\n[secrets]\ndb = \"x\"\n", "a");

        Assert.Null(resolved.Result);
        Assert.Equal([new Problem(ProblemSeverity.Error, Display, 1, 5, "secrets", "$ref{secrets}: refers into [secrets]; use $secret{} for the decrypted value")], resolved.Problems);
    }

    [Fact]
    public void A_ref_to_a_table_under_secrets_is_an_error_naming_the_alias_path()
    {
        var resolved = ResolveKey("a = \"$ref{secrets.sub}\"\n[secrets.sub]\ndb = \"x\"\n", "a");

        Assert.Null(resolved.Result);
        Assert.Equal([new Problem(ProblemSeverity.Error, Display, 1, 5, "secrets.sub", "$ref{secrets.sub}: refers into [secrets]; use $secret{sub} for the decrypted value")], resolved.Problems);
    }

    internal static (ResolvedText? Result, List<Problem> Problems) ResolveKey(string toml, string dotted, Func<Placeholder, string?>? other = null)
    {
        var document = DeploymentToml.Parse(Encoding.UTF8.GetBytes(toml), Display);
        var problems = new List<Problem>();
        var references = new ConfigReferences(document, (p, _) => other?.Invoke(p), problems.Add);
        return (references.Resolve(Leaf(document, dotted)), problems);
    }

    private static TomlLeaf Leaf(DeploymentToml document, string dotted) => document.Leaves.Single(l => l.DottedPath == dotted);

    private static string? Secret(Placeholder placeholder) => placeholder switch
    {
        { Kind: PlaceholderKind.Secret, Name: "s" } => "v",
        { Kind: PlaceholderKind.Env, Name: "E" } => "e",
        _ => null,
    };
}
