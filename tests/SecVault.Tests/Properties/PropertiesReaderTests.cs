using System.Text;
using CsCheck;
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
        "k=v\\",
        "k=\\\\",
        "k=x\\u0041y\\u004a\\u004A\\uabcd\\uABCD\n",
        "a=1\n\uFEFFk=v\n",
        "k = \\u00G1",
        "k = \\u00`1",
    ];

    // The input alone is the theory's argument (a string xUnit can serialize), so each row is a test case of its own;
    // with the tuples as arguments the rows ran as one case, and Stryker could not tell which row reached a mutant.
    public static TheoryData<string> TableInputs => new(Table.Keys);

    private static readonly Dictionary<string, (string Key, string Value, int Line)[]> Table = new(StringComparer.Ordinal)
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
        { "k:v\nk2 = v2\nk3\t:\tv3\n", [("k", "v", 1), ("k2", "v2", 2), ("k3", "v3", 3)] },
        { "k==v", [("k", "=v", 1)] },
        { "\\\n#x\ny=z\n", [("y", "z", 3)] },
        { "\\\n\\\n k=v", [("k", "v", 3)] },
        { "k=\\uD83D\\uDE00\n", [("k", "\uD83D\uDE00", 1)] },
        { "k=a\\\r\n   b\n", [("k", "ab", 1)] },
        { ":x\n", [("", "x", 1)] },
        { "\f\tk\fv\n", [("k", "v", 1)] },
        { "a=\\\n   \n", [("a", "", 1)] },
        { "x=1\\\r\r", [("x", "1", 1)] },
        { "k=\\", [("k", "", 1)] },
        { "k=v\\", [("k", "v", 1)] },
        { "\\ lead=\\ v\n", [(" lead", " v", 1)] },
        { "k=#!=:\n", [("k", "#!=:", 1)] },
        { "k=\\\\", [("k", "\\", 1)] },
        { "k=x\\u0041y\\u004a\\u004A\\uabcd\\uABCD\n", [("k", "xAyJJ\uabcd\uABCD", 1)] },
        { "k=\\u0030\\u0039\\u00af\\u00AF\\u00ff\\u00FF\n", [("k", "09\u00af\u00af\u00ff\u00ff", 1)] },
    };

    [Theory]
    [MemberData(nameof(TableInputs))]
    public void ReadUtf8_follows_the_Java_logical_line_rules(string input)
    {
        var entries = ReadUtf8(input);

        Assert.Equal(Table[input], entries.Select(e => (e.Key, e.Value, e.Line)));
    }

    [Fact]
    public void ReadUtf8_skips_a_byte_order_mark_and_decodes_utf8()
    {
        var entries = ReadUtf8("\uFEFFcl\u00e9=\u20ac\n");

        Assert.Equal(("cl\u00e9", "\u20ac"), (entries[0].Key, entries[0].Value));
    }

    [Fact]
    public void ReadUtf8_skips_a_byte_order_mark_only_at_the_start_of_the_input()
    {
        var entries = ReadUtf8("a=1\n\uFEFFk=v\n");

        Assert.Equal([("a", "1"), ("\uFEFFk", "v")], entries.Select(e => (e.Key, e.Value)));
    }

    [Fact]
    public void ReadIso88591_keeps_a_leading_byte_order_mark_as_three_chars()
    {
        var entries = PropertiesReader.ReadIso88591(new MemoryStream([0xEF, 0xBB, 0xBF, (byte)'k', (byte)'=', (byte)'v']), "x.properties");

        Assert.Equal(("\u00EF\u00BB\u00BFk", "v"), (Assert.Single(entries).Key, entries[0].Value));
    }

    [Fact]
    public void Arguments_are_checked_before_anything_is_read()
    {
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => PropertiesReader.ReadUtf8(null!, "f")).ParamName);
        Assert.Equal("displayPath", Assert.Throws<ArgumentNullException>(() => PropertiesReader.ReadUtf8(new MemoryStream(), null!)).ParamName);
        Assert.Equal("displayPath", Assert.Throws<ArgumentNullException>(() => PropertiesReader.ReadIso88591(new MemoryStream(), null!)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => PropertiesReader.ReadUtf8(new MemoryStream(), "f", maxLineBytes: 0));
        Assert.Single(PropertiesReader.ReadUtf8(new MemoryStream("k"u8.ToArray()), "f", maxLineBytes: 1));
    }

    [Fact]
    public void ReadIso88591_maps_each_byte_to_one_char()
    {
        var entries = PropertiesReader.ReadIso88591(new MemoryStream([(byte)'k', (byte)'=', 0xE9, 0xFF]), "x.properties");

        Assert.Equal("\u00e9\u00ff", Assert.Single(entries).Value);
    }

    [Fact]
    public void ReadIso88591_counts_the_line_limit_in_bytes_of_the_file_one_a_char()
    {
        // A line of exactly the default limit whose chars (e-acute) would take twice as many bytes in UTF-8.
        var line = new byte[PropertiesReader.DefaultMaxLineBytes];
        Array.Fill(line, (byte)0xE9);
        line[0] = (byte)'k';
        line[1] = (byte)'=';

        var entries = PropertiesReader.ReadIso88591(new MemoryStream(line), "x.properties");

        Assert.Equal(new string('\u00e9', line.Length - 2), Assert.Single(entries).Value);
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
    [InlineData("k = v\\u", 1)]
    [InlineData("k = v\\u004", 1)]
    [InlineData("k = \\u00g1", 1)]
    [InlineData("k = \\u00/1", 1)]
    [InlineData("k = \\u00:1", 1)]
    [InlineData("k = \\u00@1", 1)]
    [InlineData("k = \\u00G1", 1)]
    [InlineData("k = \\u00`1", 1)]
    public void A_malformed_unicode_escape_is_an_error_naming_the_line(string input, int line)
    {
        var error = Assert.Throws<PropertiesFormatException>(() => ReadUtf8(input));

        Assert.Equal((PropertiesErrorKind.MalformedUnicodeEscape, line), (error.Kind, error.Line));
    }

    [Fact]
    public void A_malformed_escape_message_holds_no_value()
    {
        var error = Assert.Throws<PropertiesFormatException>(() => ReadUtf8("k=s3cr3t\\uZZZZ\n"));

        Assert.Equal("test.properties:1: malformed \\uXXXX escape", error.Message);
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
    public void A_line_one_byte_over_the_limit_is_refused_naming_its_line()
    {
        var text = "a=1\n\nk=" + new string('v', 99) + "\nz=2\n";

        var error = Assert.Throws<PropertiesFormatException>(
            () => PropertiesReader.ReadUtf8(new MemoryStream(Encoding.UTF8.GetBytes(text)), "f", maxLineBytes: 100));

        Assert.Equal((PropertiesErrorKind.LineTooLong, 3), (error.Kind, error.Line));
        Assert.Equal("f:3: line is longer than 100 bytes", error.Message);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(101)]
    public void A_logical_line_joined_over_the_limit_is_refused_naming_its_first_line(int joined)
    {
        // Each physical line is under the limit of 100; the logical line ("k=" + a + b) is joined without the
        // backslash and the continuation's leading blanks, so only the joined length decides.
        var a = new string('a', 60);
        var b = new string('b', joined - 2 - a.Length);
        var text = "x=1\nk=" + a + "\\\n      " + b + "\ny=2\n";

        var read = () => PropertiesReader.ReadUtf8(new MemoryStream(Encoding.UTF8.GetBytes(text)), "f", maxLineBytes: 100);

        if (joined <= 100)
        {
            Assert.Equal([("x", "1", 1), ("k", a + b, 2), ("y", "2", 4)], read().Select(e => (e.Key, e.Value, e.Line)));
        }
        else
        {
            var error = Assert.Throws<PropertiesFormatException>(read);
            Assert.Equal((PropertiesErrorKind.LineTooLong, 2), (error.Kind, error.Line));
        }
    }

    [Theory]
    [InlineData(49, false)]
    [InlineData(50, false)]
    [InlineData(51, true)]
    public void The_joined_limit_counts_UTF8_bytes_as_the_physical_limit_does(int wideChars, bool refused)
    {
        // "k=" is 2 bytes and each e-acute 2 bytes: 50 of them make exactly 102 bytes, under a limit of 102, in fewer
        // chars than bytes; each physical line stays under the limit.
        var first = new string('\u00e9', 25);
        var second = new string('\u00e9', wideChars - 25);
        var text = "k=" + first + "\\\n" + second + "\n";

        var read = () => PropertiesReader.ReadUtf8(new MemoryStream(Encoding.UTF8.GetBytes(text)), "f", maxLineBytes: 102);

        if (refused)
        {
            Assert.Equal(PropertiesErrorKind.LineTooLong, Assert.Throws<PropertiesFormatException>(read).Kind);
        }
        else
        {
            Assert.Equal(first + second, Assert.Single(read()).Value);
        }
    }

    [Theory]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(511)]
    [InlineData(512)]
    [InlineData(513)]
    [InlineData(5000)]
    [InlineData(40000)]
    public void Long_lines_read_whole_and_a_short_line_after_them_reads_alone(int length)
    {
        var value = string.Concat(Enumerable.Range(0, length).Select(n => (char)('a' + (n % 26))));

        var entries = ReadUtf8("k=" + value + "\nshort=1\n" + "k2=" + value + "\n");

        Assert.Equal([("k", value, 1), ("short", "1", 2), ("k2", value, 3)], entries.Select(e => (e.Key, e.Value, e.Line)));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r")]
    [InlineData("\r\n")]
    public void A_line_break_that_ends_exactly_at_a_16_KiB_read_is_one_line_break(string lineBreak)
    {
        // The reader takes 16 KiB per read: the first line break's first byte is the read's last byte.
        const int chunk = 16 * 1024;
        var first = "k=" + new string('v', chunk - 1 - 2);
        var text = first + lineBreak + "n=2" + lineBreak + "m=3";
        Assert.Equal(chunk - 1, text.IndexOf(lineBreak[0], StringComparison.Ordinal));

        var entries = ReadUtf8(text);

        Assert.Equal([("k", first[2..], 1), ("n", "2", 2), ("m", "3", 3)], entries.Select(e => (e.Key, e.Value, e.Line)));
    }

    [Fact]
    public void Entries_do_not_depend_on_how_the_stream_splits_its_reads()
    {
        var piece = Gen.OneOf(
            Gen.Const("k=v"), Gen.Const("\n"), Gen.Const("\r"), Gen.Const("\r\n"), Gen.Const("\\"), Gen.Const(" "), Gen.Const("#"),
            Gen.Const("\u00e9"), Gen.Const("é"), Gen.Const("\uFEFF"), Gen.Int[1, 700].Select(n => new string('x', n)));
        Gen.Select(piece.Array[0, 40], Gen.Int[1, 300], Gen.Int).Sample((pieces, largest, seed) =>
        {
            var bytes = Encoding.UTF8.GetBytes(string.Concat(pieces));

            var whole = PropertiesReader.ReadUtf8(new MemoryStream(bytes), "f");
            var split = PropertiesReader.ReadUtf8(new ShortReadStream(bytes, largest, seed), "f");

            Assert.Equal(whole.Select(e => (e.Key, e.Value, e.Line)), split.Select(e => (e.Key, e.Value, e.Line)));
        }, threads: 1);
    }

    [Fact]
    public void The_buffer_the_stream_filled_holds_no_byte_of_the_input_afterwards()
    {
        var stream = new BufferKeepingStream(Encoding.UTF8.GetBytes("password=s3cr3t\n"));

        Assert.Equal("s3cr3t", Assert.Single(PropertiesReader.ReadUtf8(stream, "f")).Value);

        Assert.NotEmpty(stream.Buffers);
        Assert.All(stream.Buffers, buffer => Assert.All(buffer, b => Assert.Equal(0, b)));
    }

    [Theory]
    [InlineData("k=v\n")]
    [InlineData("k=v")]
    [InlineData("k=v\r")]
    [InlineData("k=v\\")]
    [InlineData("")]
    public void The_stream_is_not_read_again_once_it_reported_its_end(string text)
    {
        // A terminal reports Ctrl-D as one read of 0 bytes; a second read would wait for more typing.
        var stream = new EndOnceStream(Encoding.UTF8.GetBytes(text));

        (string Key, string Value)[] expected = text.Length == 0 ? [] : [("k", "v")];

        var entries = PropertiesReader.ReadUtf8(stream, "f");

        Assert.Equal(expected, entries.Select(e => (e.Key, e.Value)));
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

    /// <summary>Returns at most <c>largest</c> bytes per read, a random count each time, as a pipe or socket may.</summary>
    private sealed class ShortReadStream(byte[] bytes, int largest, int seed) : ReadOnlyStream
    {
        private readonly Random _random = new(seed);
        private int _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, bytes.Length - _position), _random.Next(1, largest + 1));
            bytes.AsSpan(_position, n).CopyTo(buffer.AsSpan(offset));
            _position += n;
            return n;
        }
    }

    /// <summary>Keeps every buffer the reader passes to <see cref="Read"/>, to look at after the reader is done.</summary>
    private sealed class BufferKeepingStream(byte[] bytes) : MemoryStream(bytes)
    {
        public List<byte[]> Buffers { get; } = [];

        public override int Read(byte[] buffer, int offset, int count)
        {
            Buffers.Add(buffer);
            return base.Read(buffer, offset, count);
        }
    }

    /// <summary>Returns its bytes, then 0 once; any read after that fails the test.</summary>
    private sealed class EndOnceStream(byte[] bytes) : ReadOnlyStream
    {
        private int _position;
        private bool _ended;

        public override int Read(byte[] buffer, int offset, int count)
        {
            Assert.False(_ended, "read again after the stream reported its end");
            var n = Math.Min(count, bytes.Length - _position);
            bytes.AsSpan(_position, n).CopyTo(buffer.AsSpan(offset));
            _position += n;
            _ended = n == 0;
            return n;
        }
    }

    private sealed class EndlessStream(byte fill) : ReadOnlyStream
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill(fill);
            BytesRead += count;
            return count;
        }
    }

    /// <summary>A stream that can only be read, once, front to back.</summary>
    private abstract class ReadOnlyStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
