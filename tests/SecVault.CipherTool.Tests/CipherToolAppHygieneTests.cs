using SecVault.Testing;
using SecVault.Toml;

namespace SecVault.CipherTool.Tests;

/// <summary>No password, plaintext or ciphertext ever reaches standard error, whatever happens.</summary>
public sealed class CipherToolAppHygieneTests
{
    private const string Password = "pässwörd-密码-🔑";
    private const string WrongPassword = "Wr0ng-PASS-qz7";
    private static readonly string[] Plaintexts = ["PLAIN-alpha-91x", "PLAIN-beta-ü-22", "PLAIN-new-77q", "PLAIN-single-5k", "PLAIN-mismatch-3j"];

    [Fact]
    public void No_scenario_prints_a_password_a_plaintext_or_a_ciphertext_on_standard_error()
    {
        var toml = $"[secrets]\na = \"[{Plaintexts[0]}]\"\nb = '[{Plaintexts[1]}]'\nbig = \"[{new string('Z', 300)}]\"\n";
        using var home = new TempMiHome(toml.Replace("big = \"[" + new string('Z', 300) + "]\"\n", string.Empty, StringComparison.Ordinal), "jks-unicode-password");
        var outputs = new List<ToolResult>
        {
            Tool.Configure(home, WrongPassword),
            Tool.Configure(home, Password),
            Tool.Configure(home, Password),
            Tool.Run(home, string.Empty, "-Dconfigure", "-Dpassword=" + Password),
            Tool.Run(home, Password + "\n" + Plaintexts[3] + "\n", "-Dpassword.stdin"),
            Tool.Run(home, Password + "\n" + new string('Q', 400) + "\n", "-Dpassword.stdin"),
            Tool.Run(new TestConsole(terminalAnswers: [Password, Plaintexts[4], "x", Plaintexts[4], "y", Plaintexts[4], "z"]), null, home.Path),
            Tool.Run(new TestConsole(terminalAnswers: [Password, "1", Plaintexts[2], Plaintexts[2], string.Empty]), null, home.Path, "-Dchange"),
        };
        File.WriteAllText(home.DeploymentTomlPath, toml);
        outputs.Add(Tool.Configure(home, Password));

        var ciphertexts = DeploymentToml.Parse(home.DeploymentToml, "d").Secrets.Select(s => s.Value!).Where(v => v.Length > 300).ToList();
        Assert.Contains(outputs, o => o.Exit == 0);
        Assert.Contains(outputs, o => o.Exit == 1);
        foreach (var output in outputs)
        {
            var all = output.Out + output.Err;
            Assert.DoesNotContain(Password, all, StringComparison.Ordinal);
            Assert.DoesNotContain(WrongPassword, all, StringComparison.Ordinal);
            Assert.DoesNotContain("ZZZZZZZZ", all, StringComparison.Ordinal);
            Assert.DoesNotContain("QQQQQQQQ", all, StringComparison.Ordinal);
            foreach (var plaintext in Plaintexts)
            {
                Assert.DoesNotContain(plaintext, all, StringComparison.Ordinal);
            }

            foreach (var ciphertext in ciphertexts)
            {
                Assert.DoesNotContain(ciphertext[..40], output.Err, StringComparison.Ordinal);
            }
        }
    }
}
