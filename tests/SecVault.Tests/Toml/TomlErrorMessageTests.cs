using System.Text;
using SecVault.Toml;
using static SecVault.Tests.Toml.TomlDocuments;

namespace SecVault.Tests.Toml;

/// <summary>
/// Which error each invalid document gets, where, and in which words: the conformance tests check that a document is
/// refused; these check that it is refused for the right reason, at the character a user has to change.
/// </summary>
public sealed class TomlErrorMessageTests
{
    private const string InvalidDate = "invalid date or time (expected YYYY-MM-DD, HH:MM:SS, or both with an optional offset)";

    [Theory]
    [InlineData("a = \"abc", "t.toml:1:9: the string is not closed on its line")]
    [InlineData("a = \"\"\"x", "t.toml:1:5: the multi-line string is not closed")]
    [InlineData("a = \"\"\"x\"\"\"\"\"\"", "t.toml:1:14: too many quotes close the multi-line string")]
    [InlineData("\"\"\"k\"\"\" = 1", "t.toml:1:1: a key cannot be a multi-line string")]
    [InlineData("a = [1", "t.toml:1:7: the array is not closed")]
    [InlineData("a = [[1]", "t.toml:1:9: the array is not closed")]
    [InlineData("a = [1 2]", "t.toml:1:8: expected ',' or ']' in the array")]
    [InlineData("x = {a=[1}", "t.toml:1:10: expected ',' or ']' in the array")]
    [InlineData("a = { b = 1, }", "t.toml:1:14: an inline table cannot end with a comma")]
    [InlineData("a = { b = 1\n}", "t.toml:1:12: expected ',' or '}' in the inline table (an inline table stays on one line)")]
    [InlineData("a = 1\rb = 2", "t.toml:1:6: a carriage return must be followed by a line feed")]
    [InlineData("a = 1 # bell \u0007", "t.toml:1:14: a control character must be escaped (or is not allowed here)")]
    [InlineData("a = 1 2", "t.toml:1:7: expected the end of the line")]
    [InlineData("a = 1e01x", "t.toml:1:9: unexpected characters after the value")]
    [InlineData("[a", "t.toml:1:3: expected ']' to close the table header")]
    [InlineData("[[a]", "t.toml:1:5: expected ']]' to close the array-of-tables header")]
    [InlineData("[[a] ]", "t.toml:1:5: expected ']]' to close the array-of-tables header")]
    [InlineData("a = \"\\q\"", "t.toml:1:6: invalid escape sequence (allowed: \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX)")]
    [InlineData("a = \"\\uD800\"", "t.toml:1:6: the escape is not a Unicode scalar value")]
    [InlineData("a = \"\\uDFFF\"", "t.toml:1:6: the escape is not a Unicode scalar value")]
    [InlineData("a = \"\\U00110000\"", "t.toml:1:6: the escape is not a Unicode scalar value")]
    [InlineData("a = 0x", "t.toml:1:5: invalid number")]
    [InlineData("a = 0b", "t.toml:1:5: invalid number")]
    [InlineData("a = 01", "t.toml:1:5: a number cannot have leading zeros")]
    [InlineData("a = 00", "t.toml:1:5: a number cannot have leading zeros")]
    [InlineData("a = +01", "t.toml:1:5: a number cannot have leading zeros")]
    [InlineData("a = 1__0", "t.toml:1:5: an underscore in a number must stand between two digits")]
    [InlineData("a = 9223372036854775808", "t.toml:1:5: the integer does not fit in 64 bits")]
    [InlineData("a = 1\na.b = 2", "t.toml:2:1: key 'a' cannot be extended here: it is a value (defined at 1:1)")]
    [InlineData("a = { b = 1 }\na.c = 2", "t.toml:2:1: key 'a' cannot be extended here: it is an inline table, which is complete where it is written (defined at 1:1)")]
    [InlineData("a = []\n[[a]]", "t.toml:2:3: key 'a' cannot be extended here: it is an array, which is complete where it is written (defined at 1:1)")]
    [InlineData("[a]\nb.c = 1\n[a.b]", "t.toml:3:4: key 'a.b' is defined twice (first at 2:1)")]
    [InlineData("[[a]]\n[a]", "t.toml:2:2: key 'a' is defined twice (first at 1:3)")]
    public void An_invalid_document_gets_the_error_and_position_of_its_first_fault(string text, string message)
    {
        var error = Assert.Throws<TomlDocumentException>(() => Parse(text));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("1979-13-01")]
    [InlineData("1979-00-01")]
    [InlineData("1979-01-00")]
    [InlineData("1979-01-32")]
    [InlineData("1979-02-29")]
    [InlineData("1900-02-29")]
    [InlineData("1979-04-31")]
    [InlineData("1979-06-31")]
    [InlineData("1979-09-31")]
    [InlineData("1979-11-31")]
    [InlineData("1979-05-2x")]
    [InlineData("24:00:00")]
    [InlineData("00:60:00")]
    [InlineData("00:00:61")]
    [InlineData("07:3x:00")]
    [InlineData("1979-05-27T24:00:00")]
    [InlineData("1979-05-27 23:60:00")]
    [InlineData("1979-05-27T07:32:00+24:00")]
    public void A_date_or_time_outside_its_calendar_is_an_invalid_date_at_the_value(string value)
    {
        var error = Assert.Throws<TomlDocumentException>(() => Parse("a = " + value));

        Assert.Equal("t.toml:1:5: " + InvalidDate, error.Message);
    }

    [Theory]
    [InlineData("1979-12-31", "LocalDate:1979-12-31")]
    [InlineData("1979-01-01", "LocalDate:1979-01-01")]
    [InlineData("1996-02-29", "LocalDate:1996-02-29")]
    [InlineData("2000-02-29", "LocalDate:2000-02-29")]
    [InlineData("1979-04-30", "LocalDate:1979-04-30")]
    [InlineData("1979-07-31", "LocalDate:1979-07-31")]
    [InlineData("23:59:60", "LocalTime:23:59:60")]
    [InlineData("00:00:00", "LocalTime:00:00:00")]
    [InlineData("1979-05-27 23:59:59", "LocalDateTime:1979-05-27 23:59:59")]
    public void The_last_and_first_days_and_times_of_the_calendar_are_valid(string value, string expected)
    {
        var leaf = Assert.Single(Parse("a = " + value).Leaves);

        Assert.Equal(expected, $"{leaf.Kind}:{leaf.ConfigurationValue}");
    }

    [Fact]
    public void Arrays_and_inline_tables_give_their_nesting_back_when_they_close()
    {
        // More closed arrays and inline tables than the nesting limit, one after another: each one's depth ends with it.
        var text = new StringBuilder();
        for (var i = 0; i < TomlReader.MaxDepth + 5; i++)
        {
            text.Append($"a{i} = [[1], [2]]\nt{i} = {{ x = {{ y = 1 }} }}\n");
        }

        var document = Parse(text.ToString());

        // Three leaves a line pair: a{i}:0:0, a{i}:1:0 and t{i}:x:y.
        Assert.Equal(3 * (TomlReader.MaxDepth + 5), document.Leaves.Count);
    }
}
