using System.Text;
using SecVault.Toml;

namespace SecVault.Tests.Toml;

/// <summary>
/// The edges of <see cref="DeploymentToml"/>'s own API: its argument checks and their parameter names, the size limit
/// exactly at its bound, lookups that find a table, a value or nothing, the candidates for placeholders, and the
/// literals a rewrite writes.
/// </summary>
public sealed class DeploymentTomlApiTests
{
    private static DeploymentToml Parse(string text) => DeploymentToml.Parse(Encoding.UTF8.GetBytes(text), "conf/deployment.toml");

    [Fact]
    public void Parse_names_a_missing_argument()
    {
        Assert.Equal("content", Assert.Throws<ArgumentNullException>(() => DeploymentToml.Parse(null!, "x")).ParamName);
        Assert.Equal("displayPath", Assert.Throws<ArgumentNullException>(() => DeploymentToml.Parse([], null!)).ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_limit_below_one_byte_is_refused(long limit)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => DeploymentToml.ThrowIfTooLarge(1, "x", limit));

        Assert.Equal("maxFileBytes", e.ParamName);
    }

    [Fact]
    public void A_file_of_exactly_the_limit_is_read_and_one_byte_more_is_refused_without_a_position()
    {
        var bytes = Encoding.UTF8.GetBytes("a = 1\n");

        Assert.Single(DeploymentToml.Parse(bytes, "conf/deployment.toml", maxFileBytes: bytes.Length).Leaves);
        var e = Assert.Throws<TomlDocumentException>(() => DeploymentToml.Parse(bytes, "conf/deployment.toml", maxFileBytes: bytes.Length - 1));

        Assert.Equal(TomlErrorKind.FileTooLarge, e.Kind);
        Assert.Equal("conf/deployment.toml: the file is 6 bytes, over the limit of 5 bytes", e.Message);
        Assert.Equal(0, e.Line);
    }

    [Fact]
    public void An_invalid_byte_is_placed_at_its_character_column_after_multi_byte_characters()
    {
        // "é" and "€" are two and three bytes but one column each; the bad byte is the 9th character of line 2.
        var bytes = Encoding.UTF8.GetBytes("a = 1\nb = \"é€").Concat(new byte[] { 0xFF, (byte)'"', (byte)'\n' }).ToArray();

        var e = Assert.Throws<TomlDocumentException>(() => DeploymentToml.Parse(bytes, "conf/deployment.toml"));

        Assert.Equal(TomlErrorKind.InvalidUtf8, e.Kind);
        Assert.Equal("conf/deployment.toml:2:8: the file is not valid UTF-8", e.Message);
        Assert.Equal("save the file as UTF-8", e.Hint);
    }

    [Fact]
    public void GetLeaf_names_a_missing_argument()
    {
        var toml = Parse("a = 1\n");

        Assert.Equal("tablePath", Assert.Throws<ArgumentNullException>(() => toml.GetLeaf(null!, "a")).ParamName);
        Assert.Equal("key", Assert.Throws<ArgumentNullException>(() => toml.GetLeaf("", null!)).ParamName);
    }

    [Theory]
    [InlineData("server", true, false)]
    [InlineData("server.ports", true, false)]
    [InlineData("server.hostname", false, true)]
    [InlineData("server.ports.0", false, true)]
    [InlineData("server.missing", false, false)]
    [InlineData("nothing", false, false)]
    public void FindLeaf_tells_a_table_or_array_from_a_value_and_from_nothing(string path, bool container, bool found)
    {
        var toml = Parse("[server]\nhostname = \"h\"\nports = [8080]\n");

        var leaf = toml.FindLeaf(path.Split('.'), out var isContainer);

        Assert.Equal(container, isContainer);
        Assert.Equal(found, leaf is not null);
    }

    [Fact]
    public void Only_strings_holding_a_dollar_or_an_escape_are_placeholder_candidates()
    {
        var toml = Parse("""
            a = "plain"
            b = "$env{X}"
            c = 'x$'
            d = "\u0024sys{y}"
            e = 12
            f = ["$", "no"]
            g = { h = "x\\y", i = "z" }

            [secrets]
            s = "$secret{k}"
            """);

        var candidates = toml.StringLeavesWithPossiblePlaceholders().Select(l => l.DottedPath);

        Assert.Equal(["b", "c", "d", "f.0", "g.h", "secrets.s"], candidates);
    }

    [Fact]
    public void Leaves_refuses_an_index_outside_the_list()
    {
        var toml = Parse("a = 1\nb = 2\n");

        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => toml.Leaves[-1]).ParamName);
        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => toml.Leaves[2]).ParamName);
        Assert.Equal("b", toml.Leaves[1].DottedPath);
    }

    [Fact]
    public void Rewrite_names_its_argument_when_it_or_an_item_is_missing()
    {
        var toml = Parse("[secrets]\na = \"[x]\"\n");
        var span = toml.Secrets[0].LiteralSpan;

        Assert.Equal("replacements", Assert.Throws<ArgumentNullException>(() => toml.Rewrite(null!)).ParamName);
        Assert.Equal("replacements", Assert.Throws<ArgumentNullException>(() => toml.Rewrite([new(span, "v", ReplacementStyle.KeepQuoting), null!])).ParamName);
        Assert.Equal("replacements", Assert.Throws<ArgumentNullException>(() => toml.Rewrite([new(span, null!, ReplacementStyle.KeepQuoting)])).ParamName);
    }

    [Fact]
    public void Rewrite_says_which_span_is_not_a_string_literal()
    {
        var toml = Parse("[secrets]\na = \"[x]\"\nb = 7\n");
        var number = toml.Leaves[1].LiteralSpan;

        var e = Assert.Throws<ArgumentException>(() => toml.Rewrite([new(number, "v", ReplacementStyle.KeepQuoting)]));

        Assert.Equal($"span {number} is not a string literal of conf/deployment.toml (Parameter 'replacements')", e.Message);
    }

    [Fact]
    public void Rewrite_refuses_a_new_value_with_an_unpaired_surrogate()
    {
        var toml = Parse("[secrets]\na = \"[x]\"\n");

        var e = Assert.Throws<ArgumentException>(() => toml.Rewrite([new(toml.Secrets[0].LiteralSpan, "a\uD800b", ReplacementStyle.BasicString)]));

        Assert.Equal("a new value is not valid Unicode (unpaired surrogate) (Parameter 'replacements')", e.Message);
    }

    [Fact]
    public void WriteRewritten_names_a_missing_argument()
    {
        var toml = Parse("a = \"x\"\n");

        Assert.Equal("output", Assert.Throws<ArgumentNullException>(() => toml.WriteRewritten(null!, _ => { })).ParamName);
        Assert.Equal("replace", Assert.Throws<ArgumentNullException>(() => toml.WriteRewritten(Stream.Null, null!)).ParamName);
    }

    [Theory]
    [InlineData(1022)]
    [InlineData(1023)]
    [InlineData(5000)]
    public void A_streamed_replacement_of_any_length_is_written_between_its_quotes(int length)
    {
        var toml = Parse("[secrets]\na = '[x]' # keep\nb = \"[y]\"\n");
        var value = new string('Q', length);
        using var output = new MemoryStream();

        toml.WriteRewritten(output, literals =>
        {
            literals.Replace(toml.Secrets[0].LiteralSpan, Encoding.ASCII.GetBytes(value), ReplacementStyle.KeepQuoting);
            literals.Replace(toml.Secrets[1].LiteralSpan, Encoding.ASCII.GetBytes(value), ReplacementStyle.KeepQuoting);
        });

        Assert.Equal($"[secrets]\na = '{value}' # keep\nb = \"{value}\"\n", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Theory]
    [InlineData("\"x", "a quote first")]
    [InlineData("x'", "a quote last")]
    [InlineData("\\", "a backslash")]
    [InlineData("x\u007f", "DEL")]
    [InlineData("x\u0001", "a control")]
    [InlineData("é", "not ASCII")]
    public void A_streamed_replacement_must_be_printable_ascii_with_no_quote_or_backslash(string value, string why)
    {
        var toml = Parse("[secrets]\na = \"[x]\"\n");

        var e = Assert.Throws<ArgumentException>(() => toml.WriteRewritten(Stream.Null, literals => literals.Replace(toml.Secrets[0].LiteralSpan, Encoding.UTF8.GetBytes(value), ReplacementStyle.KeepQuoting)));

        Assert.True(e.Message == "the value must be printable ASCII with no quote or backslash (Parameter 'value')", why);
    }

    [Theory]
    [InlineData(" ~", "\" ~\"")]
    [InlineData("\b\t\n\f\r", "\"\\b\\t\\n\\f\\r\"")]
    [InlineData("\u0000\u001f\u007f", "\"\\u0000\\u001F\\u007F\"")]
    [InlineData("q\"b\\", "\"q\\\"b\\\\\"")]
    public void A_basic_string_escapes_exactly_quotes_backslashes_and_controls(string value, string literal)
    {
        Assert.Equal(literal, TomlLiteralWriter.Basic(value));
    }

    [Theory]
    [InlineData("a b", "'a b'")]
    [InlineData("tab\there", "'tab\there'")]
    [InlineData("it's", "\"it's\"")]
    [InlineData("x\u001fy", "\"x\\u001Fy\"")]
    [InlineData("x\u007fy", "\"x\\u007Fy\"")]
    public void A_literal_string_is_kept_when_the_value_can_be_one(string value, string literal)
    {
        Assert.Equal(literal, TomlLiteralWriter.Write(value, ReplacementStyle.KeepQuoting, LiteralQuoting.Literal));
    }

    [Fact]
    public void A_message_without_a_line_has_no_position()
    {
        Assert.Equal("what", new TomlDocumentException(TomlErrorKind.FileTooLarge, "p", 0, 0, "what").Message);
        Assert.Equal("p:1:2: what", new TomlDocumentException(TomlErrorKind.Syntax, "p", 1, 2, "what").Message);
    }

    [Theory]
    [InlineData("1.5", "float")]
    [InlineData("true", "boolean")]
    [InlineData("1979-05-27T07:32:00Z", "offset date-time")]
    [InlineData("1979-05-27T07:32:00", "local date-time")]
    [InlineData("1979-05-27", "local date")]
    [InlineData("07:32:00", "local time")]
    [InlineData("7", "integer")]
    [InlineData("[1]", "array")]
    [InlineData("\"[x]\"", "string")]
    public void A_secret_names_the_type_of_its_value(string literal, string kind)
    {
        var entry = Parse("[secrets]\nk = " + literal + "\n").Secrets.Single();

        Assert.Equal(kind, entry.ValueKind);
    }

    [Theory]
    [InlineData("1.5", "1.5")]
    [InlineData("-0.1", "-0.1")]
    [InlineData("6.02e23", "6.02E+23")]
    [InlineData("1979-05-27T07:32:00Z", "1979-05-27T07:32:00Z")]
    [InlineData("07:32:00.5", "07:32:00.5")]
    public void A_configuration_value_is_the_invariant_text_of_the_value(string literal, string expected)
    {
        Assert.Equal(expected, Parse("k = " + literal + "\n").Leaves.Single().ConfigurationValue);
    }

    [Fact]
    public void A_secret_value_is_decoded_once()
    {
        var entry = Parse("[secrets]\nk = \"[a\\tb]\"\n").Secrets.Single();

        Assert.Equal("[a\tb]", entry.Value);
        Assert.Same(entry.Value, entry.Value);
    }

    [Theory]
    [InlineData("\"a~b\"", null)]
    [InlineData("\"a\\u007Fb\"", "\u007f")]
    [InlineData("\"a b\"", " ")]
    [InlineData("\"!a\"", "!")]
    public void A_tilde_is_a_safe_properties_key_character_and_DEL_is_not(string key, string? flaw)
    {
        var entry = Parse($"[secrets]\n{key} = \"[x]\"\n").Secrets.Single();

        Assert.Equal(flaw, entry.PropertiesKeyFlaw);
    }

    [Theory]
    [InlineData("Zed = 1", "Zed")]
    [InlineData("zed = 1", "zed")]
    [InlineData("A-Z_09 = 1", "A-Z_09")]
    public void Bare_keys_take_every_letter_of_both_cases(string text, string key)
    {
        Assert.Equal(key, Parse(text).Leaves.Single().DottedPath);
    }

    [Theory]
    [InlineData("0xa", 10L)]
    [InlineData("0xF", 15L)]
    [InlineData("0o7", 7L)]
    [InlineData("0b1", 1L)]
    public void A_digit_below_its_radix_counts(string literal, long value)
    {
        Assert.Equal(value, Parse("a = " + literal).Leaves.Single().Value);
    }

    [Theory]
    [InlineData("0o8")]
    [InlineData("0b2")]
    [InlineData("0xg")]
    public void A_digit_at_or_above_its_radix_is_an_invalid_number(string literal)
    {
        var e = Assert.Throws<TomlDocumentException>(() => Parse("a = " + literal));

        Assert.Equal("conf/deployment.toml:1:5: invalid number", e.Message);
    }

    [Theory]
    [InlineData("a = \"\"\"\"\"\"", "")]
    [InlineData("a = ''''''", "")]
    [InlineData("a = \"\\b\\f\"", "\b\f")]
    public void Empty_multi_line_strings_and_the_b_and_f_escapes_decode(string text, string value)
    {
        Assert.Equal(value, Parse(text).Leaves.Single().Value);
    }

    [Fact]
    public void A_quoted_key_with_an_escape_is_decoded()
    {
        Assert.Equal("kA", Parse("\"k\\u0041\" = 1").Leaves.Single().DottedPath);
    }
}
