using System.Runtime.InteropServices;

namespace SecVault.IO;

/// <summary>The few POSIX calls .NET does not expose: folder descriptors for fsync and flock.</summary>
internal static class LibC
{
    /// <summary>flock: exclusive lock.</summary>
    internal const int LockExclusive = 2;

    /// <summary>flock: fail instead of waiting.</summary>
    internal const int LockNonBlocking = 4;

    /// <summary>flock: release.</summary>
    internal const int LockRelease = 8;

    /// <summary>errno EWOULDBLOCK on Linux.</summary>
    internal const int ErrorWouldBlock = 11;

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    internal static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    internal static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    internal static extern int Flock(int fd, int operation);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static extern int Close(int fd);
}
