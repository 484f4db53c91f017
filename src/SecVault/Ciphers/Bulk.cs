using System.Runtime.ExceptionServices;

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
}
