using System.Globalization;
using System.Text.RegularExpressions;
using CsCheck;
using SecVault.SecretOutput;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SecVault.Tests.SecretOutput;

public sealed partial class YamlTextTests
{
    [Theory]
    [InlineData("")]
    [InlineData("yes")]
    [InlineData("No")]
    [InlineData("on")]
    [InlineData("y")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("123")]
    [InlineData("+12")]
    [InlineData("1_000")]
    [InlineData("0x1F")]
    [InlineData("0o17")]
    [InlineData("0b101")]
    [InlineData("017")]
    [InlineData("1e3")]
    [InlineData("1.5")]
    [InlineData(".5")]
    [InlineData(".inf")]
    [InlineData("-.Inf")]
    [InlineData(".NaN")]
    [InlineData("1:30")]
    [InlineData("2024-01-31")]
    [InlineData("<<")]
    [InlineData("=")]
    [InlineData("-")]
    [InlineData("a: b")]
    [InlineData("a #b")]
    [InlineData(" lead")]
    [InlineData("*ref")]
    [InlineData("@at")]

    // A control or separator char anywhere (C0/C1 controls, NEL, the line and paragraph separators, a byte-order mark).
    [InlineData("a\u0001b")]
    [InlineData("a\tb")]
    [InlineData("a\nb")]
    [InlineData("a\u007Fb")]
    [InlineData("a\u0085b")]
    [InlineData("a\u2028b")]
    [InlineData("a\u2029b")]
    [InlineData("a\uFEFFb")]
    public void NeedsQuotes_is_true_for_scalars_a_yaml_reader_would_misread(string value)
    {
        Assert.True(YamlText.NeedsQuotes(value));
        var (read, style) = WriteAndRead(value);
        Assert.Equal(value, read);
        Assert.Equal(ScalarStyle.DoubleQuoted, style);
    }

    [Theory]
    [InlineData("db_password")]
    [InlineData("Tln6pynx+w==")]
    [InlineData("+abc/=")]
    [InlineData("-x")]
    [InlineData("a.b-c")]
    [InlineData("yesno")]
    [InlineData("/opt/keys/wso2carbon.jks")]
    [InlineData("5E:7A:C1")]
    public void NeedsQuotes_is_false_for_ordinary_plain_scalars(string value)
    {
        Assert.False(YamlText.NeedsQuotes(value));
        var (read, style) = WriteAndRead(value);
        Assert.Equal(value, read);
        Assert.Equal(ScalarStyle.Plain, style);
        Assert.False(IsImplicitlyTyped(value), $"'{value}' is a YAML 1.1/1.2 non-string");
    }

    [Fact]
    public void NeedsQuotes_is_true_for_a_surrogate_and_refuses_null()
    {
        Assert.True(YamlText.NeedsQuotes("a\uD83D\uDE00b"));
        Assert.Throws<ArgumentNullException>("value", () => YamlText.NeedsQuotes(null!));
    }

    [Theory]
    [InlineData("a:")]
    [InlineData("- x")]
    [InlineData("? x")]
    [InlineData(": x")]
    [InlineData("?")]
    [InlineData(":")]
    [InlineData("lead ")]
    [InlineData("|x")]
    [InlineData("%x")]
    public void NeedsQuotes_is_true_for_indicators_and_edge_blanks(string value)
    {
        Assert.True(YamlText.NeedsQuotes(value));
        Assert.Equal(value, WriteAndRead(value).Value);
    }

    [Fact]
    public void The_emitter_indents_by_two_uses_LF_and_never_folds_a_long_scalar()
    {
        var value = string.Join(' ', Enumerable.Repeat("word", 60));
        var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\r\n" };
        var emitter = YamlText.CreateEmitter(writer);
        YamlText.BeginDocument(emitter, "made by a test");
        YamlText.BeginMapping(emitter);
        YamlText.Scalar(emitter, "outer");
        YamlText.BeginMapping(emitter);
        YamlText.Scalar(emitter, "inner");
        YamlText.Scalar(emitter, value);
        YamlText.EndMapping(emitter);
        YamlText.Scalar(emitter, "count");
        YamlText.PlainScalar(emitter, "1");
        YamlText.Scalar(emitter, "pem");
        YamlText.Literal(emitter, "line one\nline two\n");
        YamlText.EndMapping(emitter);
        YamlText.EndDocument(emitter);

        Assert.Equal("# made by a test\nouter:\n  inner: " + value + "\ncount: 1\npem: |\n  line one\n  line two\n", writer.ToString());
    }

    [Fact]
    public void Any_string_written_as_a_scalar_reads_back_unchanged_and_is_plain_only_when_no_reader_can_retype_it()
    {
        string[] prefixes = ["", "yes", "1", "-", "0x", ".", "a: ", "#", "~", "0o", "+", "<<", "2024-01-"];
        var plain = 0;
        var quoted = 0;
        Gen.Select(Gen.String[Gen.Char[' ', '~'], 0, 12], Gen.Int[0, prefixes.Length - 1], (s, i) => prefixes[i] + s)
            .Sample(value =>
            {
                var (read, style) = WriteAndRead(value);
                Assert.Equal(value, read);
                Assert.Equal(YamlText.NeedsQuotes(value) ? ScalarStyle.DoubleQuoted : ScalarStyle.Plain, style);
                if (style == ScalarStyle.Plain)
                {
                    // The oracle is the YAML 1.1 and 1.2 core-schema resolution rules, not NeedsQuotes.
                    Assert.False(IsImplicitlyTyped(value), $"'{value}' was written plain but a YAML reader types it");
                    Interlocked.Increment(ref plain);
                }
                else
                {
                    Interlocked.Increment(ref quoted);
                }
            }, threads: 1);

        // Both branches ran, so neither assertion above is vacuous.
        Assert.True(plain > 10 && quoted > 10, $"{plain} plain, {quoted} quoted");
    }

    /// <summary>Writes { k: value } with YamlText and reads it with YamlDotNet's parser: the value and the style it saw.</summary>
    private static (string Value, ScalarStyle Style) WriteAndRead(string value)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = YamlText.CreateEmitter(writer);
        YamlText.BeginDocument(emitter);
        YamlText.BeginMapping(emitter);
        YamlText.Scalar(emitter, "k");
        YamlText.Scalar(emitter, value);
        YamlText.EndMapping(emitter);
        YamlText.EndDocument(emitter);
        var stream = new YamlStream();
        stream.Load(new StringReader(writer.ToString()));
        var node = (YamlScalarNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("k")];
        return (node.Value!, node.Style);
    }

    /// <summary>
    /// Whether a plain scalar resolves to something other than a string under YAML 1.1 (yaml.org/type: bool, null, int,
    /// float, timestamp, merge, value) or the YAML 1.2 core schema, or starts with an indicator a plain scalar may not
    /// start with; written from those specifications, independently of <see cref="YamlText.NeedsQuotes"/>.
    /// </summary>
    private static bool IsImplicitlyTyped(string value) => value.Length == 0
        || value[0] is '-' or '?' or ':' or ',' or '[' or ']' or '{' or '}' or '#' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`' or ' '
            && !(value[0] is '-' or '?' or ':' && value.Length > 1 && value[1] != ' ')
        || value.EndsWith(' ')
        || value.Contains(": ", StringComparison.Ordinal) || value.EndsWith(':') || value.Contains(" #", StringComparison.Ordinal)
        || Yaml11And12Scalars().IsMatch(value);

    [GeneratedRegex("""
        ^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF
        |~|null|Null|NULL|<<|=
        |[-+]?0b[01_]+|[-+]?0[0-7_]+|[-+]?0o[0-7]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+
        |[-+]?(?:[0-9][0-9_]*)?\.[0-9.]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?[0-9]+(?:\.[0-9]*)?[eE][-+]?[0-9]+
        |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)
        |[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?)$
        """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Yaml11And12Scalars();
}
