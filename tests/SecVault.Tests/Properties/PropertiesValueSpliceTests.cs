using System.Text;
using SecVault.Properties;

namespace SecVault.Tests.Properties;

public sealed class PropertiesValueSpliceTests
{
    private static string Apply(string content, PropertiesValueSplice.Replacement replacement) =>
        Encoding.UTF8.GetString(PropertiesValueSplice.Apply(Encoding.UTF8.GetBytes(content), [replacement]));

    private static IEnumerable<(string Key, string Value, int Line)> Read(string content) =>
        PropertiesReader.ReadUtf8(new MemoryStream(Encoding.UTF8.GetBytes(content)), "f").Select(e => (e.Key, e.Value, e.Line));

    [Fact]
    public void A_verbatim_value_is_swapped_and_every_other_byte_stays()
    {
        var result = Apply("# c\r\na : old\r\n\r\nb=keep\n", new(2, "a", "old", "NEW"));

        Assert.Equal("# c\r\na : NEW\r\n\r\nb=keep\n", result);
    }

    [Theory]
    [InlineData("k=\\Zabc\n", "Zabc")]
    [InlineData("k=\\ abc\n", " abc")]
    public void A_value_whose_first_character_is_escaped_is_rewritten_whole_not_spliced_behind_the_backslash(string line, string decoded)
    {
        // Spliced behind the backslash, a new value starting with n, t, r, f or u would read back as an escape.
        var result = Apply(line, new(1, "k", decoded, "nEW"));

        Assert.Equal("k = nEW\n", result);
        Assert.Equal("nEW", Assert.Single(PropertiesReader.ReadUtf8(new MemoryStream(Encoding.UTF8.GetBytes(result)), "f")).Value);
    }

    [Fact]
    public void A_value_after_an_escaped_backslash_is_verbatim_and_spliced()
    {
        var result = Apply("k\\\\=old\n", new(1, "k\\", "old", "NEW"));

        Assert.Equal("k\\\\=NEW\n", result);
    }

    [Fact]
    public void The_byte_order_mark_survives_when_the_first_entry_is_rewritten_whole()
    {
        var result = PropertiesValueSplice.Apply(Encoding.UTF8.GetBytes("\uFEFFk=a\\\n  b\nz=1\n"), [new(1, "k", "ab", "NEW")]);

        Assert.Equal(Encoding.UTF8.GetBytes("\uFEFFk = NEW\nz=1\n"), result);
    }

    [Fact]
    public void A_null_replacement_list_is_refused_naming_it()
    {
        Assert.Equal("replacements", Assert.Throws<ArgumentNullException>(() => PropertiesValueSplice.Apply("k=v\n"u8, null!)).ParamName);
    }

    [Fact]
    public void A_value_holding_escaped_backslashes_is_rewritten_whole_though_its_decoded_text_ends_the_line()
    {
        // The line `k=\\\\` reads as two backslashes, and the line does end in two backslashes: spliced there, the
        // new value would follow an escaping backslash and read back with one backslash in front.
        const string content = "k=\\\\\\\\\n";
        Assert.Equal([("k", "\\\\", 1)], Read(content));

        var result = Apply(content, new(1, "k", "\\\\", "NEW"));

        Assert.Equal("k = NEW\n", result);
        Assert.Equal([("k", "NEW", 1)], Read(result));
    }

    [Theory]
    [InlineData("a=1\nk=old\\\n", "a=1\nk = NEW\n")]
    [InlineData("a=1\nk=old\\", "a=1\nk = NEW")]
    [InlineData("a=1\nk=ol\\\n  d\\\n", "a=1\nk = NEW\n")]
    public void An_entry_whose_continuation_runs_to_the_end_of_the_file_is_rewritten_whole(string content, string expected)
    {
        Assert.Equal([("a", "1", 1), ("k", "old", 2)], Read(content));

        Assert.Equal(expected, Apply(content, new(2, "k", "old", "NEW")));
    }

    [Theory]
    [InlineData("k=a\\\nb\nz=1\n")]
    [InlineData("k=a\\\n\\\n  b\nz=1\n")]
    public void Every_continuation_line_is_part_of_the_rewritten_entry_even_one_holding_only_a_backslash(string content)
    {
        // A line of one backslash adds nothing to the value and continues the entry onto the next line.
        Assert.Equal([("k", "ab", 1), ("z", "1", content.Count(c => c == '\n'))], Read(content));

        Assert.Equal("k = NEW\nz=1\n", Apply(content, new(1, "k", "ab", "NEW")));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t")]
    [InlineData("\f")]
    [InlineData(" \t\f ")]
    public void A_blank_line_after_a_continuation_ends_the_entry_and_is_kept(string blank)
    {
        var content = "k=a\\\n" + blank + "\nz=1\n";
        Assert.Equal([("k", "a", 1), ("z", "1", 3)], Read(content));

        Assert.Equal("k = NEW\n" + blank + "\nz=1\n", Apply(content, new(1, "k", "a", "NEW")));
    }

    [Theory]
    [InlineData("a=1\n\nk=old\nz=1\n", "a=1\n\nk=NEW\nz=1\n")]
    [InlineData("a=1\r\rk=old\rz=1\r", "a=1\r\rk=NEW\rz=1\r")]
    [InlineData("a=1\r\n\r\nk=old\r\nz=1\r\n", "a=1\r\n\r\nk=NEW\r\nz=1\r\n")]
    [InlineData("a=1\n\rk=old\r\nz=1\r", "a=1\n\rk=NEW\r\nz=1\r")]
    [InlineData("a=1\r\rk=old\rz=1", "a=1\r\rk=NEW\rz=1")]
    [InlineData("a=1\n\nk=old", "a=1\n\nk=NEW")]
    [InlineData("a=1\r\rk=old", "a=1\r\rk=NEW")]
    public void Lines_end_in_LF_CR_or_CRLF_each_kept_and_the_last_may_have_none(string content, string expected)
    {
        // The entry on the third physical line; a CR-only blank line is a line of its own.
        Assert.Equal(("k", "old", 3), Read(content).ElementAt(1));

        Assert.Equal(expected, Apply(content, new(3, "k", "old", "NEW")));
    }
}
