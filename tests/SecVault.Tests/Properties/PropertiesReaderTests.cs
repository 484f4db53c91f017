using System.Text;
using SecVault.Properties;
using SecVault.Testing;

namespace SecVault.Tests.Properties;

public sealed class PropertiesReaderTests
{
    // Tricky inputs; every one is also checked against the real java.util.Properties when java is present.
    public static readonly string[] Corpus =
    [
        "a=b\n",
        "  key   value  \n",
        "k:v\nk2 = v2\nk3\t:\tv3\n",
        "k = = v\n",
        "k==v",
        "k : : v",
        "# c\n! c\n   # indented\n\n   \nx=1",
        "a=one \\\n    two\\\n three\n",
        "a=b\\\\\nc=d\n",
        "a=b\\\\\\\nc\n",
        "\\\n#x\ny=z\n",
        "a=b\\\n\nc=d\n",
        "a=b\\",
        "key\\ with\\ spaces=v\\=x\\:y\n",
        "\\u0041\\u00e9=\\t\\n\\r\\f\\q\\\\\n",
        "k=\\uD83D\\uDE00\n",
        "k\r\nv=1\rw=2\r\n",
        "k=a\\\r\n   b\n",
        "onlykey\n",
        "=empty key\n",
        ":x\n",
        "k=${not.a.placeholder}\n",
        "dup=1\ndup=2\n",
        "k=v\u00e9 \u00fc \u20ac\n",
        "k=\\u12\n",
        "k=\\u12G4\n",
        "\\\n\\\n k=v",
        "k\\\n  ey=v",
        "\f\tk\fv\n",
        "a\\\n  # not comment\n",
        "a=\\\n   \n",
        "x=1\\\r\r",
        "k=\\",
        "\\ lead=\\ v\n",
        "k = v\\u",
        "k=#!=:\n",
    ];

    public static TheoryData<string, (string Key, string Value, int Line)[]> Table => new()
    {
        { "a=b\n", [("a", "b", 1)] },
        { "  key   value  \n", [("key", "value  ", 1)] },
        { "k = = v\n", [("k", "= v", 1)] },
        { "k : : v", [("k", ": v", 1)] },
        { "# c\n! c\n   # indented\n\n   \nx=1", [("x", "1", 6)] },
        { "a=one \\\n    two\\\n three\n", [("a", "one twothree", 1)] },
        { "a=b\\\\\nc=d\n", [("a", "b\\", 1), ("c", "d", 2)] },
        { "a=b\\\\\\\nc\n", [("a", "b\\c", 1)] },
        { "a=b\\\n\nc=d\n", [("a", "b", 1), ("c", "d", 3)] },
        { "a=b\\", [("a", "b", 1)] },
        { "key\\ with\\ spaces=v\\=x\\:y\n", [("key with spaces", "v=x:y", 1)] },
        { "\\u0041\\u00e9=\\t\\n\\r\\f\\q\\\\\n", [("A\u00e9", "\t\n\r\fq\\", 1)] },
        { "k\r\nv=1\rw=2\r\n", [("k", "", 1), ("v", "1", 2), ("w", "2", 3)] },
        { "onlykey\n", [("onlykey", "", 1)] },
        { "=empty key\n", [("", "empty key", 1)] },
        { "k=${not.a.placeholder}\n", [("k", "${not.a.placeholder}", 1)] },
        { "dup=1\ndup=2\n", [("dup", "1", 1), ("dup", "2", 2)] },
        { "k\\\n  ey=v", [("key", "v", 1)] },
        { "a\\\n  # not comment\n", [("a#", "not comment", 1)] },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void ReadUtf8_follows_the_Java_logical_line_rules(string input, (string Key, string Value, int Line)[] expected)
    {
        var entries = ReadUtf8(input);

        Assert.Equal(expected, entries.Select(e => (e.Key, e.Value, e.Line)));
    }

    [Fact]
    public void ReadUtf8_skips_a_byte_order_mark_and_decodes_utf8()
    {
        var entries = ReadUtf8("\uFEFFcl\u00e9=\u20ac\n");

        Assert.Equal(("cl\u00e9", "\u20ac"), (entries[0].Key, entries[0].Value));
    }

    [Fact]
    public void ReadIso88591_maps_each_byte_to_one_char()
    {
        var entries = PropertiesReader.ReadIso88591(new MemoryStream([(byte)'k', (byte)'=', 0xE9, 0xFF]), "x.properties");

        Assert.Equal("\u00e9\u00ff", Assert.Single(entries).Value);
    }

    [Fact]
    public void ReadUtf8_reports_invalid_utf8_naming_the_line()
    {
        var bytes = "a=1\nb=\xff\n"u8.ToArray();
        bytes[^2] = 0xFF;

        var error = Assert.Throws<PropertiesFormatException>(() => PropertiesReader.ReadUtf8(new MemoryStream(bytes), "in.properties"));

        Assert.Equal((PropertiesErrorKind.InvalidUtf8, 2, "in.properties"), (error.Kind, error.Line, error.Path));
        Assert.StartsWith("in.properties:2:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a=1\nk=\\u12\n", 2)]
    [InlineData("a=1\n\nk=\\u12G4 tail\n", 3)]
    [InlineData("k\\u00=v", 1)]
    public void A_malformed_unicode_escape_is_an_error_naming_the_line(string input, int line)
    {
        var error = Assert.Throws<PropertiesFormatException>(() => ReadUtf8(input));

        Assert.Equal((PropertiesErrorKind.MalformedUnicodeEscape, line), (error.Kind, error.Line));
    }

    [Fact]
    public void A_malformed_escape_message_holds_no_value()
    {
        var error = Assert.Throws<PropertiesFormatException>(() => ReadUtf8("k=s3cr3t\\uZZZZ\n"));

        Assert.DoesNotContain("s3cr3t", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_over_the_limit_is_refused_without_reading_the_rest_of_the_stream()
    {
        var stream = new EndlessStream((byte)'a');

        var error = Assert.Throws<PropertiesFormatException>(() => PropertiesReader.ReadUtf8(stream, "big", maxLineBytes: 4096));

        Assert.Equal((PropertiesErrorKind.LineTooLong, 1), (error.Kind, error.Line));
        Assert.True(stream.BytesRead < 1024 * 1024, "the reader must stop early");
    }

    [Fact]
    public void A_line_at_the_limit_is_accepted()
    {
        var entries = PropertiesReader.ReadUtf8(new MemoryStream(Encoding.UTF8.GetBytes("k=" + new string('v', 98) + "\n")), "f", maxLineBytes: 100);

        Assert.Equal(98, Assert.Single(entries).Value.Length);
    }

    [Fact]
    public void Empty_input_has_no_entries()
    {
        Assert.Empty(ReadUtf8(string.Empty));
        Assert.Empty(ReadUtf8("# only a comment\n\n"));
    }

    [SkippableFact]
    public void The_corpus_loads_as_java_util_Properties_loads_it()
    {
        Skip.If(!JavaProbe.IsAvailable, "needs a JDK (java) on PATH");

        using var folder = new TempFolder();
        for (var n = 0; n < Corpus.Length; n++)
        {
            File.WriteAllBytes(folder.Combine($"case-{n}.properties"), Encoding.UTF8.GetBytes(Corpus[n]));
        }

        var java = ParseProbeOutput(JavaProbe.Run("load", folder.Path));
        for (var n = 0; n < Corpus.Length; n++)
        {
            var bytes = Encoding.UTF8.GetBytes(Corpus[n]);
            Assert.Equal((n, java[$"{n} iso"]), (n, Ours(() => PropertiesReader.ReadIso88591(new MemoryStream(bytes), "f"))));
            Assert.Equal((n, java[$"{n} utf8"]), (n, Ours(() => PropertiesReader.ReadUtf8(new MemoryStream(bytes), "f"))));
        }
    }

    private static IReadOnlyList<PropertyEntry> ReadUtf8(string text) =>
        PropertiesReader.ReadUtf8(new MemoryStream(Encoding.UTF8.GetBytes(text)), "test.properties");

    private static string Ours(Func<IReadOnlyList<PropertyEntry>> read)
    {
        try
        {
            return string.Join('\n', read().Select(e => JavaProbe.Hex(e.Key) + " " + JavaProbe.Hex(e.Value)));
        }
        catch (PropertiesFormatException)
        {
            return "ERROR";
        }
    }

    private static Dictionary<string, string> ParseProbeOutput(string output)
    {
        var result = new Dictionary<string, string>();
        string? label = null;
        var lines = new List<string>();
        foreach (var line in output.Split('\n').Append("#end"))
        {
            if (line.StartsWith('#'))
            {
                if (label is not null)
                {
                    result[label] = string.Join('\n', lines);
                }

                label = line[1..];
                lines.Clear();
            }
            else if (line.Length > 0)
            {
                lines.Add(line);
            }
        }

        return result;
    }

    private sealed class EndlessStream(byte fill) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill(fill);
            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
