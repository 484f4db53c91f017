using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;

namespace SecVault.Benchmarks;

/// <summary>
/// Ceilings, not SecVault code: the platform's RSA-2048 OAEP-SHA1 operations that every ciphertext
/// costs, one at a time and over all cores. SecVault's encrypt/decrypt benchmarks (see bench/README.md)
/// are compared with these and with <c>openssl speed rsa2048</c>.
/// </summary>
[MemoryDiagnoser]
public class RsaPlatformBenchmarks
{
    private const int BulkCount = 1000;
    private RSA _rsa = null!;
    private byte[] _plain = [];
    private byte[] _cipher = [];
    private byte[][] _ciphers = [];

    /// <summary>Creates a 2048-bit key and the ciphertexts to decrypt.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _rsa = RSA.Create(2048);
        _plain = "plain-00001-0123abcd"u8.ToArray();
        _cipher = _rsa.Encrypt(_plain, RSAEncryptionPadding.OaepSHA1);
        _ciphers = Enumerable.Range(0, BulkCount).Select(_ => _rsa.Encrypt(_plain, RSAEncryptionPadding.OaepSHA1)).ToArray();
    }

    /// <summary>Releases the key.</summary>
    [GlobalCleanup]
    public void Cleanup() => _rsa.Dispose();

    /// <summary>One public-key operation: what each secret of <c>mi secret create -f</c> costs.</summary>
    [Benchmark]
    public byte[] EncryptOne() => _rsa.Encrypt(_plain, RSAEncryptionPadding.OaepSHA1);

    /// <summary>One private-key operation: what each secret of <c>mi secret resolve</c> costs.</summary>
    [Benchmark]
    public byte[] DecryptOne() => _rsa.Decrypt(_cipher, RSAEncryptionPadding.OaepSHA1);

    /// <summary>1,000 private-key operations over all cores, results in input order.</summary>
    [Benchmark(OperationsPerInvoke = BulkCount)]
    public byte[][] DecryptParallel()
    {
        var results = new byte[BulkCount][];
        Parallel.For(0, BulkCount, i => results[i] = _rsa.Decrypt(_ciphers[i], RSAEncryptionPadding.OaepSHA1));
        return results;
    }
}
