using System.Text;
using SecVault.Toml;

namespace SecVault.Tests.Toml;

public sealed partial class DeploymentTomlTests
{
    public static TheoryData<string> CorpusNames => TomlCorpus.Names();

    [Fact]
    public void The_corpus_holds_at_least_eighteen_shapes()
    {
        Assert.True(CorpusNames.Count >= 18, $"only {CorpusNames.Count} corpus files");
    }

    [Theory]
    [MemberData(nameof(CorpusNames))]
    public void Corpus_entries_are_classified_as_expected(string name)
    {
        var expected = TomlCorpus.Expect(name);
        var toml = DeploymentToml.Parse(TomlCorpus.Read(name), "conf/" + name);

        Assert.Equal(expected.HasSecretsTable, toml.HasSecretsTable);
        Assert.Equal(expected.Secrets, toml.Secrets.Select(s => (s.Alias, s.Class)));
        foreach (var (alias, text) in expected.PlainText)
        {
            Assert.Equal(text, toml.Secrets.Single(s => s.Alias == alias).PlainText);
        }
    }

    [Theory]
    [MemberData(nameof(CorpusNames))]
    public void Corpus_rewrite_of_plain_entries_changes_only_their_literals(string name)
    {
        var original = TomlCorpus.Read(name);
        var toml = DeploymentToml.Parse(original, name);
        var plain = toml.Secrets.Where(s => s.Class == SecretClass.Plain).ToList();
        var replacements = plain.Select((s, i) => new LiteralReplacement(s.LiteralSpan, TomlCorpus.FakeCiphertext(i), ReplacementStyle.KeepQuoting)).ToList();

        var output = toml.Rewrite(replacements);

        // Rebuild the expected bytes independently: original bytes around each span (byte offsets), the new literal inside.
        var expected = new List<byte>();
        var position = 0;
        foreach (var (entry, index) in plain.Select((e, i) => (e, i)).OrderBy(x => x.e.LiteralSpan.Start))
        {
            expected.AddRange(original[position..entry.LiteralSpan.Start]);
            var oldLiteral = Encoding.UTF8.GetString(original, entry.LiteralSpan.Start, entry.LiteralSpan.Length);
            var quote = oldLiteral.StartsWith('\'') && !oldLiteral.StartsWith("'''", StringComparison.Ordinal) ? "'" : "\"";
            expected.AddRange(Encoding.UTF8.GetBytes(quote + TomlCorpus.FakeCiphertext(index) + quote));
            position = entry.LiteralSpan.End;
        }

        expected.AddRange(original[position..]);
        Assert.Equal(expected, output);
        if (plain.Count == 0)
        {
            Assert.Equal(original, output);
        }
    }

    [Theory]
    [MemberData(nameof(CorpusNames))]
    public void Corpus_rewrite_keeps_the_bytes_before_after_and_between_the_literals(string name)
    {
        var original = TomlCorpus.Read(name);
        var toml = DeploymentToml.Parse(original, name);
        var plain = toml.Secrets.Where(s => s.Class == SecretClass.Plain).OrderBy(s => s.LiteralSpan.Start).ToList();
        var fake = TomlCorpus.FakeCiphertext(7);
        var output = toml.Rewrite(plain.Select(s => new LiteralReplacement(s.LiteralSpan, fake, ReplacementStyle.KeepQuoting)));

        // Cut every literal out of both files (the new ones have a known length); the rest must be identical.
        var reparsed = DeploymentToml.Parse(output, name);
        var newSpans = reparsed.Secrets.Where(s => plain.Any(p => p.Alias == s.Alias)).Select(s => s.LiteralSpan).OrderBy(s => s.Start).ToList();
        Assert.All(newSpans, s => Assert.Equal(fake.Length + 2, s.Length));
        Assert.Equal(CutSpans(original, plain.Select(p => p.LiteralSpan).ToList()), CutSpans(output, newSpans));
        Assert.Equal(HasBom(original), HasBom(output));
        Assert.Equal(original.Length > 0 && original[^1] == '\n', output.Length > 0 && output[^1] == '\n');
        Assert.Equal(original.Count(b => b == '\r'), output.Count(b => b == '\r') + MultiLineCarriageReturns(original, plain));
    }

    [Theory]
    [MemberData(nameof(CorpusNames))]
    public void Corpus_rewrite_reparses_as_encrypted_and_a_second_run_changes_nothing(string name)
    {
        var toml = DeploymentToml.Parse(TomlCorpus.Read(name), name);
        var plain = toml.Secrets.Where(s => s.Class == SecretClass.Plain).ToList();
        var fakes = plain.ToDictionary(s => s.Alias, s => TomlCorpus.FakeCiphertext(s.Alias.Length));
        var once = toml.Rewrite(plain.Select(s => new LiteralReplacement(s.LiteralSpan, fakes[s.Alias], ReplacementStyle.KeepQuoting)));

        var reparsed = DeploymentToml.Parse(once, name);
        Assert.Equal(toml.Secrets.Select(s => s.Alias), reparsed.Secrets.Select(s => s.Alias));
        foreach (var entry in reparsed.Secrets)
        {
            if (fakes.TryGetValue(entry.Alias, out var fake))
            {
                Assert.Equal(SecretClass.Encrypted, entry.Class);
                Assert.Equal(fake, entry.Value);
            }
            else
            {
                var before = toml.Secrets.Single(s => s.Alias == entry.Alias);
                Assert.Equal(before.Class, entry.Class);
                Assert.Equal(before.Value, entry.Value);
            }
        }

        var secondPlain = reparsed.Secrets.Where(s => s.Class == SecretClass.Plain);
        var twice = reparsed.Rewrite(secondPlain.Select(s => new LiteralReplacement(s.LiteralSpan, "unused", ReplacementStyle.KeepQuoting)));
        Assert.Equal(once, twice);
    }

    [Theory]
    [MemberData(nameof(CorpusNames))]
    public void Corpus_values_outside_secrets_survive_a_rewrite_unchanged(string name)
    {
        var toml = DeploymentToml.Parse(TomlCorpus.Read(name), name);
        var plain = toml.Secrets.Where(s => s.Class == SecretClass.Plain);
        var output = DeploymentToml.Parse(toml.Rewrite(plain.Select(s => new LiteralReplacement(s.LiteralSpan, "x", ReplacementStyle.KeepQuoting))), name);

        var before = toml.Leaves.Where(l => !l.InSecrets).Select(l => (l.ConfigurationKey, l.ConfigurationValue, l.Column));
        var after = output.Leaves.Where(l => !l.InSecrets).Select(l => (l.ConfigurationKey, l.ConfigurationValue, l.Column));
        Assert.Equal(before, after);
    }

    private static bool HasBom(byte[] bytes) => bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);

    private static byte[] CutSpans(byte[] bytes, List<TomlSpan> spans)
    {
        var kept = new List<byte>();
        var position = 0;
        foreach (var span in spans.OrderBy(s => s.Start))
        {
            kept.AddRange(bytes[position..span.Start]);
            position = span.End;
        }

        kept.AddRange(bytes[position..]);
        return [.. kept];
    }

    private static int MultiLineCarriageReturns(byte[] original, List<SecretEntry> replaced) =>
        replaced.Sum(s => original.AsSpan(s.LiteralSpan.Start, s.LiteralSpan.Length).Count((byte)'\r'));
}
