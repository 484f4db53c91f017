using System.Text;
using SecVault.SecretOutput;

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
