namespace SecVault.Tests.Ciphers;

/// <summary>Records reports on the reporting thread (Progress&lt;T&gt; would post them later).</summary>
internal sealed class SynchronousProgress(List<WorkProgress> reports) : IProgress<WorkProgress>
{
    public void Report(WorkProgress value)
    {
        lock (reports)
        {
            reports.Add(value);
        }
    }
}
