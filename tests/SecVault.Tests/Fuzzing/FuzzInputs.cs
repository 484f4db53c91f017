using System.Text;
using CsCheck;
using SecVault.Testing;

namespace SecVault.Tests.Fuzzing;

/// <summary>CsCheck generators of hostile parser input: random bytes, token soup, and fuzz-corpus files with AFL-like mutations.</summary>
internal static class FuzzInputs
{
    /// <summary>Bytes with no structure at all.</summary>
    internal static readonly Gen<byte[]> RandomBytes = Gen.Byte.Array[0, 300];

    /// <summary>The seed files of a fuzz target (fuzz/corpus/&lt;target&gt;), in name order.</summary>
    internal static string[] SeedFiles(string target) =>
        [.. Directory.GetFiles(Path.Combine(Repo.Root, "fuzz", "corpus", target)).Order(StringComparer.Ordinal)];

    /// <summary>Concatenations of up to <paramref name="count"/> tokens, UTF-8 encoded.</summary>
    internal static Gen<byte[]> TokenSoup(string[] tokens, int count = 40) =>
        Gen.Int[0, tokens.Length - 1].Array[0, count].Select(picks => Encoding.UTF8.GetBytes(string.Concat(picks.Select(i => tokens[i]))));

    /// <summary>A seed file of <paramref name="target"/> after one to eight byte-level mutations (flip, insert, delete, splice a token, duplicate, truncate).</summary>
    /// <remarks>Tokens are UTF-8 encoded, or Latin-1 (one byte per char) when <paramref name="binary"/> is true.</remarks>
    internal static Gen<byte[]> MutatedSeeds(string target, string[] tokens, bool binary = false)
    {
        var seeds = SeedFiles(target).Select(File.ReadAllBytes).ToArray();
        var tokenBytes = tokens.Select((binary ? Encoding.Latin1 : Encoding.UTF8).GetBytes).ToArray();
        var mutation = Gen.Select(Gen.Int[0, 5], Gen.Int[0, int.MaxValue], Gen.Int[0, 255]);
        return Gen.Select(Gen.Int[0, seeds.Length - 1], mutation.Array[1, 8])
            .Select((seed, mutations) => Mutate(seeds[seed], mutations, tokenBytes));
    }

    /// <summary>Samples <paramref name="gen"/> into <paramref name="check"/> (any exception fails) and returns how many inputs it accepted.</summary>
    internal static int CountAccepted(this Gen<byte[]> gen, Func<byte[], bool> check, long iter)
    {
        var accepted = 0;
        gen.Sample(input =>
        {
            if (check(input))
            {
                Interlocked.Increment(ref accepted);
            }
        }, iter: iter, print: Print, threads: 1);
        return accepted;
    }

    /// <summary>Prints an input for a failure report: as text when it is printable UTF-8, else as hex.</summary>
    internal static string Print(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        return text.All(c => c >= ' ' || c is '\n' or '\r' or '\t') && !text.Contains('\uFFFD', StringComparison.Ordinal)
            ? $"\"{text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}\""
            : Convert.ToHexString(input);
    }

    private static byte[] Mutate(byte[] seed, (int Kind, int Position, int Value)[] mutations, byte[][] tokens)
    {
        var data = new List<byte>(seed);
        foreach (var (kind, position, value) in mutations)
        {
            var at = data.Count == 0 ? 0 : position % (data.Count + 1);
            switch (kind)
            {
                case 0 when at < data.Count:
                    data[at] = (byte)value;
                    break;
                case 1:
                    data.Insert(at, (byte)value);
                    break;
                case 2:
                    data.RemoveRange(at, Math.Min(1 + (value % 16), data.Count - at));
                    break;
                case 3 when tokens.Length > 0:
                    data.InsertRange(at, tokens[value % tokens.Length]);
                    break;
                case 4:
                    data.InsertRange(at, data.GetRange(at, Math.Min(value % 32, data.Count - at)));
                    break;
                case 5:
                    data.RemoveRange(at, data.Count - at);
                    break;
                default:
                    break;
            }
        }

        return [.. data];
    }
}
