using System.Text.RegularExpressions;
using System.Text;
using CsCheck;
using SecVault.Synapse;

namespace SecVault.Tests.Synapse;

/// <summary>The linear inline-token scan finds what the upstream regex finds, on adversarial shapes too (issue 10).</summary>
public sealed partial class VaultLookupParserScaleTests
{
    private static readonly string[] Fragments =
        ["{", "}", ":", "'", "\"", "(", ")", "')}", ":vault-lookup('", "wso2", "x", " ", "\n", "\r", "\u2028", ",", "{wso2:vault-lookup('"];

    private static readonly Dictionary<string, (string Xml, string Expected)> Shapes = new(StringComparer.Ordinal)
    {
        // The summaries were taken from the regex-based scanner before the linear scan replaced it.
        { "braces", ("<a>" + Repeat("{", 2000) + "</a>", "0 lookups; 0 problems") },
        { "unclosed quote", ("<a>" + Repeat("{{{{wso2:vault-lookup('", 300) + "</a>", "0 lookups; 0 problems") },
        { "unfinished token", ("<a>" + Repeat("{x:vault-lookup('a')", 300) + "</a>", "0 lookups; 0 problems") },
        { "nested parentheses", ("<a>{wso2:vault-lookup(" + Repeat("(", 2000) + "</a>", "0 lookups; 0 problems") },
        {
            "tokens sharing a line with unfinished ones",
            ("<a>" + Repeat("{{x:vault-lookup('a'){wso2:vault-lookup('b')}", 200) + "</a>",
            "0 lookups; 200 problems; first problem Malformed at 1:4")
        },
        {
            "good tokens between unfinished ones",
            ("<a>" + Repeat("{wso2:vault-lookup('b')} {{x:vault-lookup('a')\n", 200) + "</a>",
            "200 lookups; 0 problems; last lookup b at 200:1")
        },
        {
            "xpath tokens",
            ("<a expression=\"" + Repeat("{wso2:vault-lookup('a')}", 300) + "\"/>",
            "300 lookups; 0 problems; last lookup a at 1:7192")
        },
        {
            "xpath calls",
            ("<a expression=\"" + Repeat("wso2:vault-lookup('a') ", 300) + "\"/>",
            "300 lookups; 0 problems; last lookup a at 1:6893")
        },
        {
            "xpath nested parentheses",
            ("<a expression=\"wso2:vault-lookup(" + Repeat("(", 2000) + "\"/>",
            "0 lookups; 1 problems; first problem NonLiteralArgument at 1:16")
        },
        {
            "xpath arguments holding calls",
            ("<a expression=\"wso2:vault-lookup(" + Repeat("'x:vault-lookup(\", \"x:vault-lookup(', ", 300) + "\"/>",
            "0 lookups; 2 problems; first problem Malformed at 1:16")
        },
    };

    public static TheoryData<string> ShapeNames => [.. Shapes.Keys];

    [Theory]
    [MemberData(nameof(ShapeNames))]
    public void Adversarial_shapes_give_the_same_findings_as_the_regex_based_scan(string shape)
    {
        var (xml, expected) = Shapes[shape];

        Assert.Equal(expected, Summary(VaultLookupParser.Scan(xml)));
    }

    [Theory]
    [MemberData(nameof(ShapeNames))]
    public void Adversarial_shapes_have_exactly_the_upstream_pattern_matches(string shape)
    {
        var xml = Shapes[shape].Xml;

        Assert.Equal(RegexTokens(xml), VaultLookupParser.InlineTokens(xml));
    }

    [Fact]
    public void Property_inline_tokens_are_exactly_the_upstream_pattern_matches()
    {
        Gen.Int[0, Fragments.Length - 1].Select(i => Fragments[i]).Array[0, 40].Select(parts => string.Concat(parts)).Sample(text =>
            Assert.Equal(RegexTokens(text), VaultLookupParser.InlineTokens(text)), threads: 1);
    }

    private static string Repeat(string unit, int count) => new StringBuilder(unit.Length * count).Insert(0, unit, count).ToString();

    private static List<(int Start, int End)> RegexTokens(string text) =>
        [.. UpstreamPattern().Matches(text).Select(m => (m.Index, m.Index + m.Length))];

    private static string Summary(VaultLookupScan scan)
    {
        var summary = new StringBuilder($"{scan.Lookups.Count} lookups; {scan.Problems.Count} problems");
        if (scan.Problems.Count > 0)
        {
            var p = scan.Problems[0];
            summary.Append($"; first problem {p.Kind} at {p.Line}:{p.Column}");
        }

        if (scan.Lookups.Count > 0)
        {
            var l = scan.Lookups[^1];
            summary.Append($"; last lookup {l.Name} at {l.Line}:{l.Column}");
        }

        return summary.ToString();
    }

    // The upstream pattern; Java's '.' stops at every line terminator, not only LF.
    [GeneratedRegex(@"\{([^:]*:vault-lookup\('[^\n\r\u0085\u2028\u2029]*?'\))\}", RegexOptions.CultureInvariant)]
    private static partial Regex UpstreamPattern();
}
