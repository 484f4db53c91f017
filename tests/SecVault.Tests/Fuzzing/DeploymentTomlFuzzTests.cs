using System.Text;
using CsCheck;
using SecVault.Testing;
using SecVault.Toml;
using Xunit.Abstractions;

namespace SecVault.Tests.Fuzzing;

public sealed class DeploymentTomlFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] Tokens =
    [
        "[secrets]\n", "[secrets.sub]\n", "secrets.", "[[a]]\n", "[", "]", "{", "}", ",", "=", " = ", ".", "\n", "\r\n", "\r", " ", "\t",
        "\"", "'", "\"\"\"", "'''", "\\", "\\u", "\\U", "\\n", "\\u00e9", "#", "# c\n", "a", "k", "\"[x]\"", "'[y]'", "\"$env{E}\"",
        "{ k = \"[v]\" }", "[1, \"2\"]", "1979-05-27", "true", "1.5", "\uFEFF", "é", "😀", "\0",
        "\na = \"[x]\"\n", "\nb = 'y'\n", "\nc.d = \"\"\"\n[z]\"\"\"\n", "\ne = { f = \"[g]\", h = 'i' }\n", "\n\"q k\" = '''[w]\n'''\n",
    ];

    private static readonly Gen<byte[]> SecretsSoup = FuzzInputs.TokenSoup(Tokens, 12).Select(soup => (byte[])[.. "[secrets]"u8, .. soup]);

    [Fact]
    public void Random_bytes_parse_or_fail_with_a_toml_document_exception()
    {
        FuzzInputs.RandomBytes.Sample(input => { _ = FuzzInvariants.CheckToml(input); }, iter: 3000, print: FuzzInputs.Print, threads: 1);
    }

    [Fact]
    public void Token_soup_keeps_the_parse_and_rewrite_invariants()
    {
        var accepted = SecretsSoup.CountAccepted(FuzzInvariants.CheckToml, iter: 6000);

        // About 1.4% parse with a string to rewrite (82 of 6000 measured); below 40 the soup tests only the error path.
        output.WriteLine($"token soup: {accepted} of 6000 accepted and rewritten");
        Assert.True(accepted >= 40, $"only {accepted} of 6000 token-soup documents had a [secrets] string to rewrite");
    }

    [Fact]
    public void Mutated_corpus_files_change_only_the_rewritten_literals()
    {
        var accepted = FuzzInputs.MutatedSeeds("toml", Tokens).CountAccepted(FuzzInvariants.CheckToml, iter: 8000);

        Assert.True(accepted > 100, $"only {accepted} mutated documents were rewritten");
    }

    /// <summary>One generated [secrets] entry: its alias, marker text, quote, trailing comment and whether it is edited.</summary>
    private sealed record GeneratedSecret(string Alias, string Text, char Quote, string Comment, bool Edit);

    private static readonly Gen<GeneratedSecret[]> GeneratedSecrets = Gen.Select(
            Gen.String[Gen.Char["abcxyz019_-"], 1, 10],
            Gen.String[Gen.Char["abc XYZ 019 _-.:/=+#{}$é密"], 1, 30],
            Gen.Bool,
            Gen.OneOf(Gen.Const(""), Gen.Const("  # note"), Gen.Const(" #[x]"), Gen.Const("\t# é")),
            Gen.Bool)
        .Array[1, 12]
        .Select(entries => entries
            .Select((e, i) => new GeneratedSecret($"a{i}_" + e.Item1, e.Item2.Replace("$", "S", StringComparison.Ordinal), e.Item3 ? '"' : '\'', e.Item4, e.Item5))
            .ToArray());

    [Fact]
    public void Generated_valid_files_give_every_marker_back_and_an_edit_changes_only_the_edited_literals()
    {
        // The file is built from parts, so the expected parse and the expected edit come from the parts, not from the parser.
        var edited = 0;
        Gen.Select(GeneratedSecrets, Gen.Bool, Gen.Bool).Sample((secrets, crlf, bom) =>
        {
            var newline = crlf ? "\r\n" : "\n";
            string Build(bool applyEdits)
            {
                var text = new StringBuilder(bom ? "\uFEFF" : "").Append("# generated").Append(newline)
                    .Append("[server]").Append(newline).Append("hostname = \"localhost\"").Append(newline).Append(newline)
                    .Append("[secrets]").Append(newline);
                foreach (var secret in secrets)
                {
                    var literal = applyEdits && secret.Edit ? FuzzInvariants.FixedCiphertext : "[" + secret.Text + "]";
                    text.Append(secret.Alias).Append(" = ").Append(secret.Quote).Append(literal).Append(secret.Quote).Append(secret.Comment).Append(newline);
                }

                text.Append(newline).Append("[[datasource]]").Append(newline).Append("password = \"$secret{a0_x}\"").Append(newline);
                return text.ToString();
            }

            var input = Encoding.UTF8.GetBytes(Build(applyEdits: false));
            var toml = DeploymentToml.Parse(input, "generated.toml");

            Assert.Equal(secrets.Select(x => (x.Alias, SecretClass.Plain, (string?)x.Text)), toml.Secrets.Select(x => (x.Alias, x.Class, x.PlainText)));
            var edits = toml.Secrets.Zip(secrets).Where(p => p.Second.Edit)
                .Select(p => new LiteralReplacement(p.First.LiteralSpan, FuzzInvariants.FixedCiphertext, ReplacementStyle.KeepQuoting));
            var output = toml.Rewrite([.. edits]);
            Assert.Equal(Build(applyEdits: true), Encoding.UTF8.GetString(output));
            Interlocked.Add(ref edited, secrets.Count(x => x.Edit));
        }, iter: 500, threads: 1);

        Assert.True(edited > 100, $"only {edited} literals were edited");
    }

    [Theory]
    [InlineData("toml-escape-at-eof-key.toml", 1, 2)]
    [InlineData("toml-unicode-escape-at-eof.toml", 1, 6)]
    [InlineData("toml-multiline-escape-at-eof.toml", 1, 8)]
    public void A_string_escape_cut_off_by_the_end_of_the_file_is_a_syntax_error_at_its_backslash(string finding, int line, int column)
    {
        var input = File.ReadAllBytes(Path.Combine(Repo.Root, "fuzz", "findings-minimized", finding));

        var error = Assert.Throws<TomlDocumentException>(() => DeploymentToml.Parse(input, "deployment.toml"));

        Assert.Equal((TomlErrorKind.Syntax, line, column), (error.Kind, error.Line, error.Column));
        Assert.StartsWith($"deployment.toml:{line}:{column}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_with_two_byte_order_marks_rewrites_only_the_literal_and_keeps_both_marks()
    {
        var input = File.ReadAllBytes(Path.Combine(Repo.Root, "fuzz", "findings-minimized", "toml-two-byte-order-marks.toml"));
        var toml = DeploymentToml.Parse(input, "deployment.toml");

        var output = toml.Rewrite([new(toml.Secrets.Single().LiteralSpan, "CIPHER", ReplacementStyle.KeepQuoting)]);

        Assert.Equal("\uFEFF\uFEFF[secrets]\na = \"CIPHER\"\n", Encoding.UTF8.GetString(output));
        Assert.True(FuzzInvariants.CheckToml(input));
    }

    [Fact]
    public void A_cut_off_escape_after_a_secret_does_not_echo_the_secret()
    {
        var input = Encoding.UTF8.GetBytes("[secrets]\nkey = \"[hunter2]\"\nnext = \"hunter2\\u12");

        var error = Assert.Throws<TomlDocumentException>(() => DeploymentToml.Parse(input, "deployment.toml"));

        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, error.Line);
    }
}
