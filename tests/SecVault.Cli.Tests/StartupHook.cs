#pragma warning disable CA1050 // The runtime looks for a type named StartupHook outside any namespace.

/// <summary>
/// A .NET startup hook (DOTNET_STARTUP_HOOKS) that lets a test make the built <c>mi</c> fail on a thread of its own:
/// with <c>SECVAULT_TEST_THROW_ON_A_THREAD=1</c> a background thread waits until the tool has hardened itself (its
/// hard core limit is 0, set after the last-resort handler is installed), then throws with a message that must never
/// be printed. Without the variable it does nothing.
/// </summary>
internal static class StartupHook
{
    public const string Variable = "SECVAULT_TEST_THROW_ON_A_THREAD";

    public static void Initialize()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            return;
        }

        var thread = new Thread(() =>
        {
            while (!File.ReadLines("/proc/self/limits").Any(l => l.StartsWith("Max core file size", StringComparison.Ordinal) && l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[5] == "0"))
            {
                Thread.Sleep(20);
            }

            throw new InvalidOperationException("secret-in-the-message");
        })
        { IsBackground = true };
        thread.Start();
    }
}
