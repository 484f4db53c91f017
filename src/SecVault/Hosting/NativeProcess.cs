using System.Runtime.InteropServices;

namespace SecVault.Hosting;

/// <summary>The POSIX process calls the executables need and .NET does not expose: prctl, setrlimit and kill.</summary>
internal static class NativeProcess
{
    /// <summary>prctl: read the dumpable flag (Linux).</summary>
    internal const int GetDumpable = 3;

    /// <summary>prctl: set the dumpable flag (Linux); 0 forbids core dumps and ptrace attach by the same user.</summary>
    internal const int SetDumpable = 4;

    /// <summary>setrlimit: the core file size limit (4 on Linux, macOS and the BSDs).</summary>
    internal const int ResourceCore = 4;

    /// <summary>SIGINT on Linux and macOS.</summary>
    internal const int SignalInterrupt = 2;

    /// <summary>SIGTERM on Linux and macOS.</summary>
    internal const int SignalTerminate = 15;

    [DllImport("libc", EntryPoint = "prctl", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [DllImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern int SetResourceLimit(int resource, ref ResourceLimit limit);

    [DllImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern int GetResourceLimit(int resource, out ResourceLimit limit);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern int Kill(int pid, int signal);

    /// <summary><c>struct rlimit</c>: <c>rlim_t</c> is an unsigned long on Linux and 64 bits on macOS.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ResourceLimit
    {
        /// <summary>The soft limit.</summary>
        public nuint Current;

        /// <summary>The hard limit.</summary>
        public nuint Maximum;
    }
}
