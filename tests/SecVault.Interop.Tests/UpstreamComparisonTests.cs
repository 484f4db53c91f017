using System.Text;
using System.Text.RegularExpressions;
using SecVault.Testing;

namespace SecVault.Interop.Tests;

/// <summary>
/// The upstream Cipher Tool 1.2.6 and SecVault's ciphertool run <c>-Dconfigure</c> on copies of the same MI home, for
/// deployment.toml shapes where upstream is known to differ. What each tool did is observed from the files (every
/// ciphertext decrypted by the JDK, not SecVault), asserted, and written as a Markdown table to
/// <c>artifacts/compatibility-upstream.md</c> (copied into docs/compatibility-upstream.md).
/// </summary>
public sealed partial class UpstreamComparisonTests
{
    private const string Vector = "jks-rsa2048";

    private static readonly Shape[] Shapes =
    [
        new("comments in [secrets]", "[server]\nhostname = \"localhost\"\n\n[secrets]\n# a comment line\ndb = \"[s3cret]\"   # inline comment\n\n[test]\nx = \"$secret{db}\"\n",
            new() { ["db"] = "s3cret" }),
        new("literal (single-quoted) values", "[secrets]\ndb = '[lit\\eral]'\nother = \"[plain]\"\n\n[test]\nx = \"$secret{db}\"\n",
            new() { ["db"] = "lit\\eral", ["other"] = "plain" }),
        new("CRLF line endings", "[server]\r\nhostname = \"localhost\"\r\n\r\n[secrets]\r\ndb = \"[s3cret]\"\r\n\r\n[test]\r\nx = \"$secret{db}\"\r\n",
            new() { ["db"] = "s3cret" }),
        new("a table after [secrets] whose header has a comment", "[secrets]\ndb = \"[s3cret]\"\n\n[test] # the test table\nx = \"$secret{db}\"\ny = 1\n",
            new() { ["db"] = "s3cret" }),
        new("UTF-8 byte order mark", "\uFEFF[secrets]\ndb = \"[s3cret]\"\n\n[test]\nx = \"$secret{db}\"\n",
            new() { ["db"] = "s3cret" }),
    ];

    /// <summary>Upstream 1.2.6's behaviour, as observed with the peer build; a change in it fails this test.</summary>
    private static readonly Dictionary<string, string> UpstreamObserved = new()
    {
        ["comments in [secrets]"] = "exit 0; 1/1 secrets decrypt; inline comment dropped; comment lines kept",
        ["literal (single-quoted) values"] = "exit 0; 2/2 secrets decrypt; single quotes rewritten to double",
        ["CRLF line endings"] = "exit 0; 1/1 secrets decrypt; CRLF turned into LF",
        ["a table after [secrets] whose header has a comment"] = "exit 1 (NullPointerException); 1/1 secrets decrypt; tables after [secrets] lost (file truncated); secret-conf.properties not written",
        ["UTF-8 byte order mark"] = "exit 1 (Error while parsing TOML config file); file unchanged, nothing encrypted",
    };

    private const string SecVaultExpected = "only the [secrets] values changed, every other byte kept";

    [SkippableFact]
    public void Upstream_and_SecVault_ciphertool_on_the_same_files_give_the_observed_table()
    {
        Peers.Require(Peers.CipherTool);
        var keystore = VectorManifest.Load().Keystore(Vector);
        var rows = new List<string>();
        foreach (var shape in Shapes)
        {
            var upstream = Observe(shape, home => Peers.Run(Peers.CipherTool, ["-Dcarbon.home=" + home, "-Dconfigure", "-Dpassword=" + keystore.StorePassword], home));
            var secVault = Observe(shape, home => ToolProcess.Run("ciphertool", home, keystore.StorePassword + "\n", null, ["-Dcarbon.home=" + home, "-Dpassword.stdin", "-Dconfigure"]));

            Assert.Equal(UpstreamObserved[shape.Name], upstream);
            Assert.Equal($"exit 0; {shape.Plaintexts.Count}/{shape.Plaintexts.Count} secrets decrypt; {SecVaultExpected}", secVault);
            rows.Add($"| {shape.Name} | {upstream} | {secVault} |");
        }

        var table = new StringBuilder()
            .Append("| deployment.toml shape | upstream Cipher Tool 1.2.6 | SecVault ciphertool |\n")
            .Append("|---|---|---|\n")
            .AppendJoin(string.Empty, rows.Select(r => r + "\n"))
            .ToString();
        var artifacts = Path.Combine(Repo.Root, "artifacts");
        Directory.CreateDirectory(artifacts);
        File.WriteAllText(Path.Combine(artifacts, "compatibility-upstream.md"), table);
    }

    /// <summary>Runs a tool on a fresh home of <paramref name="shape"/> and describes what it did to deployment.toml.</summary>
    private static string Observe(Shape shape, Func<string, ProcessResult> run)
    {
        var before = Encoding.UTF8.GetBytes(shape.Toml);
        using var home = new TempMiHome(before, Vector);
        Homes.AddUpstreamFiles(home.Path);

        var result = run(home.Path);
        var after = home.DeploymentToml;
        var parts = new List<string> { "exit " + result.Exit + Failure(result) };
        if (after.AsSpan().SequenceEqual(before))
        {
            parts.Add("file unchanged, nothing encrypted");
            return string.Join("; ", parts);
        }

        parts.Add($"{Decrypted(home, Encoding.UTF8.GetString(after), shape.Plaintexts)}/{shape.Plaintexts.Count} secrets decrypt");
        var text = Encoding.UTF8.GetString(after);
        if (Masked(text, Ciphertext()) == Masked(shape.Toml, Marker()))
        {
            parts.Add(SecVaultExpected);
            return string.Join("; ", parts);
        }

        var facts = new List<string>();
        if (shape.Toml.Contains("# inline comment", StringComparison.Ordinal) && !text.Contains("# inline comment", StringComparison.Ordinal))
        {
            facts.Add("inline comment dropped");
        }

        if (shape.Toml.Contains("# a comment line", StringComparison.Ordinal) && text.Contains("# a comment line", StringComparison.Ordinal))
        {
            facts.Add("comment lines kept");
        }

        if (shape.Toml.Contains("db = '", StringComparison.Ordinal) && text.Contains("db = \"", StringComparison.Ordinal))
        {
            facts.Add("single quotes rewritten to double");
        }

        if (shape.Toml.Contains("\r\n", StringComparison.Ordinal) && !text.Contains('\r', StringComparison.Ordinal))
        {
            facts.Add("CRLF turned into LF");
        }

        if (!text.Contains("[test]", StringComparison.Ordinal))
        {
            facts.Add("tables after [secrets] lost (file truncated)");
        }

        if (!File.Exists(home.SecretConfPath))
        {
            facts.Add("secret-conf.properties not written");
        }

        parts.AddRange(facts.Count > 0 ? facts : ["other bytes changed"]);
        return string.Join("; ", parts);
    }

    /// <summary>The upstream exception's kind, when the tool failed with one on its output.</summary>
    private static string Failure(ProcessResult result)
    {
        var output = result.Out + result.Err;
        return result.Exit == 0 ? string.Empty
            : output.Contains("NullPointerException", StringComparison.Ordinal) ? " (NullPointerException)"
            : output.Contains("Error while parsing TOML config file", StringComparison.Ordinal) ? " (Error while parsing TOML config file)"
            : string.Empty;
    }

    /// <summary>How many secrets the JDK decrypts to their plaintexts, with the transformation the tool wrote in secret-conf.properties.</summary>
    private static int Decrypted(TempMiHome home, string toml, Dictionary<string, string> plaintexts)
    {
        var keystore = VectorManifest.Load().Keystore(Vector);
        var conf = File.Exists(home.SecretConfPath) ? File.ReadAllText(home.SecretConfPath) : string.Empty;
        // Without secret-conf.properties (upstream failing half-way), the transformation both tools encrypt with by default.
        var transformation = AlgorithmLine().Match(conf) is { Success: true } m ? m.Groups[1].Value.Trim() : "RSA/ECB/OAEPwithSHA1andMGF1Padding";
        var decrypted = 0;
        foreach (Match value in SecretValue().Matches(toml))
        {
            var alias = value.Groups[1].Value;
            var plaintext = Encoding.UTF8.GetString(JavaInterop.Decrypt(keystore, keystore.Entries[0].Alias, transformation, value.Groups[2].Value));
            decrypted += plaintexts.TryGetValue(alias, out var expected) && expected == plaintext ? 1 : 0;
        }

        return decrypted;
    }

    private static string Masked(string text, Regex value) => value.Replace(text, "<value>");

    [GeneratedRegex(@"\[[^\r\n]*?\](?=['""])")]
    private static partial Regex Marker();

    [GeneratedRegex("[A-Za-z0-9+/=]{100,}")]
    private static partial Regex Ciphertext();

    [GeneratedRegex(@"^(\w+) = ['""]([A-Za-z0-9+/=]{100,})['""]", RegexOptions.Multiline)]
    private static partial Regex SecretValue();

    [GeneratedRegex(@"^secretRepositories\.file\.algorithm=(.*)$", RegexOptions.Multiline)]
    private static partial Regex AlgorithmLine();

    private sealed record Shape(string Name, string Toml, Dictionary<string, string> Plaintexts);
}
