using System.Text;

namespace SecVault.Testing;

/// <summary>
/// Collects the passwords and plaintexts a test uses, then proves none of them leaked into captured output or into
/// any file under a folder: as UTF-8 text, as UTF-16, or as base64 of their UTF-8 bytes.
/// </summary>
public sealed class SecretHygiene
{
    private readonly List<string> _secrets = [];

    /// <summary>Registers values that must never appear (empty and very short values are ignored: they match anything).</summary>
    public SecretHygiene Track(params string[] secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _secrets.AddRange(secrets.Where(s => s.Length >= 4));
        return this;
    }

    /// <summary>Fails the test if a tracked value appears in <paramref name="text"/>.</summary>
    public void AssertClean(string what, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var secret in _secrets)
        {
            foreach (var (form, needle) in Forms(secret))
            {
                Assert.False(text.Contains(needle, StringComparison.Ordinal), $"{what} contains a tracked secret ({form})");
            }
        }
    }

    /// <summary>Fails the test if a tracked value appears in any file below <paramref name="folder"/>.</summary>
    public void AssertFilesClean(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(file);
            foreach (var secret in _secrets)
            {
                foreach (var (form, needle) in Forms(secret))
                {
                    foreach (var encoded in new[] { Encoding.UTF8.GetBytes(needle), Encoding.Unicode.GetBytes(needle), Encoding.Latin1.GetBytes(needle) })
                    {
                        Assert.False(bytes.AsSpan().IndexOf(encoded) >= 0, $"{file} contains a tracked secret ({form})");
                    }
                }
            }
        }
    }

    private static IEnumerable<(string Form, string Needle)> Forms(string secret)
    {
        yield return ("text", secret);
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(secret));
        // The trailing characters of base64 depend on what follows; the stable prefix still identifies the value.
        yield return ("base64", base64.TrimEnd('=')[..Math.Max(4, base64.TrimEnd('=').Length - 1)]);
    }
}
