using System.Text;
using SecVault.SecretOutput;
using SecVault.Testing;

namespace SecVault.Tests.SecretOutput;

public sealed class SecretInputReaderTests
{
    [Fact]
    public void ReadLinePairs_strips_LF_and_CRLF_and_keeps_other_whitespace()
    {
        var entries = SecretInputReader.ReadLinePairs("a\r\n x \nb\nlast");

        Assert.Equal(["a", "b"], entries.Select(e => e.Alias));
        Assert.Equal([" x ", "last"], entries.Select(e => e.Secret));
        Assert.Equal([1, 3], entries.Select(e => e.Line));
    }

    [Theory]
    [InlineData("", SecretInputErrorKind.NoEntries, 0)]
    [InlineData("a\n", SecretInputErrorKind.MissingSecretLine, 1)]
    [InlineData("a\nb\n\nc\n", SecretInputErrorKind.EmptyAlias, 3)]
    [InlineData("a\n\r\n", SecretInputErrorKind.EmptySecret, 2)]
    public void ReadLinePairs_names_the_line_of_each_problem(string text, SecretInputErrorKind error, int line)
    {
        var ex = Assert.Throws<SecretInputException>(() => SecretInputReader.ReadLinePairs(text));

        Assert.Equal(error, ex.Kind);
        Assert.Equal(line, ex.Line);
        Assert.Equal("standard input", ex.InputName);
    }

    [Theory]
    [InlineData("", "standard input is empty; expected lines of alias, then secret")]
    [InlineData("a\n", "standard input line 1: alias 'a' has no secret line after it")]
    [InlineData("a\nb\n \nc\n", "standard input line 3: empty alias")]
    [InlineData("a\nx\n b \n\r\n", "standard input line 4: empty secret for alias 'b'")]
    public void ReadLinePairs_messages_name_the_line_and_alias(string text, string message)
    {
        Assert.Equal(message, Assert.Throws<SecretInputException>(() => SecretInputReader.ReadLinePairs(text)).Message);
    }

    [Theory]
    [InlineData("a\nx")]
    [InlineData("a\nx\n")]
    [InlineData("a\r\nx\r\n")]
    public void ReadLinePairs_takes_a_final_line_break_as_optional(string text)
    {
        var entry = Assert.Single(SecretInputReader.ReadLinePairs(text));

        Assert.Equal(("a", "x", 1), (entry.Alias, entry.Secret, entry.Line));
    }

    [Fact]
    public void ReadLinePairs_keeps_the_alias_as_given_for_Prepare_to_trim()
    {
        Assert.Equal(" a ", Assert.Single(SecretInputReader.ReadLinePairs(" a \nx\n")).Alias);
    }

    [Fact]
    public void Every_entry_point_refuses_null_arguments()
    {
        Assert.Throws<ArgumentNullException>("text", () => SecretInputReader.ReadLinePairs(null!));
        Assert.Throws<ArgumentNullException>("stream", () => SecretInputReader.ReadProperties(null!, "s.properties"));
        Assert.Throws<ArgumentNullException>("displayPath", () => SecretInputReader.ReadProperties(new MemoryStream("a=1\n"u8.ToArray()), null!));
        Assert.Throws<ArgumentNullException>("path", () => SecretInputReader.ReadPropertiesFile(null!, "s.properties"));
        Assert.Throws<ArgumentException>("path", () => SecretInputReader.ReadPropertiesFile(string.Empty, "s.properties"));
        Assert.Throws<ArgumentNullException>("displayPath", () => SecretInputReader.ReadPropertiesFile("/nonexistent/s.properties", null!));
    }

    [Fact]
    public void ReadProperties_refuses_an_empty_key_naming_the_line()
    {
        var ex = Assert.Throws<SecretInputException>(() => SecretInputReader.ReadProperties(new MemoryStream("a=1\n\\ =x\n"u8.ToArray()), "s.properties"));

        Assert.Equal((SecretInputErrorKind.EmptyAlias, 2, "s.properties line 2: empty alias"), (ex.Kind, ex.Line, ex.Message));
    }

    [Fact]
    public void ReadProperties_names_a_file_with_no_entries()
    {
        var ex = Assert.Throws<SecretInputException>(() => SecretInputReader.ReadProperties(new MemoryStream([]), "s.properties"));

        Assert.Equal(("s.properties has no entries", "s.properties"), (ex.Message, ex.InputName));
    }

    [Fact]
    public void ReadPropertiesFile_reads_the_file_on_disk()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("s.properties");
        File.WriteAllText(path, "db = pw\n");

        var entry = Assert.Single(SecretInputReader.ReadPropertiesFile(path, "s.properties"));

        Assert.Equal(("db", "pw", 1), (entry.Alias, entry.Secret, entry.Line));
    }

    [Fact]
    public void ReadProperties_reads_utf8_with_java_syntax_and_keeps_repeats()
    {
        var bytes = Encoding.UTF8.GetBytes("\uFEFF! c\nk\\ 1 = v\\u00e9\\\n  w\nk2:ö\nk2 x\n");

        var entries = SecretInputReader.ReadProperties(new MemoryStream(bytes), "s.properties");

        Assert.Equal(["k 1", "k2", "k2"], entries.Select(e => e.Alias));
        Assert.Equal(["véw", "ö", "x"], entries.Select(e => e.Secret));
    }

    [Fact]
    public void ReadProperties_refuses_an_empty_value_naming_alias_and_line()
    {
        var ex = Assert.Throws<SecretInputException>(() => SecretInputReader.ReadProperties(new MemoryStream("a=1\n\nb=\n"u8.ToArray()), "s.properties"));

        Assert.Equal(SecretInputErrorKind.EmptySecret, ex.Kind);
        Assert.Equal("b", ex.Alias);
        Assert.Equal(3, ex.Line);
        Assert.Equal("s.properties line 3: empty secret for alias 'b'", ex.Message);
    }

    [Fact]
    public void ReadProperties_refuses_a_file_with_only_comments()
    {
        var ex = Assert.Throws<SecretInputException>(() => SecretInputReader.ReadProperties(new MemoryStream("# only\n"u8.ToArray()), "s.properties"));

        Assert.Equal(SecretInputErrorKind.NoEntries, ex.Kind);
    }

    [Fact]
    public void ReadPropertiesFile_reports_a_missing_file_by_its_given_name()
    {
        var ex = Assert.Throws<SecretInputException>(() => SecretInputReader.ReadPropertiesFile("/nonexistent/s.properties", "s.properties"));

        Assert.Equal(SecretInputErrorKind.Unreadable, ex.Kind);
        Assert.StartsWith("cannot read s.properties", ex.Message, StringComparison.Ordinal);
    }
}
