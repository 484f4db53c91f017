using System.Text;
using SecVault.Properties;

namespace SecVault.Tests.Properties;

public sealed class PropertiesValueSpliceTests
{
    private static string Apply(string content, PropertiesValueSplice.Replacement replacement) =>
        Encoding.UTF8.GetString(PropertiesValueSplice.Apply(Encoding.UTF8.GetBytes(content), [replacement]));

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
}
