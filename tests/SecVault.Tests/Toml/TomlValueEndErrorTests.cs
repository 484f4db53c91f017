using static SecVault.Tests.Toml.TomlDocuments;

namespace SecVault.Tests.Toml;

/// <summary>
/// What may follow a value, a header or an array element, and the error when something else does: an array left open
/// at the end of the file, text glued to a closed array or inline table, a key cut short by the end of the file and a
/// control character after a header.
/// </summary>
public sealed class TomlValueEndErrorTests
{
    private const string ControlCharacter = "a control character must be escaped (or is not allowed here)";

    [Theory]
    [InlineData("a = [", "t.toml:1:6: the array is not closed")]
    [InlineData("a = [1,", "t.toml:1:8: the array is not closed")]
    [InlineData("a = [ 1, # one\n", "t.toml:2:1: the array is not closed")]
    [InlineData("a = [[1], [", "t.toml:1:12: the array is not closed")]
    public void An_array_the_file_ends_inside_is_not_closed_at_the_end_of_the_file(string text, string message)
    {
        Assert.Equal(message, Error(text));
    }

    [Theory]
    [InlineData("a = [1]x", "t.toml:1:8: unexpected characters after the value")]
    [InlineData("a = [[1]x]", "t.toml:1:9: unexpected characters after the value")]
    [InlineData("a = {}x", "t.toml:1:7: unexpected characters after the value")]
    [InlineData("a = { b = {}x }", "t.toml:1:13: unexpected characters after the value")]
    [InlineData("a = \"x\"y", "t.toml:1:8: unexpected characters after the value")]
    public void Text_glued_to_a_closed_value_is_refused_where_it_starts(string text, string message)
    {
        Assert.Equal(message, Error(text));
    }

    [Theory]
    [InlineData("\"\"", "t.toml:1:3: expected '=' after the key")]
    [InlineData("''", "t.toml:1:3: expected '=' after the key")]
    [InlineData("a.\"\"", "t.toml:1:5: expected '=' after the key")]
    public void An_empty_quoted_key_that_ends_the_file_is_a_key_without_its_equals_sign(string text, string message)
    {
        Assert.Equal(message, Error(text));
    }

    [Theory]
    [InlineData("[a] \u0001", 5)]
    [InlineData("[a]\u007F", 4)]
    [InlineData("[[a]] \u001F", 7)]
    public void A_control_character_after_a_header_is_named_as_one(string text, int column)
    {
        Assert.Equal($"t.toml:1:{column}: {ControlCharacter}", Error(text));
    }

    [Theory]
    [InlineData("[a] b", "t.toml:1:5: expected the end of the line")]
    [InlineData("[a]]", "t.toml:1:4: expected the end of the line")]
    public void Other_text_after_a_header_is_not_the_end_of_the_line(string text, string message)
    {
        Assert.Equal(message, Error(text));
    }
}
