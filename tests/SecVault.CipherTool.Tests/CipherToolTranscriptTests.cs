using SecVault.Testing;

namespace SecVault.CipherTool.Tests;

/// <summary>
/// Golden transcripts of ciphertool's common paths with standard error redirected and on a terminal: the level words
/// are coloured only on a terminal without NO_COLOR; informational lines never are.
/// </summary>
public sealed class CipherToolTranscriptTests
{
    private const string Toml = "[keystore.primary]\npassword = \"$secret{db}\"\n[secrets]\ndb = \"[s3cr3t-db]\"\n";

    private static ToolResult Run(bool terminal, IReadOnlyDictionary<string, string>? environment, string folder, string stdin, params string[] args) =>
        Tool.Run(new TestConsole(stdin, errorTerminal: terminal), environment, folder, args);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Configure_reports_in_plain_informational_lines_on_a_terminal_too(bool terminal)
    {
        using var home = new TempMiHome(Toml);

        var result = Run(terminal, null, home.Path, Tool.Password + "\n", "-Dcarbon.home=" + home.Path, "-Dpassword.stdin", "-Dconfigure");

        Assert.Equal(0, result.Exit);
        Assert.Equal(string.Empty, result.Out);
        Assert.Equal(
            $"ciphertool: using the MI home {home.Path} (from the command line)\n"
            + "ciphertool: using the default keystore repository/resources/security/wso2carbon.jks (JKS, alias wso2carbon)\n"
            + "ciphertool: encrypted 1 secret (db); 0 already encrypted; 0 dynamic\n",
            result.Err);
    }

    [Fact]
    public void A_usage_error_is_plain_when_redirected_and_coloured_on_a_terminal_unless_NO_COLOR()
    {
        using var home = new TempMiHome(Toml);

        var redirected = Run(false, null, home.Path, string.Empty, "-Dno.such.option");
        var terminal = Run(true, null, home.Path, string.Empty, "-Dno.such.option");
        var noColor = Run(true, new Dictionary<string, string> { ["NO_COLOR"] = "1" }, home.Path, string.Empty, "-Dno.such.option");

        Assert.Equal(2, redirected.Exit);
        Assert.StartsWith("ciphertool: error: ", redirected.Err, StringComparison.Ordinal);
        Assert.Contains("\nciphertool: hint: ", redirected.Err, StringComparison.Ordinal);
        Assert.Equal(
            redirected.Err.Replace("ciphertool: error: ", "ciphertool: \u001b[1;31merror:\u001b[0m ", StringComparison.Ordinal)
                .Replace("ciphertool: hint: ", "ciphertool: \u001b[1;36mhint:\u001b[0m ", StringComparison.Ordinal),
            terminal.Err);
        Assert.Equal(redirected, noColor);
    }
}
