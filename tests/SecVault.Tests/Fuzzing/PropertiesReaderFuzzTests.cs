using CsCheck;
using SecVault.Properties;
using SecVault.Testing;

namespace SecVault.Tests.Fuzzing;

public sealed class PropertiesReaderFuzzTests
{
    private static readonly string[] Tokens =
    [
        "=", ":", " ", "\t", "\f", "\\", "\\\n", "\\u", "\\u00e9", "\\uD83D", "\\t", "\n", "\r", "\r\n", "#", "!", "a", "key", "é", "😀",
        "\uFEFF", "\0", "[x]",
    ];

    [Fact]
    public void Random_bytes_read_or_fail_with_a_properties_format_exception()
    {
        FuzzInputs.RandomBytes.Sample(input => { _ = FuzzInvariants.CheckProperties(input); }, iter: 3000, print: FuzzInputs.Print);
    }

    [Fact]
    public void Token_soup_entries_read_back_equal_after_WriteKeyValueLines()
    {
        var accepted = FuzzInputs.TokenSoup(Tokens).CountAccepted(FuzzInvariants.CheckProperties, iter: 3000);

        Assert.True(accepted > 500, $"only {accepted} token-soup files round-tripped an entry");
    }

    [Fact]
    public void Mutated_corpus_files_read_or_fail_with_a_properties_format_exception()
    {
        var accepted = FuzzInputs.MutatedSeeds("properties", Tokens).CountAccepted(FuzzInvariants.CheckProperties, iter: 8000);

        Assert.True(accepted > 500, $"only {accepted} mutated files round-tripped an entry");
    }

    [Fact]
    public void A_key_starting_with_a_byte_order_mark_char_round_trips_through_WriteKeyValueLines()
    {
        var input = File.ReadAllBytes(Path.Combine(Repo.Root, "fuzz", "findings-minimized", "properties-key-starting-with-bom.properties"));
        var entry = Assert.Single(PropertiesReader.ReadUtf8(new MemoryStream(input), "in.properties"));

        var written = PropertiesWriter.WriteKeyValueLines([KeyValuePair.Create(entry.Key, entry.Value)]);
        var readBack = Assert.Single(PropertiesReader.ReadUtf8(new MemoryStream(written), "out.properties"));

        Assert.Equal(("\uFEFFk", "v"), (entry.Key, entry.Value));
        Assert.Equal((entry.Key, entry.Value), (readBack.Key, readBack.Value));
    }
}
