using System.Text;
using BenchmarkDotNet.Attributes;
using SecVault.SecretOutput;

namespace SecVault.Benchmarks;

/// <summary>
/// The input half of <c>mi secret create -f</c>: a 10,000-line .properties file read and checked
/// (<see cref="SecretInputReader.ReadPropertiesFile"/> then <see cref="SecretBatch.Prepare"/>), per secret, allocations
/// included. The baseline reads the same file with <see cref="File.ReadAllLines(string)"/> and splits each line at its
/// first <c>=</c>: no escapes, continuations, limits or checks, so the least a reader of the file can allocate.
/// </summary>
[MemoryDiagnoser]
public class BulkInputBenchmarks
{
    private const int Count = 10_000;

    private string _folder = string.Empty;
    private string _path = string.Empty;

    /// <summary>Writes the input: aliases like <c>bulk_00001</c>, 20-character values, as bench/run's file.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("secvault-bench-").FullName;
        _path = Path.Combine(_folder, "secrets.properties");
        var text = new StringBuilder();
        for (var i = 1; i <= Count; i++)
        {
            text.Append("bulk_").Append(i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)).Append(" = ")
                .Append(i.ToString("D20", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        }

        File.WriteAllText(_path, text.ToString());
    }

    /// <summary>Removes the input.</summary>
    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    /// <summary>The BCL floor: every line read whole, then cut at its first '='.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public int ReadAllLinesAndSplit()
    {
        var count = 0;
        foreach (var line in File.ReadAllLines(_path))
        {
            var separator = line.IndexOf('=', StringComparison.Ordinal);
            count += line[..separator].Trim().Length + line[(separator + 1)..].Trim().Length > 0 ? 1 : 0;
        }

        return count;
    }

    /// <summary>SecVault: the file read with Java's rules, then every entry checked for the output form.</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    public int ReadAndPrepare() =>
        SecretBatch.Prepare(SecretInputReader.ReadPropertiesFile(_path, "secrets.properties"), SecretOutputFormat.File, "secrets.properties").Entries.Count;
}
