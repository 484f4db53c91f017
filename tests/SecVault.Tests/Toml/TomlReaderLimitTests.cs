using SecVault.Toml;
using static SecVault.Tests.Toml.TomlDocuments;

namespace SecVault.Tests.Toml;

/// <summary>
/// The reader's limits, each exactly at the limit (accepted) and one past it (refused, at the place that crossed it):
/// nesting depth, the size of a [secrets] literal and the length of a [secrets] alias.
/// </summary>
public sealed class TomlReaderLimitTests
{
    private const string TooDeep = "tables, arrays and inline tables are nested deeper than 128 levels";

    private static string Header(int parts) => "[" + string.Join('.', Enumerable.Range(1, parts).Select(i => $"p{i}")) + "]";

    private static string NestedArrays(int levels) => "a = " + new string('[', levels) + "1" + new string(']', levels);

    [Fact]
    public void A_header_of_as_many_parts_as_the_depth_limit_is_accepted()
    {
        var leaf = Assert.Single(Parse(Header(TomlReader.MaxDepth) + "\nk = 1").Leaves);

        Assert.Equal(TomlReader.MaxDepth + 1, leaf.PathSegments.Count);
    }

    [Fact]
    public void A_header_of_one_part_more_than_the_depth_limit_is_refused_at_that_part()
    {
        var header = Header(TomlReader.MaxDepth + 1);

        var error = Assert.Throws<TomlDocumentException>(() => Parse("a = 1\n" + header + "\nk = 1"));

        // The part past the limit starts right after the header's last dot.
        Assert.Equal($"t.toml:2:{header.LastIndexOf('.') + 2}: {TooDeep}", error.Message);
    }

    [Fact]
    public void An_array_of_tables_whose_elements_sit_at_the_depth_limit_is_accepted()
    {
        // Each element of an array of tables is a level below the array: 127 parts put the elements at the 128th.
        var leaf = Assert.Single(Parse("[" + Header(TomlReader.MaxDepth - 1) + "]\nk = 1").Leaves);

        // The parts, the element's index and the key.
        Assert.Equal(TomlReader.MaxDepth + 1, leaf.PathSegments.Count);
    }

    [Fact]
    public void An_array_of_tables_whose_elements_would_pass_the_depth_limit_is_refused_at_its_last_part()
    {
        var header = "[" + Header(TomlReader.MaxDepth) + "]";

        var error = Assert.Throws<TomlDocumentException>(() => Parse("a = 1\n" + header + "\nk = 1"));

        // The array named by the last part is within the limit; the element it would get is not.
        Assert.Equal($"t.toml:2:{header.LastIndexOf('.') + 2}: {TooDeep}", error.Message);
    }

    [Fact]
    public void Arrays_nested_as_deep_as_the_limit_are_accepted()
    {
        var leaf = Assert.Single(Parse(NestedArrays(TomlReader.MaxDepth)).Leaves);

        // The key, then one index for each array.
        Assert.Equal(TomlReader.MaxDepth + 1, leaf.PathSegments.Count);
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("{}")]
    [InlineData("{ x = 1 }")]
    public void An_array_or_inline_table_nested_one_level_past_the_limit_is_refused_at_its_opening_bracket(string innermost)
    {
        // The limit's worth of arrays, and inside the innermost one more array or an inline table.
        var levels = TomlReader.MaxDepth;
        var text = "a = " + new string('[', levels) + innermost + new string(']', levels);

        var error = Assert.Throws<TomlDocumentException>(() => Parse(text));

        // "a = " takes columns 1 to 4 and is followed by the limit's worth of '['; the bracket past it comes next.
        Assert.Equal($"t.toml:1:{4 + levels + 1}: {TooDeep}", error.Message);
    }

    [Fact]
    public void Inline_tables_nested_one_level_past_the_limit_are_refused_at_the_key_that_crosses_it()
    {
        // k1 = { k2 = { ... k129 = 1 ... } }: the table of k128 is the 128th level; k129 is a value in it.
        var levels = TomlReader.MaxDepth;
        var accepted = Nested(levels);
        var refused = Nested(levels + 1);

        Assert.Single(Parse(accepted).Leaves);
        var error = Assert.Throws<TomlDocumentException>(() => Parse(refused));
        Assert.Equal($"t.toml:1:{refused.IndexOf($"k{levels + 1} ", StringComparison.Ordinal) + 1}: {TooDeep}", error.Message);

        static string Nested(int tables) =>
            string.Concat(Enumerable.Range(1, tables).Select(i => $"k{i} = {{ ")) + $"k{tables + 1} = 1" + new string('}', tables);
    }

    [Fact]
    public void A_secret_literal_of_exactly_the_size_limit_is_accepted()
    {
        // The limit counts the literal's bytes, quotes included.
        var value = new string('A', DeploymentToml.MaxSecretLiteralBytes - 2);

        var entry = Assert.Single(Parse($"[secrets]\nhuge = \"{value}\"\n").Secrets);

        Assert.Equal(DeploymentToml.MaxSecretLiteralBytes, entry.LiteralSpan.Length);
        Assert.Equal(value, entry.Value);
    }

    [Fact]
    public void A_secret_literal_one_byte_over_the_size_limit_is_refused_at_its_value()
    {
        var value = new string('A', DeploymentToml.MaxSecretLiteralBytes - 1);

        var error = Assert.Throws<TomlDocumentException>(() => Parse($"[secrets]\nhuge = \"{value}\"\n"));

        Assert.Equal(
            (TomlErrorKind.SecretTooLarge, "huge", "t.toml:2:8: the value of secret 'huge' is 1048577 bytes, over the limit of 1048576"),
            (error.Kind, error.Alias, error.Message));
    }

    [Theory]
    [InlineData("\"[2]\"")]
    [InlineData("[1, 2]")]
    public void A_secrets_alias_of_exactly_the_length_limit_is_accepted(string value)
    {
        var alias = new string('k', TomlReader.MaxAliasLength);

        var entry = Assert.Single(Parse($"[secrets]\n{alias} = {value}\n").Secrets);

        Assert.Equal(alias, entry.Alias);
    }

    [Theory]
    [InlineData("", "\"[2]\"")]
    [InlineData("", "[1, 2]")]
    [InlineData("a.", "\"v\"")]
    [InlineData("x = 1\nab.", "[1, 2]")]
    public void A_secrets_alias_one_character_over_the_length_limit_is_refused_at_its_key(string before, string value)
    {
        // A dotted alias counts its dots; the error points at its last part.
        var key = new string('k', TomlReader.MaxAliasLength + 1 - before.Split('\n')[^1].Length);
        var text = $"[secrets]\n{before}{key} = {value}\n";

        var error = Assert.Throws<TomlDocumentException>(() => Parse(text));

        var line = text[..text.IndexOf(key, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        var column = before.Split('\n')[^1].Length + 1;
        Assert.Equal(
            (TomlErrorKind.SecretTooLarge, $"t.toml:{line}:{column}: a [secrets] alias of 1025 characters, over the limit of 1024"),
            (error.Kind, error.Message));
    }
}
