using BenchmarkDotNet.Attributes;
using SecVault.IO;

namespace SecVault.Benchmarks;

/// <summary>
/// <see cref="AtomicFile.Write(string, System.ReadOnlyMemory{byte}, FileSnapshot?, bool)"/>: the last step of <c>ciphertool -Dconfigure</c> and of every file
/// written by <c>mi secret create</c> (temporary file, flush, rename).
/// </summary>
[MemoryDiagnoser]
public class AtomicFileBenchmarks
{
    private string _folder = "";
    private string _target = "";
    private byte[] _content = [];

    /// <summary>File size in bytes: a typical deployment.toml, and 10,000 encrypted secrets as .properties.</summary>
    [Params(8 * 1024, 3_700_000)]
    public int Size { get; set; }

    /// <summary>Creates the temporary folder and the content.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("secvault-bench-").FullName;
        _target = Path.Combine(_folder, "deployment.toml");
        _content = new byte[Size];
        new Random(6).NextBytes(_content);
        File.WriteAllBytes(_target, _content);
    }

    /// <summary>Removes the temporary folder.</summary>
    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    /// <summary>Replaces an existing file atomically.</summary>
    [Benchmark]
    public void Replace() => AtomicFile.Write(_target, _content);
}
