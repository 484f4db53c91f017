using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace SecVault.IO;

/// <summary>
/// The one adapter for the POSIX calls .NET does not expose: descriptor-relative opens, renames and removals,
/// <c>statx</c>, <c>fchown</c>, <c>flock</c>, and the process calls <c>prctl</c>, <c>setrlimit</c> and <c>kill</c>.
/// Linux only (the process calls also macOS and the BSDs); callers keep Windows on the managed path.
/// </summary>
internal static class Posix
{
    internal const int ReadOnly = 0;
    internal const int WriteOnly = 1;
    internal const int ReadWrite = 2;
    internal const int Create = 0x40;
    internal const int Exclusive = 0x80;
    internal const int NonBlocking = 0x800;
    internal const int CloseOnExec = 0x80000;
    internal const int PathOnly = 0x200000;

    internal const int ErrorPermission = 1;
    internal const int ErrorNoEntry = 2;
    internal const int ErrorInterrupted = 4;
    internal const int ErrorWouldBlock = 11;
    internal const int ErrorAccess = 13;
    internal const int ErrorExists = 17;
    internal const int ErrorBusy = 16;
    internal const int ErrorCrossDevice = 18;
    internal const int ErrorNotFolder = 20;
    internal const int ErrorLoop = 40;

    /// <summary>prctl: set the dumpable flag (Linux); 0 forbids core dumps and ptrace attach by the same user.</summary>
    internal const int SetDumpable = 4;

    /// <summary>setrlimit: the core file size limit (4 on Linux, macOS and the BSDs).</summary>
    internal const int ResourceCore = 4;

    /// <summary>SIGINT on Linux and macOS.</summary>
    internal const int SignalInterrupt = 2;

    /// <summary>SIGTERM on Linux and macOS.</summary>
    internal const int SignalTerminate = 15;

    internal const int LockExclusive = 2;
    internal const int LockNonBlocking = 4;
    internal const int LockRelease = 8;

    private const int CurrentFolder = -100;
    private const int NoFollowFlag = 0x100;
    private const int EmptyPathFlag = 0x1000;
    private const uint BasicStats = 0x7ff;
    private const int StatxSize = 256;

    private static readonly bool IsArm = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm;

    /// <summary>O_NOFOLLOW, whose value differs between architectures.</summary>
    // Stryker disable once Conditional: the tests run on x86-64, where IsArm is false, so false picks the same value.
    internal static int NoFollow => IsArm ? 0x8000 : 0x20000;

    /// <summary>O_DIRECTORY, whose value differs between architectures.</summary>
    // Stryker disable once Conditional: the tests run on x86-64, where IsArm is false, so false picks the same value.
    internal static int Directory => IsArm ? 0x4000 : 0x10000;

    /// <summary>The effective user id of this process.</summary>
    internal static uint EffectiveUserId => GetEffectiveUserId();

    /// <summary>The errno of the last failed call.</summary>
    internal static int LastError => Marshal.GetLastPInvokeError();

    /// <summary>The text of an errno value, as strerror gives it.</summary>
    internal static string Describe(int error) => Marshal.GetPInvokeErrorMessage(error);

    /// <summary>openat relative to <paramref name="folder"/> (or the working folder when null); retried on EINTR.</summary>
    internal static SafeFileHandle OpenAt(SafeFileHandle? folder, string name, int flags, uint mode, out int error)
    {
        var fd = Retry(() => folder is null ? OpenAtRaw(CurrentFolder, name, flags | CloseOnExec, mode) : OpenAtHandle(folder, name, flags | CloseOnExec, mode));
        // Stryker disable once Equality,Conditional: callers read the error only when the descriptor is invalid.
        error = fd < 0 ? LastError : 0;
        // An invalid handle (-1) is never closed, owned or not.
        return new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>statx of the open descriptor itself (fstat).</summary>
    internal static bool TryStat(SafeFileHandle handle, out FileStatus status, out int error) =>
        TryStatx(handle, string.Empty, EmptyPathFlag, out status, out error);

    /// <summary>statx of <paramref name="name"/> in <paramref name="folder"/>, not following a final link (lstat).</summary>
    internal static bool TryStatAt(SafeFileHandle folder, string name, out FileStatus status, out int error) =>
        TryStatx(folder, name, NoFollowFlag, out status, out error);

    /// <summary>lstat of an absolute path.</summary>
    internal static bool TryLinkStat(string path, out FileStatus status)
    {
        Span<byte> buffer = stackalloc byte[StatxSize];
        var result = StatxRaw(CurrentFolder, path, NoFollowFlag, BasicStats, ref MemoryMarshal.GetReference(buffer));
        // Stryker disable once Conditional: callers read the status only on success.
        status = result == 0 ? FileStatus.FromStatx(buffer) : default;
        return result == 0;
    }

    /// <summary>readlink; null when <paramref name="path"/> is not a link or cannot be read.</summary>
    internal static string? ReadLink(string path)
    {
        var buffer = new byte[4096];
        var length = ReadLinkRaw(path, buffer, buffer.Length);
        // Stryker disable once Equality: no link text is empty, and none reaches PATH_MAX (4096) bytes.
        return length < 0 || length >= buffer.Length ? null : System.Text.Encoding.UTF8.GetString(buffer, 0, (int)length);
    }

    internal static int RenameAt(SafeFileHandle folder, string from, string to) => Retry(() => RenameAtRaw(folder, from, folder, to));

    internal static int UnlinkAt(SafeFileHandle folder, string name) => Retry(() => UnlinkAtRaw(folder, name, 0));

    internal static int MakeFolderAt(SafeFileHandle folder, string name, uint mode) => Retry(() => MakeFolderAtRaw(folder, name, mode));

    internal static int ChangeOwner(SafeFileHandle handle, uint user, uint group) => Retry(() => ChangeOwnerRaw(handle, user, group));

    internal static int ChangeMode(SafeFileHandle handle, uint mode) => Retry(() => ChangeModeRaw(handle, mode));

    internal static int Sync(SafeFileHandle handle) => Retry(() => SyncRaw(handle));

    internal static int Lock(SafeFileHandle handle, int operation) => Retry(() => LockRaw(handle, operation));

    /// <summary>Sets both the soft and the hard limit of <paramref name="resource"/> to zero; true when it took effect.</summary>
    internal static bool ZeroResourceLimit(int resource)
    {
        var none = default(ResourceLimit);
        return SetResourceLimitRaw(resource, ref none) == 0;
    }

    /// <summary>prctl with one argument (Linux); true when it took effect.</summary>
    internal static bool ProcessControl(int option, nuint argument) => ProcessControlRaw(option, argument, 0, 0, 0) == 0;

    /// <summary>kill: sends <paramref name="signal"/> to the process <paramref name="pid"/>; true when it was sent.</summary>
    internal static bool SendSignal(int pid, int signal) => KillRaw(pid, signal) == 0;

    private static int Retry(Func<int> call)
    {
        int result;
        // Stryker disable once Equality: EINTR needs a signal handler interrupting the call, which no test can time.
        do
        {
            result = call();
        }
        while (result < 0 && LastError == ErrorInterrupted);

        return result;
    }

    private static bool TryStatx(SafeFileHandle folder, string name, int flags, out FileStatus status, out int error)
    {
        Span<byte> buffer = stackalloc byte[StatxSize];
        var result = StatxHandle(folder, name, flags, BasicStats, ref MemoryMarshal.GetReference(buffer));
        // Stryker disable once Conditional: callers read the error only on failure.
        error = result == 0 ? 0 : LastError;
        // Stryker disable once Conditional: callers read the status only on success.
        status = result == 0 ? FileStatus.FromStatx(buffer) : default;
        return result == 0;
    }

    [DllImport("libc", EntryPoint = "openat", SetLastError = true)]
    private static extern int OpenAtRaw(int folder, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, int flags, uint mode);

    [DllImport("libc", EntryPoint = "openat", SetLastError = true)]
    private static extern int OpenAtHandle(SafeFileHandle folder, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, int flags, uint mode);

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int StatxRaw(int folder, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, int flags, uint mask, ref byte buffer);

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int StatxHandle(SafeFileHandle folder, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, int flags, uint mask, ref byte buffer);

    [DllImport("libc", EntryPoint = "readlink", SetLastError = true)]
    private static extern nint ReadLinkRaw([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer, nint size);

    [DllImport("libc", EntryPoint = "renameat", SetLastError = true)]
    private static extern int RenameAtRaw(SafeFileHandle fromFolder, [MarshalAs(UnmanagedType.LPUTF8Str)] string from, SafeFileHandle toFolder, [MarshalAs(UnmanagedType.LPUTF8Str)] string to);

    [DllImport("libc", EntryPoint = "unlinkat", SetLastError = true)]
    private static extern int UnlinkAtRaw(SafeFileHandle folder, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, int flags);

    [DllImport("libc", EntryPoint = "mkdirat", SetLastError = true)]
    private static extern int MakeFolderAtRaw(SafeFileHandle folder, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, uint mode);

    [DllImport("libc", EntryPoint = "fchown", SetLastError = true)]
    private static extern int ChangeOwnerRaw(SafeFileHandle handle, uint user, uint group);

    [DllImport("libc", EntryPoint = "fchmod", SetLastError = true)]
    private static extern int ChangeModeRaw(SafeFileHandle handle, uint mode);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int SyncRaw(SafeFileHandle handle);

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static extern int LockRaw(SafeFileHandle handle, int operation);

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();

    [DllImport("libc", EntryPoint = "prctl", SetLastError = true)]
    private static extern int ProcessControlRaw(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [DllImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static extern int SetResourceLimitRaw(int resource, ref ResourceLimit limit);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int KillRaw(int pid, int signal);

    /// <summary><c>struct rlimit</c>: <c>rlim_t</c> is an unsigned long on Linux and 64 bits on macOS.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceLimit
    {
        public nuint Current;
        public nuint Maximum;
    }
}
