using System.Text;
using CsCheck;
using SecVault.Properties;
using SecVault.Testing;

namespace SecVault.Tests.Properties;

public sealed class PropertiesWriterTests
{
    private static readonly DateTimeOffset Now = new(2025, 11, 27, 22, 51, 3, TimeSpan.Zero);

    private static readonly (string Key, string Value)[] StoreCorpus =
    [
        ("secVault.enabled", "true"),
        ("keystore.identity.location", @"C:\wso2mi\repository\resources\security\wso2carbon.jks"),
        ("key with spaces", " leading and  inner spaces "),
        ("a=b:c#d!e", "x=y:z#w!v"),
        ("tabs\tand\nlines\r\f", "\t\n\r\f"),
        ("caf\u00e9", "\u20ac \u00ff \u007f \u0001 \uD83D\uDE00"),
        (string.Empty, string.Empty),
        ("#lead", "!lead"),
        ("back\\slash", "\\\\"),
    ];

    [Fact]
    public void Store_writes_the_Java_date_line_in_utc_then_the_entries()
    {
        var bytes = PropertiesWriter.Store([new("secVault.enabled", "true")], Now.ToOffset(TimeSpan.FromHours(5)), "\n");

        Assert.Equal("#Thu Nov 27 22:51:03 UTC 2025\nsecVault.enabled=true\n", Encoding.ASCII.GetString(bytes));
    }

    [Fact]
    public void Store_pads_the_day_of_month_as_Java_does()
    {
        var bytes = PropertiesWriter.Store([], new DateTimeOffset(2024, 2, 4, 1, 2, 3, TimeSpan.Zero), "\r\n");

        Assert.Equal("#Sun Feb 04 01:02:03 UTC 2024\r\n", Encoding.ASCII.GetString(bytes));
    }

    [Theory]
    [InlineData("2025-01-04T01:02:03Z", "Sat Jan 04 01:02:03 UTC 2025")]
    [InlineData("2025-02-05T01:02:03Z", "Wed Feb 05 01:02:03 UTC 2025")]
    [InlineData("2025-03-06T01:02:03Z", "Thu Mar 06 01:02:03 UTC 2025")]
    [InlineData("2025-04-07T01:02:03Z", "Mon Apr 07 01:02:03 UTC 2025")]
    [InlineData("2025-05-08T01:02:03Z", "Thu May 08 01:02:03 UTC 2025")]
    [InlineData("2025-06-09T01:02:03Z", "Mon Jun 09 01:02:03 UTC 2025")]
    [InlineData("2025-07-10T01:02:03Z", "Thu Jul 10 01:02:03 UTC 2025")]
    [InlineData("2025-08-11T01:02:03Z", "Mon Aug 11 01:02:03 UTC 2025")]
    [InlineData("2025-09-12T01:02:03Z", "Fri Sep 12 01:02:03 UTC 2025")]
    [InlineData("2025-10-10T01:02:03Z", "Fri Oct 10 01:02:03 UTC 2025")]
    [InlineData("2025-11-11T01:02:03Z", "Tue Nov 11 01:02:03 UTC 2025")]
    [InlineData("2025-12-12T01:02:03Z", "Fri Dec 12 01:02:03 UTC 2025")]
    public void Store_names_every_month_and_weekday_as_Java_Date_toString(string when, string expected)
    {
        var bytes = PropertiesWriter.Store([], DateTimeOffset.Parse(when, System.Globalization.CultureInfo.InvariantCulture), "\n");

        Assert.Equal("#" + expected + "\n", Encoding.ASCII.GetString(bytes));
    }

    [Fact]
    public void Store_escapes_control_chars_and_every_hex_digit_as_Java_does()
    {
        var text = Encoding.ASCII.GetString(PropertiesWriter.Store([new("k\t\n\r\f", "\t\n\r\f\u1234\uABCD\u0001")], Now, "\n"));

        Assert.Equal("k\\t\\n\\r\\f=\\t\\n\\r\\f\\u1234\\uABCD\\u0001\n", text.Split('\n', 2)[1]);
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Throws<ArgumentNullException>(() => PropertiesWriter.Store(null!, Now, "\n"));
        Assert.Throws<ArgumentNullException>(() => PropertiesWriter.Store([], Now, null!));
        Assert.Throws<ArgumentNullException>("entries", () => PropertiesWriter.Store([new(null!, "v")], Now, "\n"));
        Assert.Throws<ArgumentNullException>("entries", () => PropertiesWriter.Store([new("k", null!)], Now, "\n"));
        Assert.Equal("newLine", Assert.Throws<ArgumentException>(() => PropertiesWriter.Store([], Now, "\n\r")).ParamName);
        Assert.Throws<ArgumentNullException>(() => PropertiesWriter.WriteKeyValueLines(null!));
        Assert.Throws<ArgumentNullException>("entries", () => PropertiesWriter.WriteKeyValueLines([new(null!, "v")]));
        Assert.Throws<ArgumentNullException>("entries", () => PropertiesWriter.WriteKeyValueLines([new("k", null!)]));
        Assert.Throws<ArgumentNullException>("output", () => PropertiesWriter.WriteKeyValueLines(null!, []));
        Assert.Throws<ArgumentNullException>(() => PropertiesWriter.SameExceptDateLine(null!, []));
        Assert.Throws<ArgumentNullException>(() => PropertiesWriter.SameExceptDateLine([], null!));
    }

    [Fact]
    public void WriteKeyValueLines_escapes_a_leading_byte_order_mark_char_in_a_key()
    {
        var bytes = PropertiesWriter.WriteKeyValueLines([new("\uFEFFk", "v")]);

        Assert.Equal("\\uFEFFk = v\n", Encoding.UTF8.GetString(bytes));
    }

    [Theory]
    [InlineData("plain.key-1", "plain.key-1")]
    [InlineData("a b=c:d#e!f\\g", "a\\ b\\=c\\:d\\#e\\!f\\\\g")]
    [InlineData("t\tn\nr\rf\f", "t\\tn\\nr\\rf\\f")]
    [InlineData("\uFEFFk\u00e9\uFEFF", "\\uFEFFk\u00e9\\uFEFF")]
    public void WriteKeyValueLine_escapes_the_key_as_the_line_form_does_and_writes_the_value_bytes_as_they_are(string key, string expectedKey)
    {
        using var output = new MemoryStream();

        PropertiesWriter.WriteKeyValueLine(output, key, "QUJD+/=="u8);

        Assert.Equal(expectedKey + " = QUJD+/==\n", Encoding.UTF8.GetString(output.ToArray()));
        Assert.Equal(output.ToArray(), PropertiesWriter.WriteKeyValueLines([new(key, "QUJD+/==")]));
    }

    [Fact]
    public void WriteKeyValueLine_refuses_a_value_with_a_line_break_and_writes_nothing()
    {
        using var output = new MemoryStream();

        Assert.Equal("utf8Value", Assert.Throws<ArgumentException>(() => PropertiesWriter.WriteKeyValueLine(output, "k", "a\nb"u8)).ParamName);
        Assert.Throws<ArgumentException>(() => PropertiesWriter.WriteKeyValueLine(output, "k", "a\rb"u8));
        Assert.Equal(0, output.Length);
        Assert.Throws<ArgumentNullException>("output", () => PropertiesWriter.WriteKeyValueLine(null!, "k", "v"u8));
        Assert.Throws<ArgumentNullException>("key", () => PropertiesWriter.WriteKeyValueLine(output, null!, "v"u8));
    }

    [Fact]
    public void WriteKeyValueLine_writes_a_key_longer_than_its_stack_buffer_whole()
    {
        using var output = new MemoryStream();
        var key = new string('k', 600) + " " + new string('\u00e9', 300);

        PropertiesWriter.WriteKeyValueLine(output, key, "v"u8);

        Assert.Equal(new string('k', 600) + "\\ " + new string('\u00e9', 300) + " = v\n", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Theory]
    [InlineData(@"C:\wso2mi\x", @"C\:\\wso2mi\\x")]
    [InlineData("a b", "a\\ b")]
    [InlineData("\u00e9", "\\u00E9")]
    public void Store_escapes_keys_as_Java_does(string key, string expected)
    {
        var text = Encoding.ASCII.GetString(PropertiesWriter.Store([new(key, "v")], Now, "\n"));

        Assert.Equal(expected + "=v\n", text.Split('\n', 2)[1]);
    }

    [Theory]
    [InlineData(" a b", "\\ a b")]
    [InlineData("=:#!", "\\=\\:\\#\\!")]
    [InlineData("\u20ac\u007f", "\\u20AC\\u007F")]
    public void Store_escapes_values_as_Java_does(string value, string expected)
    {
        var text = Encoding.ASCII.GetString(PropertiesWriter.Store([new("k", value)], Now, "\n"));

        Assert.Equal("k=" + expected + "\n", text.Split('\n', 2)[1]);
    }

    [SkippableFact]
    public void Store_output_matches_java_util_Properties_byte_for_byte_after_the_date_line()
    {
        Skip.If(!JavaProbe.IsAvailable, "needs a JDK (java) on PATH");

        using var folder = new TempFolder();
        var input = folder.Combine("store.txt");
        File.WriteAllLines(input, StoreCorpus.Select(e => JavaProbe.Hex(e.Key) + " " + JavaProbe.Hex(e.Value)));
        var java = JavaProbe.Run("store", input).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(StoreCorpus.Length, java.Length);
        for (var n = 0; n < StoreCorpus.Length; n++)
        {
            var ours = PropertiesWriter.Store([new(StoreCorpus[n].Key, StoreCorpus[n].Value)], Now, "\n");
            var entryLine = Encoding.Latin1.GetString(ours).Split('\n', 2)[1];
            Assert.Equal((n, JavaProbe.Unhex(java[n])), (n, entryLine));
        }
    }

    [Fact]
    public void Store_output_reads_back_to_the_same_entries()
    {
        Gen.Select(Gen.String, Gen.String).Array[0, 6].Sample(entries =>
        {
            var bytes = PropertiesWriter.Store(entries.Select(e => KeyValuePair.Create(e.Item1, e.Item2)), Now, "\n");

            var read = PropertiesReader.ReadIso88591(new MemoryStream(bytes), "f");

            Assert.Equal(entries.Select(e => (e.Item1, e.Item2)), read.Select(e => (e.Key, e.Value)));
        }, threads: 1);
    }

    [Fact]
    public void WriteKeyValueLines_writes_key_space_equals_space_value_lines()
    {
        var bytes = PropertiesWriter.WriteKeyValueLines([new("db_password", "eKAL+/Q=="), new("admin pass", "Tln6==")]);

        Assert.Equal("db_password = eKAL+/Q==\nadmin\\ pass = Tln6==\n", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void WriteKeyValueLines_escapes_separators_and_controls_in_keys()
    {
        var bytes = PropertiesWriter.WriteKeyValueLines([new("a\\b=c:d#e!f\tg\nh\ri\fj", "v")]);

        Assert.Equal("a\\\\b\\=c\\:d\\#e\\!f\\tg\\nh\\ri\\fj = v\n", Encoding.UTF8.GetString(bytes));
    }

    [Theory]
    [InlineData("a\nb")]
    [InlineData("a\rb")]
    public void WriteKeyValueLines_refuses_a_value_with_a_line_break(string value)
    {
        var e = Assert.Throws<ArgumentException>("entries", () => PropertiesWriter.WriteKeyValueLines([new("k", value)]));

        Assert.StartsWith("A value written verbatim must not hold a line break.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteKeyValueLines_writes_at_the_stream_position_and_leaves_the_stream_open()
    {
        using var output = new MemoryStream();
        output.Write("# head\n"u8);

        PropertiesWriter.WriteKeyValueLines(output, [new("k", "v")]);
        output.Write("# tail\n"u8);

        Assert.Equal("# head\nk = v\n# tail\n", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public void Store_names_the_allowed_line_separators_when_given_another()
    {
        var e = Assert.Throws<ArgumentException>("newLine", () => PropertiesWriter.Store([], Now, "\n\n"));

        Assert.StartsWith("The line separator must be LF, CRLF or CR.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteKeyValueLines_output_reads_back_to_the_same_aliases_and_ciphertexts()
    {
        var base64 = Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="];
        Gen.Select(Gen.String, Gen.String[base64, 1, 40]).Array[0, 6].Sample(entries =>
        {
            var bytes = PropertiesWriter.WriteKeyValueLines(entries.Select(e => KeyValuePair.Create(e.Item1, e.Item2)));

            var read = PropertiesReader.ReadUtf8(new MemoryStream(bytes), "f");

            Assert.Equal(entries.Select(e => (e.Item1, e.Item2)), read.Select(e => (e.Key, e.Value)));
        }, threads: 1);
    }

    [Fact]
    public void SameExceptDateLine_ignores_only_the_first_comment_line()
    {
        var a = PropertiesWriter.Store([new("k", "v")], Now, "\n");
        var b = PropertiesWriter.Store([new("k", "v")], Now.AddDays(3), "\n");
        var c = PropertiesWriter.Store([new("k", "w")], Now, "\n");

        Assert.True(PropertiesWriter.SameExceptDateLine(a, b));
        Assert.False(PropertiesWriter.SameExceptDateLine(a, c));
        Assert.False(PropertiesWriter.SameExceptDateLine("k=v\n"u8.ToArray(), a));
        Assert.True(PropertiesWriter.SameExceptDateLine("k=v\n"u8.ToArray(), "k=v\n"u8.ToArray()));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r")]
    [InlineData("\r\n")]
    public void SameExceptDateLine_ends_the_date_line_at_LF_CR_or_CRLF(string newLine)
    {
        var a = PropertiesWriter.Store([new("k", "v")], Now, newLine);
        var b = PropertiesWriter.Store([new("k", "v")], Now.AddSeconds(1), newLine);
        var c = PropertiesWriter.Store([new("k", "w")], Now.AddSeconds(1), newLine);

        Assert.True(PropertiesWriter.SameExceptDateLine(a, b));
        Assert.False(PropertiesWriter.SameExceptDateLine(a, c));
    }

    [Theory]
    [InlineData("#one\r\nk=v", "#two\rk=v", true)]
    [InlineData("#one\r\nk=v", "#two\nk=v", true)]
    [InlineData("#one\r\nk=v", "#two\n\nk=v", false)]
    [InlineData("#one\r\r\nk=v", "#two\r\nk=v", false)]
    [InlineData("#one\n\rk=v", "#two\nk=v", false)]
    [InlineData("#one\r", "#two\r\n", true)]
    [InlineData("#one\r", "#two", true)]
    [InlineData("#one\r", "#two\r\r", false)]
    [InlineData("", "#two\n", false)]
    [InlineData("", "", true)]
    [InlineData("k=v\nx=1", "k=w\nx=1", false)]
    public void SameExceptDateLine_treats_CRLF_as_one_line_break_and_a_blank_line_after_it_as_content(string a, string b, bool same)
    {
        Assert.Equal(same, PropertiesWriter.SameExceptDateLine(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b)));
        Assert.Equal(same, PropertiesWriter.SameExceptDateLine(Encoding.ASCII.GetBytes(b), Encoding.ASCII.GetBytes(a)));
    }
}
