using System.Text;
using CsCheck;
using SecVault.Toml;

namespace SecVault.Tests.Toml;

public sealed partial class DeploymentTomlTests
{
    private const string Prefix = "\uFEFF# head\r\n[server]\nhost = 'h'\n\n[secrets]\nfirst = \"[one]\"   # c1\r\n";
    private const string Suffix = "  # after\nlast = '[two]'\n[[datasource]]\nid = \"$secret{target}\"";

    private static readonly Gen<string> SecretText = Gen.OneOf(
        Gen.String[Gen.Char["\"'\\[]{}$ \t\n\rab\u0001\u007fé😀€"], 0, 40],
        Gen.String,
        Gen.String.AlphaNumeric);

    [Fact]
    public void Property_basic_string_rewrite_round_trips_any_text_and_keeps_other_bytes()
    {
        var template = Encoding.UTF8.GetBytes(Prefix + "target = \"[x]\"" + Suffix);
        var toml = DeploymentToml.Parse(template, "p");
        var span = toml.Secrets.Single(s => s.Alias == "target").LiteralSpan;

        SecretText.Where(IsValidUnicode).Sample(value =>
        {
            var output = toml.Rewrite([new(span, value, ReplacementStyle.BasicString)]);
            var reparsed = DeploymentToml.Parse(output, "p");
            var entry = reparsed.Secrets.Single(s => s.Alias == "target");
            Assert.Equal(value, entry.Value);
            AssertOnlySpanChanged(template, span, output, entry.LiteralSpan);
        });
    }

    [Fact]
    public void Property_keep_quoting_rewrite_round_trips_any_text_from_every_literal_style()
    {
        var styles = new[] { "\"[x]\"", "'[x]'", "\"\"\"\n[x]\"\"\"", "'''[x]\n'''" };
        var templates = styles.Select(s => Encoding.UTF8.GetBytes(Prefix + "target = " + s + Suffix)).ToArray();

        Gen.Select(SecretText.Where(IsValidUnicode), Gen.Int[0, styles.Length - 1]).Sample((value, style) =>
        {
            var toml = DeploymentToml.Parse(templates[style], "p");
            var span = toml.Secrets.Single(s => s.Alias == "target").LiteralSpan;
            var output = toml.Rewrite([new(span, value, ReplacementStyle.KeepQuoting)]);
            var entry = DeploymentToml.Parse(output, "p").Secrets.Single(s => s.Alias == "target");
            Assert.Equal(value, entry.Value);
            AssertOnlySpanChanged(templates[style], span, output, entry.LiteralSpan);
        });
    }

    [Fact]
    public void Property_plain_text_is_the_text_between_the_outer_brackets()
    {
        Gen.Select(Gen.String.AlphaNumeric, SecretText, Gen.String.AlphaNumeric).Sample((before, inner, after) =>
        {
            var value = before + "[" + inner + "]" + after;
            var expected = value.Contains("$env{", StringComparison.Ordinal) || value.Contains("$sys{", StringComparison.Ordinal)
                ? SecretClass.Dynamic
                : value.LastIndexOf(']') > value.IndexOf('[', StringComparison.Ordinal) + 1 ? SecretClass.Plain : SecretClass.Encrypted;
            Assert.Equal(expected, SecretClassifier.Classify(value));
            if (expected == SecretClass.Plain)
            {
                Assert.Equal(value[(value.IndexOf('[', StringComparison.Ordinal) + 1)..value.LastIndexOf(']')], SecretClassifier.PlainTextOf(value));
            }
        });
    }

    [Fact]
    public void Property_any_input_parses_or_fails_with_a_toml_document_exception()
    {
        var pieces = Gen.OneOf(
            Gen.Const("[secrets]\n"), Gen.Const("[[a]]\n"), Gen.Const("a = "), Gen.Const("secrets.x = "), Gen.Const("\"[v]\"\n"),
            Gen.Const("'''"), Gen.Const("\"\"\""), Gen.Const("{ k = 1 }"), Gen.Const("[1, 2]"), Gen.Const("# c\r\n"),
            Gen.Const("1979-05-27"), Gen.Const("."), Gen.Const("="), Gen.String[Gen.Char.AlphaNumeric, 0, 3]);
        var documents = Gen.OneOf(
            pieces.Array[0, 12].Select(p => Encoding.UTF8.GetBytes(string.Concat(p))),
            Gen.Byte.Array[0, 40]);

        documents.Sample(bytes =>
        {
            try
            {
                var toml = DeploymentToml.Parse(bytes, "f");
                Assert.Equal(bytes, toml.Rewrite([]));
            }
            catch (TomlDocumentException e)
            {
                Assert.StartsWith("f", e.Message, StringComparison.Ordinal);
            }
        });
    }

    private static bool IsValidUnicode(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static void AssertOnlySpanChanged(byte[] original, TomlSpan oldSpan, byte[] output, TomlSpan newSpan)
    {
        var oldText = Encoding.UTF8.GetString(original, 3, original.Length - 3);
        var newText = Encoding.UTF8.GetString(output, 3, output.Length - 3);
        Assert.Equal(original.AsSpan(0, 3).ToArray(), output.AsSpan(0, 3).ToArray());
        Assert.Equal(oldText[..oldSpan.Start], newText[..newSpan.Start]);
        Assert.Equal(oldText[oldSpan.End..], newText[newSpan.End..]);
    }
}
