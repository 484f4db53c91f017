using System.Text.Json;
using SecVault.Testing;
using SecVault.Toml;

namespace SecVault.Tests.Toml;

/// <summary>The deployment.toml shapes of tests/corpus/deployment-toml with their expectations.</summary>
internal static class TomlCorpus
{
    internal static string Folder => Path.Combine(Repo.Root, "tests", "corpus", "deployment-toml");

    internal static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder, "*.toml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    internal static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(Folder, name));

    internal static Expectation Expect(string name)
    {
        var json = File.ReadAllText(Path.Combine(Folder, Path.ChangeExtension(name, ".expect.json")));
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var secrets = root.GetProperty("secrets").EnumerateObject()
            .Select(p => (p.Name, Enum.Parse<SecretClass>(p.Value.GetString()!)))
            .ToList();
        var plain = root.TryGetProperty("plainText", out var p)
            ? p.EnumerateObject().ToDictionary(x => x.Name, x => x.Value.GetString()!)
            : [];
        return new Expectation(root.GetProperty("hasSecretsTable").GetBoolean(), secrets, plain);
    }

    /// <summary>A 344-char base64 string shaped like a 2048-bit RSA ciphertext.</summary>
    internal static string FakeCiphertext(int seed)
    {
        var bytes = new byte[256];
        new Random(seed).NextBytes(bytes);
        return Convert.ToBase64String(bytes);
    }

    internal sealed record Expectation(bool HasSecretsTable, List<(string Alias, SecretClass Class)> Secrets, Dictionary<string, string> PlainText);
}
