using System.Text;
using CsCheck;
using SecVault.Testing;
using SecVault.Toml;

namespace SecVault.Tests.Fuzzing;

public sealed class DeploymentTomlFuzzTests
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
        FuzzInputs.RandomBytes.Sample(input => { _ = FuzzInvariants.CheckToml(input); }, iter: 3000, print: FuzzInputs.Print);
    }

    [Fact]
    public void Token_soup_keeps_the_parse_and_rewrite_invariants()
    {
        var accepted = SecretsSoup.CountAccepted(FuzzInvariants.CheckToml, iter: 6000);

        Assert.True(accepted > 0, "no token-soup document had a [secrets] string to rewrite");
    }

    [Fact]
    public void Mutated_corpus_files_change_only_the_rewritten_literals()
    {
        var accepted = FuzzInputs.MutatedSeeds("toml", Tokens).CountAccepted(FuzzInvariants.CheckToml, iter: 8000);

        Assert.True(accepted > 100, $"only {accepted} mutated documents were rewritten");
    }

    [Theory]
    [InlineData("toml-escape-at-eof-key.toml", 1, 3)]
    [InlineData("toml-unicode-escape-at-eof.toml", 1, 10)]
    [InlineData("toml-multiline-escape-at-eof.toml", 1, 9)]
    public void A_string_escape_cut_off_by_the_end_of_the_file_is_a_syntax_error_at_the_end(string finding, int line, int column)
    {
        var input = File.ReadAllBytes(Path.Combine(Repo.Root, "fuzz", "findings-minimized", finding));

        var error = Assert.Throws<TomlDocumentException>(() => DeploymentToml.Parse(input, "deployment.toml"));

        Assert.Equal((TomlErrorKind.Syntax, line, column), (error.Kind, error.Line, error.Column));
        Assert.StartsWith($"deployment.toml:{line}:{column}: ", error.Message, StringComparison.Ordinal);
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
