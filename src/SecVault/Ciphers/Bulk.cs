using System.Runtime.ExceptionServices;
using System.Security.Cryptography;

namespace SecVault.Ciphers;

/// <summary>Parallel loop helpers shared by the bulk encrypt and decrypt calls.</summary>
internal static class Bulk
{
    public static ParallelOptions Options(int? maxParallelism)
    {
        if (maxParallelism is { } n)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(n, 1, nameof(maxParallelism));
        }

        return new ParallelOptions { MaxDegreeOfParallelism = maxParallelism ?? Environment.ProcessorCount };
    }

    /// <summary>
    /// Runs <paramref name="body"/> for every index; a failure rethrows the one with the lowest index. Each finished
    /// item is reported to <paramref name="progress"/>, from the thread that finished it.
    /// </summary>
    public static void For(int count, int? maxParallelism, Action<int> body, IProgress<WorkProgress>? progress = null)
    {
        var options = Options(maxParallelism);
        var done = 0;
        if (count <= 1)
        {
            // One item (mi secret create of one secret): no thread-pool threads to start.
            for (var i = 0; i < count; i++)
            {
                body(i);
                progress?.Report(new WorkProgress(++done, count));
            }

            return;
        }

        var failures = new Exception?[count];
        Parallel.For(0, count, options, i =>
        {
            try
            {
                body(i);
                progress?.Report(new WorkProgress(Interlocked.Increment(ref done), count));
            }
            catch (Exception ex) when (ex is SecVaultException or ArgumentException)
            {
                failures[i] = ex;
            }
        });
        if (Array.Find(failures, f => f is not null) is { } first)
        {
            ExceptionDispatchInfo.Throw(first);
        }
    }

    /// <summary>
    /// Decrypts every ciphertext with <paramref name="decrypt"/> (ciphertext, alias), in parallel; the results are in the
    /// order of <paramref name="ciphertexts"/>. On a failure every plaintext already made is zeroed before the failure
    /// with the lowest index is rethrown, so no partial result outlives the call.
    /// </summary>
    public static IReadOnlyList<byte[]> DecryptAll(
        IReadOnlyList<(string Alias, string Ciphertext)> ciphertexts, int? maxParallelism, Func<string, string, byte[]> decrypt, IProgress<WorkProgress>? progress = null)
    {
        var results = new byte[ciphertexts.Count][];
        try
        {
            For(ciphertexts.Count, maxParallelism, i => results[i] = decrypt(ciphertexts[i].Ciphertext, ciphertexts[i].Alias), progress);
        }
        catch
        {
            foreach (var r in results)
            {
                if (r is not null)
                {
                    CryptographicOperations.ZeroMemory(r);
                }
            }

            throw;
        }

        return results;
    }
}
