using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text;
using SecVault.Testing;
using SecVault.Toml;

namespace SecVault.CipherTool.Tests;

/// <summary>-Dconfigure over every shape of tests/corpus/deployment-toml on a temporary MI home.</summary>
public sealed partial class CipherToolAppCorpusTests
{
    private const string InvalidShape = "non-string-secret.toml";

    private static string Folder => Path.Combine(Repo.Root, "tests", "corpus", "deployment-toml");

    public static TheoryData<string> Shapes()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder, "*.toml").Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            if (file != InvalidShape)
            {
                data.Add(file!);
            }
        }

        return data;
    }

    [Fact]
    public void The_corpus_has_at_least_15_shapes()
    {
        Assert.True(Shapes().Count >= 15);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Configure_encrypts_every_marker_and_changes_no_other_byte(string shape)
    {
        var original = File.ReadAllBytes(Path.Combine(Folder, shape));
        var before = DeploymentToml.Parse(original, "deployment.toml");
        var plain = before.Secrets.Where(s => s.Class == SecretClass.Plain).ToList();
        using var home = new TempMiHome(original);

        var result = Tool.Configure(home);

        Assert.Equal(0, result.Exit);
        var after = home.DeploymentToml;
        AssertOnlyLiteralsChanged(original, plain, after);
        var document = DeploymentToml.Parse(after, "deployment.toml");
        // openssl with the exported key decrypts, not SecVault's own decryptor (which would agree with any mistake of its encryptor).
        static string Decrypt(string ciphertext) => IndependentDecryptor.Decrypt("jks-rsa2048", "wso2carbon", ciphertext);
        foreach (var marker in plain)
        {
            var now = document.Secrets.Single(s => s.Alias == marker.Alias);
            Assert.Equal(SecretClass.Encrypted, now.Class);
            Assert.Equal(marker.PlainText, Decrypt(now.Value!));
        }

        foreach (var (alias, text) in ExpectedPlainText(shape))
        {
            Assert.Equal(text, Decrypt(document.Secrets.Single(s => s.Alias == alias).Value!));
        }

        Assert.Empty(home.TemporaryFiles());
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_second_configure_run_changes_nothing(string shape)
    {
        using var home = new TempMiHome(File.ReadAllBytes(Path.Combine(Folder, shape)));
        Assert.Equal(0, Tool.Configure(home).Exit);
        var toml = home.DeploymentToml;
        var conf = home.SecretConf;
        var times = (File.GetLastWriteTimeUtc(home.DeploymentTomlPath), File.GetLastWriteTimeUtc(home.SecretConfPath));

        Assert.Equal(0, Tool.Configure(home).Exit);

        Assert.Equal(toml, home.DeploymentToml);
        Assert.Equal(conf, home.SecretConf);
        Assert.Equal(times, (File.GetLastWriteTimeUtc(home.DeploymentTomlPath), File.GetLastWriteTimeUtc(home.SecretConfPath)));
    }

    [SkippableTheory]
    [InlineData("unicode.toml")]
    [InlineData("brackets.toml")]
    public void The_JDK_decrypts_what_configure_wrote(string shape)
    {
        Skip.IfNot(JavaInterop.IsAvailable, "java is not on PATH");
        var original = File.ReadAllBytes(Path.Combine(Folder, shape));
        var plain = DeploymentToml.Parse(original, "deployment.toml").Secrets.Where(s => s.Class == SecretClass.Plain).ToList();
        using var home = new TempMiHome(original);
        Assert.Equal(0, Tool.Configure(home).Exit);

        var document = DeploymentToml.Parse(home.DeploymentToml, "deployment.toml");
        var keystore = VectorManifest.Load().Keystore("jks-rsa2048");
        foreach (var marker in plain)
        {
            var ciphertext = document.Secrets.Single(s => s.Alias == marker.Alias).Value!;
            var bytes = JavaInterop.Decrypt(keystore, "wso2carbon", "RSA/ECB/OAEPWithSHA-1AndMGF1Padding", ciphertext);
            Assert.Equal(marker.PlainText, Encoding.UTF8.GetString(bytes));
        }
    }

    /// <summary>The output must be the input with each marker literal replaced by a quoted base64 literal, nothing else.</summary>
    private static void AssertOnlyLiteralsChanged(byte[] original, List<SecretEntry> plain, byte[] after)
    {
        if (plain.Count == 0)
        {
            Assert.Equal(original, after);
            return;
        }

        // Spans are byte offsets into the whole file.
        var position = 0;
        var output = after.AsSpan();
        foreach (var entry in plain.OrderBy(p => p.LiteralSpan.Start))
        {
            var keep = original.AsSpan(position, entry.LiteralSpan.Start - position);
            Assert.True(output.StartsWith(keep), $"bytes before '{entry.Alias}' changed");
            output = output[keep.Length..];
            var match = Literal().Match(Encoding.ASCII.GetString(output[..Math.Min(output.Length, 400)]));
            Assert.True(match.Success && match.Index == 0, $"'{entry.Alias}' is not a one-line quoted base64 literal");
            var quote = original[entry.LiteralSpan.Start] == '\'' && !original.AsSpan(entry.LiteralSpan.Start).StartsWith("'''"u8) ? '\'' : '"';
            Assert.Equal(quote, match.Value[0]);
            output = output[match.Length..];
            position = entry.LiteralSpan.End;
        }

        Assert.True(output.SequenceEqual(original.AsSpan(position)), "bytes after the last marker changed");
    }

    private static Dictionary<string, string> ExpectedPlainText(string shape)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, Path.ChangeExtension(shape, ".expect.json"))));
        return json.RootElement.TryGetProperty("plainText", out var p)
            ? p.EnumerateObject().ToDictionary(x => x.Name, x => x.Value.GetString()!)
            : [];
    }

    [GeneratedRegex("""^("[A-Za-z0-9+/]{342}=="|'[A-Za-z0-9+/]{342}==')""")]
    private static partial Regex Literal();
}
