using System.Runtime.CompilerServices;
using SecVault.IO;

namespace SecVault.Hosting;

/// <summary>
/// What both executables do first, since the process holds keystore passwords and decrypted secrets: no core file,
/// no ptrace attach by other processes of the same user (Linux), and no reachable .NET diagnostic port.
/// </summary>
internal static class ProcessHardening
{
    /// <summary>
    /// Sets <c>RLIMIT_CORE</c> to 0 (soft and hard; Linux, macOS, FreeBSD), <c>PR_SET_DUMPABLE</c> to 0 (Linux) and
    /// removes this process's diagnostic socket. Best effort: a platform or sandbox that refuses a step leaves the
    /// process as it was; returns true when every step took effect (or does not apply). A child started by
    /// <c>mi secret exec</c> inherits the core limit of 0 (it holds the same secrets) but not the dumpable flag,
    /// which <c>execve</c> resets.
    /// </summary>
    public static bool Apply()
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD()))
        {
            return true;
        }

        return LimitCoreAndDumping() & RemoveDiagnosticSocket();
    }

    private static bool LimitCoreAndDumping()
    {
        try
        {
            var applied = Posix.ZeroResourceLimit(Posix.ResourceCore);
            if (OperatingSystem.IsLinux())
            {
                applied &= Posix.ProcessControl(Posix.SetDumpable, 0);
            }

            return applied;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A libc without these calls (or by another name) must not stop the tool from running.
            return false;
        }
    }

    /// <summary>
    /// CoreCLR listens on <c>$TMPDIR/dotnet-diagnostic-&lt;pid&gt;-&lt;key&gt;-socket</c> (dumps, traces, startup hooks for
    /// any process of the same user). Only <c>DOTNET_EnableDiagnostics=0</c>, read before <c>Main</c>, keeps it from
    /// starting: .NET 10 has no runtimeconfig.json knob for it. Removing the path leaves no way to connect.
    /// NativeAOT builds have no listener, since <c>EventSourceSupport</c> is off (src/Executables.props), so they skip
    /// the search: listing <c>$TMPDIR</c> (900 entries here) was ~0.7 ms of a one-secret <c>mi secret create</c>'s ~8 ms.
    /// </summary>
    private static bool RemoveDiagnosticSocket()
    {
        if (!RuntimeFeature.IsDynamicCodeSupported
            && AppContext.TryGetSwitch("System.Diagnostics.Tracing.EventSource.IsSupported", out var eventSource) && !eventSource)
        {
            // NativeAOT built without EventSource support (src/Executables.props): no diagnostic server to listen.
            return true;
        }

        try
        {
            foreach (var socket in Directory.EnumerateFiles(Path.GetTempPath(), $"dotnet-diagnostic-{Environment.ProcessId}-*-socket"))
            {
                File.Delete(socket);
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
