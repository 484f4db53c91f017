using SecVault.Hosting;
using SecVault.Placeholders;

namespace SecVault.Tests.Placeholders;

public sealed class DynamicPlaceholdersTests
{
    private static readonly VariableSources Sources = new(
        new DictionaryEnvironment(new Dictionary<string, string> { ["HOST"] = "db.local", ["EMPTY"] = string.Empty }),
        new Dictionary<string, string> { ["user.name"] = "mi", ["blank"] = string.Empty });

    [Fact]
    public void Substitute_replaces_env_and_sys_placeholders_and_accepts_an_empty_variable()
    {
        var reports = new List<string>();

        var result = DynamicPlaceholders.Substitute("jdbc://$env{HOST}/x?u=$sys{ user.name }&e=$env{EMPTY};", Sources, (p, m) => reports.Add(m));

        Assert.Equal("jdbc://db.local/x?u=mi&e=;", result);
        Assert.Empty(reports);
    }

    [Fact]
    public void Substitute_returns_null_and_reports_every_placeholder_that_cannot_be_replaced()
    {
        var reports = new List<(string, string)>();

        var result = DynamicPlaceholders.Substitute("$env{HOST} $env{NOPE} $sys{blank} $sys{none} $secret{a} $env{ }", Sources, (p, m) => reports.Add((p.Text, m)));

        Assert.Null(result);
        Assert.Equal(
            [
                ("$env{NOPE}", "environment variable NOPE is not defined"),
                ("$sys{blank}", "system property blank is empty"),
                ("$sys{none}", "system property none is not defined"),
                ("$secret{a}", "$secret{a}: only $env{} and $sys{} placeholders are allowed here"),
                ("$env{ }", "$env{ } has an empty name"),
            ],
            reports);
    }

    [Theory]
    [InlineData("$env{HOST}", "db.local", null)]
    [InlineData("$env{EMPTY}", "", null)]
    [InlineData("$env{NOPE}", null, "environment variable NOPE is not defined")]
    [InlineData("$sys{user.name}", "mi", null)]
    [InlineData("$sys{blank}", null, "system property blank is empty")]
    [InlineData("$sys{none}", null, "system property none is not defined")]
    [InlineData("$sys{}", null, "$sys{} has an empty name")]
    [InlineData("$secret{db}", null, "$secret{db}: only $env{} and $sys{} placeholders are allowed here")]
    [InlineData("$ref{a.b}", null, "$ref{a.b}: $ref{} is not resolved inside [secrets]; only $env{} and $sys{} are")]
    public void Lookup_gives_a_value_or_the_reason_there_is_none(string text, string? value, string? problem)
    {
        var placeholder = Assert.Single(PlaceholderParser.Find(text));

        Assert.Equal((value, problem), DynamicPlaceholders.Lookup(placeholder, Sources));
    }
}
