using System.Text;
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
        FuzzInputs.RandomBytes.Sample(input => { _ = FuzzInvariants.CheckProperties(input); }, iter: 3000, print: FuzzInputs.Print, threads: 1);
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
    public void Entries_written_by_java_util_Properties_rules_read_back_equal_through_both_readers()
    {
        // The writer below follows java.util.Properties.store (saveConvert), not SecVault's writer: escaped bytes
        // (ISO-8859-1 with \uXXXX) are read with ReadIso88591 and ReadUtf8, raw UTF-8 (store to a Writer) with ReadUtf8.
        var text = Gen.OneOf(Gen.String, Gen.String[Gen.Char[" \t\n\r\f=:#!\\abcé\u0001\u007f\u0080\uFEFF"], 0, 12]).Where(IsValidUtf16);
        var entries = Gen.Select(text, text).Array[0, 8]
            .Select(pairs => pairs.DistinctBy(p => p.Item1, StringComparer.Ordinal).ToArray());
        var total = 0;
        entries.Sample(pairs =>
        {
            var escaped = Encoding.Latin1.GetBytes(JavaStore(pairs, escapeUnicode: true));
            var raw = Encoding.UTF8.GetBytes(JavaStore(pairs, escapeUnicode: false));
            var expected = pairs.Select(p => (p.Item1, p.Item2)).ToList();

            Assert.Equal(expected, PropertiesReader.ReadIso88591(new MemoryStream(escaped), "escaped.properties").Select(e => (e.Key, e.Value)));
            Assert.Equal(expected, PropertiesReader.ReadUtf8(new MemoryStream(escaped), "escaped.properties").Select(e => (e.Key, e.Value)));
            Assert.Equal(expected, PropertiesReader.ReadUtf8(new MemoryStream(raw), "raw.properties").Select(e => (e.Key, e.Value)));
            Interlocked.Add(ref total, pairs.Length);
        }, iter: 1000, threads: 1);

        Assert.True(total > 1000, $"only {total} entries were generated");
    }

    /// <summary>java.util.Properties.store's line format: a comment line, then key=value with saveConvert's escapes.</summary>
    private static string JavaStore((string Key, string Value)[] pairs, bool escapeUnicode)
    {
        var output = new StringBuilder("#generated\n");
        foreach (var (key, value) in pairs)
        {
            output.Append(SaveConvert(key, escapeSpace: true, escapeUnicode)).Append('=').Append(SaveConvert(value, escapeSpace: false, escapeUnicode)).Append('\n');
        }

        return output.ToString();
    }

    private static string SaveConvert(string text, bool escapeSpace, bool escapeUnicode)
    {
        var output = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case ' ':
                    output.Append(i == 0 || escapeSpace ? "\\ " : " ");
                    break;
                case '\t':
                    output.Append("\\t");
                    break;
                case '\n':
                    output.Append("\\n");
                    break;
                case '\r':
                    output.Append("\\r");
                    break;
                case '\f':
                    output.Append("\\f");
                    break;
                case '=' or ':' or '#' or '!' or '\\':
                    output.Append('\\').Append(c);
                    break;
                default:
                    if ((c < 0x20 || c > 0x7e) && escapeUnicode)
                    {
                        output.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        output.Append(c);
                    }

                    break;
            }
        }

        return output.ToString();
    }

    private static bool IsValidUtf16(string s) =>
        System.Text.Unicode.Utf8.FromUtf16(s, new byte[Encoding.UTF8.GetMaxByteCount(s.Length)], out _, out _, replaceInvalidSequences: false)
            == System.Buffers.OperationStatus.Done;

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
