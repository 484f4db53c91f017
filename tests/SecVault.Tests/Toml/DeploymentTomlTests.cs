using System.Globalization;
using System.Text;
using SecVault.Toml;

namespace SecVault.Tests.Toml;

public sealed partial class DeploymentTomlTests
{
    private static DeploymentToml Parse(string text) => DeploymentToml.Parse(Encoding.UTF8.GetBytes(text), "conf/deployment.toml");

    private static string Rewrite(string text, Func<DeploymentToml, IEnumerable<LiteralReplacement>> replacements)
    {
        var toml = Parse(text);
        return Encoding.UTF8.GetString(toml.Rewrite(replacements(toml)));
    }

    [Fact]
    public void Parse_reports_malformed_toml_with_line_and_column()
    {
        var e = Assert.Throws<TomlDocumentException>(() => Parse("[server]\nhostname = \"localhost\"\nport = = 1\n"));

        Assert.Equal(TomlErrorKind.Syntax, e.Kind);
        Assert.Equal("conf/deployment.toml", e.Path);
        Assert.Equal(3, e.Line);
        Assert.True(e.Column > 1);
        Assert.StartsWith($"conf/deployment.toml:3:{e.Column}: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_reports_an_unterminated_string_without_quoting_its_text()
    {
        var e = Assert.Throws<TomlDocumentException>(() => Parse("[secrets]\ndb = \"[topsecretvalue]\ny = 1\n"));

        Assert.Equal(2, e.Line);
        Assert.DoesNotContain("topsecretvalue", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_does_not_quote_an_unquoted_secret_in_the_error()
    {
        var e = Assert.Throws<TomlDocumentException>(() => Parse("[secrets]\ndb = hunter2secret\n"));

        Assert.Equal(2, e.Line);
        Assert.DoesNotContain("hunter2secret", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[secrets]\na = s3cretvalue\n")]
    [InlineData("[secrets]\na = \"s3cret\" \"value\"\n")]
    [InlineData("[secrets]\na = \"s3cret\\qvalue\"\n")]
    [InlineData("[secrets]\na = 1979-05-27Ts3cret\n")]
    [InlineData("[secrets]\na = [\"s3cretvalue\"\n")]
    public void Parse_errors_never_quote_source_text(string text)
    {
        var e = Assert.Throws<TomlDocumentException>(() => Parse(text));

        Assert.InRange(e.Line, 2, 3);
        foreach (var fragment in new[] { "s3", "cret", "`s`", "[q]" })
        {
            Assert.DoesNotContain(fragment, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Parse_reports_a_duplicate_key_with_both_positions_and_without_the_value()
    {
        var e = Assert.Throws<TomlDocumentException>(() => Parse("[secrets]\ndb = \"[first-secret]\"\ndb = \"[second]\"\n"));

        Assert.Equal(TomlErrorKind.DuplicateKey, e.Kind);
        Assert.Equal(3, e.Line);
        Assert.Equal("conf/deployment.toml:3:1: key 'secrets.db' is defined twice (first at 2:1)", e.Message);
        Assert.DoesNotContain("first-secret", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_accepts_a_hundred_thousand_distinct_keys_whose_hash_codes_may_collide()
    {
        // Tomlyn's validator compares key paths by hash code; at this size two distinct keys collide in most runs
        // (the birthday bound for 32-bit hashes), which Tomlyn alone reports as a key defined twice.
        var text = new StringBuilder("[secrets]\n");
        for (var i = 0; i < 100_000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"alias{i:D6} = \"[v{i}]\"\n");
        }

        var document = DeploymentToml.Parse(Encoding.UTF8.GetBytes(text.ToString()), "conf/deployment.toml");

        Assert.Equal(100_000, document.Secrets.Count);
        Assert.Equal(100_000, document.Secrets.Select(s => s.Alias).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Parse_accepts_large_inline_tables_in_an_array_of_tables_whose_hash_codes_may_collide()
    {
        // 300,000 keys: Tomlyn reports about ten colliding pairs in a run, named the way it names keys of an array
        // of tables (datasource.props.k… for the first element, datasource.[1].props.k… for the second).
        var text = new StringBuilder();
        for (var element = 0; element < 2; element++)
        {
            text.Append("[[datasource]]\nprops = { ");
            for (var i = 0; i < 150_000; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"k{i:D6} = {i}, ");
            }

            text.Append("last = 0 }\n");
        }

        var document = DeploymentToml.Parse(Encoding.UTF8.GetBytes(text.ToString()), "conf/deployment.toml");

        Assert.Equal(300_002, document.Leaves.Count);
        Assert.Equal("datasource.1.props.k149999", document.Leaves[^2].DottedPath);
    }

    [Theory]
    [InlineData("[[datasource]]\nprops = { a = 1, b = 2, a = 3 }\n", "datasource[0].props.a", 2)]
    [InlineData("[[datasource]]\nid = 0\n[[datasource]]\nprops = { a = 1, b = 2, a = 3 }\n", "datasource[1].props.a", 4)]
    public void A_real_duplicate_in_an_inline_table_of_an_array_of_tables_is_still_reported(string toml, string key, int line)
    {
        var e = Assert.Throws<TomlDocumentException>(() => Parse(toml));

        Assert.Equal(TomlErrorKind.DuplicateKey, e.Kind);
        Assert.Contains($"key '{key}' is defined twice (first at {line}:11)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_real_duplicate_among_many_keys_is_still_reported()
    {
        var text = new StringBuilder("[secrets]\n");
        for (var i = 0; i < 20_000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"alias{i:D6} = \"[v{i}]\"\n");
        }

        text.Append("alias000042 = \"[again]\"\n");
        var e = Assert.Throws<TomlDocumentException>(() => DeploymentToml.Parse(Encoding.UTF8.GetBytes(text.ToString()), "conf/deployment.toml"));

        Assert.Equal(TomlErrorKind.DuplicateKey, e.Kind);
        Assert.Contains("key 'secrets.alias000042' is defined twice (first at 44:1)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_reports_a_duplicate_table()
    {
        var e = Assert.Throws<TomlDocumentException>(() => Parse("[secrets]\na = \"x\"\n[server]\n[secrets]\nb = \"y\"\n"));

        Assert.Equal(TomlErrorKind.DuplicateKey, e.Kind);
        Assert.Equal(4, e.Line);
    }

    [Fact]
    public void Parse_reports_invalid_utf8_naming_the_line()
    {
        var bytes = Encoding.UTF8.GetBytes("[server]\nname = \"é\"\nbad = \"x\"\n");
        var index = Array.IndexOf(bytes, (byte)'x');
        bytes[index] = 0xFF;

        var e = Assert.Throws<TomlDocumentException>(() => DeploymentToml.Parse(bytes, "conf/deployment.toml"));

        Assert.Equal(TomlErrorKind.InvalidUtf8, e.Kind);
        Assert.Equal(3, e.Line);
        Assert.Equal(8, e.Column);
        Assert.Equal("conf/deployment.toml:3:8: the file is not valid UTF-8", e.Message);
        Assert.NotNull(e.Hint);
    }

    [Fact]
    public void Parse_refuses_a_file_over_the_size_limit_before_parsing()
    {
        var e = Assert.Throws<TomlDocumentException>(() => DeploymentToml.Parse(new byte[100], "conf/deployment.toml", maxFileBytes: 99));

        Assert.Equal(TomlErrorKind.FileTooLarge, e.Kind);
        Assert.Equal(0, e.Line);
        Assert.Contains("100 bytes", e.Message, StringComparison.Ordinal);
        Assert.Throws<TomlDocumentException>(() => DeploymentToml.ThrowIfTooLarge(DeploymentToml.DefaultMaxFileBytes + 1, "x"));
    }

    [Fact]
    public void Parse_refuses_a_secret_literal_over_one_mebibyte_naming_alias_and_line()
    {
        var big = new string('A', DeploymentToml.MaxSecretLiteralBytes);
        var e = Assert.Throws<TomlDocumentException>(() => Parse($"[server]\nx = 1\n[secrets]\nhuge = \"{big}\"\n"));

        Assert.Equal(TomlErrorKind.SecretTooLarge, e.Kind);
        Assert.Equal("huge", e.Alias);
        Assert.Equal(4, e.Line);
        Assert.Contains("'huge'", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AAAA", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_accepts_a_large_string_outside_secrets()
    {
        var big = new string('A', DeploymentToml.MaxSecretLiteralBytes + 10);

        var toml = Parse($"[server]\nbanner = \"{big}\"\n");

        Assert.Equal(big, toml.GetString("server", "banner"));
    }

    [Fact]
    public void Secrets_of_a_sub_table_and_dotted_keys_are_dotted_aliases()
    {
        var toml = Parse("secrets.a.b = \"[x]\"\n[secrets.sub]\nc = 'y'\n");

        Assert.Equal(["a.b", "sub.c"], toml.Secrets.Select(s => s.Alias));
        Assert.All(toml.Secrets, s => Assert.True(s.IsDotted));
    }

    [Fact]
    public void Secrets_reports_position_and_kind_of_a_non_string_value()
    {
        var toml = Parse("[secrets]\nport   = 8080\n");

        var entry = Assert.Single(toml.Secrets);
        Assert.Equal(SecretClass.Invalid, entry.Class);
        Assert.Equal("integer", entry.ValueKind);
        Assert.Null(entry.Value);
        Assert.Null(entry.PlainText);
        Assert.Equal((2, 10), (entry.Line, entry.Column));
    }

    [Fact]
    public void Secrets_in_an_inline_table_below_secrets_are_expanded()
    {
        var toml = Parse("[secrets]\ngroup = { a = \"[1]\", b = 2 }\n");

        Assert.Equal([("group.a", SecretClass.Plain), ("group.b", SecretClass.Invalid)], toml.Secrets.Select(s => (s.Alias, s.Class)));
    }

    [Fact]
    public void HasSecretsTable_is_false_when_secrets_is_a_plain_value()
    {
        var toml = Parse("secrets = \"not a table\"\n");

        Assert.False(toml.HasSecretsTable);
        Assert.Empty(toml.Secrets);
    }

    [Fact]
    public void Leaves_use_the_configuration_key_mapping_of_the_runtime_spec()
    {
        var toml = Parse("""
            ports = [8290, 8253]
            [keystore.tls]
            password = "$secret{tls}"
            [system.parameter]
            "org.wso2.CipherTransformation" = "RSA"
            [[datasource]]
            id = "x"
            [[datasource]]
            id = "y"
            [[datasource.props]]
            k = { deep = [true, 1.5] }
            """);

        Assert.Equal(
            [
                ("ports:0", "8290"), ("ports:1", "8253"), ("keystore:tls:password", "$secret{tls}"),
                ("system:parameter:org.wso2.CipherTransformation", "RSA"), ("datasource:0:id", "x"), ("datasource:1:id", "y"),
                ("datasource:1:props:0:k:deep:0", "true"), ("datasource:1:props:0:k:deep:1", "1.5"),
            ],
            toml.Leaves.Select(l => (l.ConfigurationKey, l.ConfigurationValue)));
    }

    [Fact]
    public void Leaves_mark_values_inside_secrets()
    {
        var toml = Parse("a = \"$secret{x}\"\n[secrets]\nx = \"[y]\"\n");

        Assert.Equal([false, true], toml.Leaves.Select(l => l.InSecrets));
    }

    [Fact]
    public void GetString_finds_a_key_of_a_nested_table_with_its_position()
    {
        var toml = Parse("[keystore.internal]\nfile_name = \"a.jks\"\ntype = 5\n");

        Assert.Equal("a.jks", toml.GetString("keystore.internal", "file_name"));
        Assert.Null(toml.GetString("keystore.internal", "type"));
        Assert.Null(toml.GetString("keystore.primary", "file_name"));
        var leaf = toml.GetLeaf("keystore.internal", "type");
        Assert.NotNull(leaf);
        Assert.Equal((TomlValueKind.Integer, 3, 8), (leaf.Kind, leaf.Line, leaf.Column));
    }

    [Fact]
    public void Rewrite_keeps_a_literal_string_literal_when_it_can()
    {
        var output = Rewrite("[secrets]\na = '[x]'  # c\n", t => [new(t.Secrets[0].LiteralSpan, "abc+/=", ReplacementStyle.KeepQuoting)]);

        Assert.Equal("[secrets]\na = 'abc+/='  # c\n", output);
    }

    [Fact]
    public void Rewrite_falls_back_to_a_basic_string_when_a_literal_string_cannot_hold_the_value()
    {
        var output = Rewrite("[secrets]\na = '[x]'\n", t => [new(t.Secrets[0].LiteralSpan, "it's", ReplacementStyle.KeepQuoting)]);

        Assert.Equal("[secrets]\na = \"it's\"\n", output);
    }

    [Fact]
    public void Rewrite_writes_a_multi_line_literal_as_a_one_line_basic_string()
    {
        var output = Rewrite("[secrets]\na = '''\n[x]\n'''\nb = \"\"\"[y]\"\"\" # z\n", t => t.Secrets.Select(s => new LiteralReplacement(s.LiteralSpan, "C", ReplacementStyle.KeepQuoting)));

        Assert.Equal("[secrets]\na = \"C\"\nb = \"C\" # z\n", output);
    }

    [Fact]
    public void Rewrite_as_basic_string_escapes_per_toml()
    {
        var output = Rewrite("x = 'old'\n", t => [new(t.Leaves[0].LiteralSpan, "q\"b\\t\tn\n\u0001é", ReplacementStyle.BasicString)]);

        Assert.Equal("x = \"q\\\"b\\\\t\\tn\\n\\u0001é\"\n", output);
        Assert.Equal("q\"b\\t\tn\n\u0001é", Parse(output).GetString(string.Empty, "x"));
    }

    [Fact]
    public void Rewrite_rejects_overlapping_or_foreign_spans()
    {
        var toml = Parse("[secrets]\na = \"[x]\"\nb = 1\n");
        var span = toml.Secrets[0].LiteralSpan;

        Assert.Throws<ArgumentException>(() => toml.Rewrite([new(span, "1", ReplacementStyle.KeepQuoting), new(span, "2", ReplacementStyle.KeepQuoting)]));
        Assert.Throws<ArgumentException>(() => toml.Rewrite([new(new TomlSpan(span.Start + 1, 2), "1", ReplacementStyle.KeepQuoting)]));
        Assert.Throws<ArgumentException>(() => toml.Rewrite([new(toml.Secrets[1].LiteralSpan, "1", ReplacementStyle.KeepQuoting)]));
    }

    [Fact]
    public void A_streamed_rewrite_takes_replacements_in_file_order_only_and_sorts_nothing()
    {
        var toml = Parse("[secrets]\na = \"[x]\" # keep\r\nb = '[y]'\nc = \"\"\"[z]\"\"\"\nd = '''[w]'''\n");
        var spans = Enumerable.Range(0, 4).Select(i => toml.Secrets[i].LiteralSpan).ToArray();

        using var inOrder = new MemoryStream();
        toml.WriteRewritten(inOrder, literals =>
        {
            literals.Replace(spans[0], "A+/="u8, ReplacementStyle.KeepQuoting);
            literals.Replace(spans[1], "B"u8, ReplacementStyle.KeepQuoting);
            literals.Replace(spans[2], "C"u8, ReplacementStyle.KeepQuoting);
            literals.Replace(spans[3], "D"u8, ReplacementStyle.KeepQuoting);
        });
        Assert.Equal("[secrets]\na = \"A+/=\" # keep\r\nb = 'B'\nc = \"C\"\nd = \"D\"\n", Encoding.UTF8.GetString(inOrder.ToArray()));

        // The same bytes as Rewrite, which sorts what it is given; the streamed form cannot look ahead, so it refuses a
        // span before the last one, and one that is not a string literal.
        Assert.Equal(inOrder.ToArray(), toml.Rewrite(
            [.. new[] { "D", "C", "B", "A+/=" }.Select((v, i) => new LiteralReplacement(spans[3 - i], v, ReplacementStyle.KeepQuoting))]));
        var e = Assert.Throws<ArgumentException>(() => toml.WriteRewritten(Stream.Null, literals =>
        {
            literals.Replace(spans[1], "B"u8, ReplacementStyle.KeepQuoting);
            literals.Replace(spans[0], "A"u8, ReplacementStyle.KeepQuoting);
        }));
        Assert.Contains("comes before it", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => toml.WriteRewritten(Stream.Null, literals => literals.Replace(new TomlSpan(spans[0].Start + 1, 2), "A"u8, ReplacementStyle.KeepQuoting)));
    }

    [Theory]
    [InlineData("a\"b")]
    [InlineData("a'b")]
    [InlineData("a\\b")]
    [InlineData("a\u0001b")]
    [InlineData("\u00e9")]
    [InlineData("a\u007fb")]
    public void A_streamed_replacement_from_bytes_takes_only_printable_ascii_without_quotes_or_backslashes(string value)
    {
        var toml = Parse("[secrets]\na = '[x]'\n");

        var e = Assert.Throws<ArgumentException>(() => toml.WriteRewritten(Stream.Null, literals => literals.Replace(toml.Secrets[0].LiteralSpan, Encoding.UTF8.GetBytes(value), ReplacementStyle.KeepQuoting)));

        Assert.Equal("value", e.ParamName);
    }

    [Fact]
    public void A_streamed_replacement_in_basic_style_writes_a_basic_string_even_over_a_literal_one()
    {
        var toml = Parse("[secrets]\na = '[x]'\n");
        using var output = new MemoryStream();

        toml.WriteRewritten(output, literals => literals.Replace(toml.Secrets[0].LiteralSpan, " ~z"u8, ReplacementStyle.BasicString));

        Assert.Equal("[secrets]\na = \" ~z\"\n", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public void Rewrite_with_no_replacements_returns_the_original_bytes()
    {
        var bytes = TomlCorpus.Read("mixed-line-endings.toml");

        Assert.Equal(bytes, DeploymentToml.Parse(bytes, "x").Rewrite([]));
    }

    [Fact]
    public void Rewrite_replaces_placeholder_strings_inside_arrays_and_inline_tables()
    {
        var output = Rewrite(
            "list = [\"$env{A}\", 'keep']\nt = { p = \"$secret{b}\" } # end\n",
            t => t.Leaves.Where(l => l.StringValue!.Contains('$', StringComparison.Ordinal)).Select(l => new LiteralReplacement(l.LiteralSpan, "v", ReplacementStyle.BasicString)));

        Assert.Equal("list = [\"v\", 'keep']\nt = { p = \"v\" } # end\n", output);
    }

    [Fact]
    public void Positions_on_one_long_line_are_the_same_in_any_order_of_asking()
    {
        var toml = Parse("secrets = { a = \"[1]\", \"é\" = \"[2]\", c = 3 }\n");

        // Columns count characters: 'é' is two bytes but one column.
        Assert.Equal([(1, 17), (1, 30), (1, 41)], toml.Secrets.Select(s => (s.Line, s.Column)));
        Assert.Equal([(1, 41), (1, 30), (1, 17)], Enumerable.Range(0, 3).Reverse().Select(i => (toml.Leaves[i].Line, toml.Leaves[i].Column)));
    }

    [Fact]
    public void Values_under_a_deep_header_carry_the_whole_path()
    {
        var header = string.Join('.', Enumerable.Range(0, 100).Select(i => $"t{i}"));
        var text = new StringBuilder($"[secrets.{header}]\n");
        for (var i = 0; i < 2000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"k{i} = \"[v]\"\n");
        }

        var toml = Parse(text.ToString());

        Assert.Equal(2000, toml.Secrets.Count);
        Assert.Equal(header + ".k1999", toml.Secrets[^1].Alias);
        Assert.Equal(102, toml.Leaves[0].PathSegments.Count);
        Assert.Equal(["secrets", "t0"], toml.Leaves[1].PathSegments.Take(2));
    }

    [Fact]
    public void A_header_deeper_than_the_limit_and_an_alias_longer_than_the_limit_are_refused_with_their_line()
    {
        var deep = string.Join('.', Enumerable.Range(0, 200).Select(i => $"t{i}"));
        var tooDeep = Assert.Throws<TomlDocumentException>(() => Parse($"a = 1\n[{deep}]\nk = 1\n"));
        Assert.Equal(2, tooDeep.Line);
        Assert.Contains("deeper than 128 levels", tooDeep.Message, StringComparison.Ordinal);

        var longKey = new string('k', 1100);
        var tooLong = Assert.Throws<TomlDocumentException>(() => Parse($"[secrets]\nok = \"[1]\"\n{longKey} = \"[2]\"\n"));
        Assert.Equal(3, tooLong.Line);
        Assert.Contains("1100 characters, over the limit of 1024", tooLong.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("kkkk", tooLong.Message, StringComparison.Ordinal);
    }
}
