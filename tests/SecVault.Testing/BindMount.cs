using System.Runtime.InteropServices;

namespace SecVault.Testing;

/// <summary>
/// Runs code where a single file is bind-mounted over another, as containers mount configuration files: on a
/// fresh thread that leaves the process's mount namespace (Linux <c>unshare(CLONE_NEWNS)</c> acts on the calling
/// thread only), so the mount is seen by that thread alone and vanishes when it ends. Needs root and a kernel or
/// container that permits mounts.
/// </summary>
public static class BindMount
{
    private const int NewMountNamespace = 0x20000;
    private const int Detach = 2;
    private const nuint Bind = 0x1000;
    private const nuint Recursive = 0x4000;
    private const nuint Private = 0x40000;

    /// <summary>
    /// Mounts <paramref name="source"/> over <paramref name="target"/> (both existing files) and runs
    /// <paramref name="action"/> there. Returns null when it ran, else why the mount could not be made (the action
    /// did not run). An exception of <paramref name="action"/> is rethrown.
    /// </summary>
    public static string? TryRun(string source, string target, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (!OperatingSystem.IsLinux() || !Ownership.IsRoot)
        {
            return "a bind mount needs root on Linux";
        }

        string? refused = null;
        Ownership.RunOnOwnThread(() =>
        {
            if (Unshare(NewMountNamespace) != 0)
            {
                refused = $"unshare(CLONE_NEWNS) is not permitted here (errno {Marshal.GetLastPInvokeError()})";
                return;
            }

            // Private, so nothing mounted here reaches the process's own namespace.
            if (Mount(null, "/", null, Recursive | Private, 0) != 0 || Mount(source, target, null, Bind, 0) != 0)
            {
                refused = $"mount is not permitted here (errno {Marshal.GetLastPInvokeError()})";
                return;
            }

            action();
        });

        return refused;
    }

    /// <summary>
    /// From inside <see cref="TryRun"/>'s action: mounts <paramref name="source"/> over <paramref name="target"/> in
    /// place of what is mounted there, as a container runtime swapping a mounted file would.
    /// </summary>
    public static void Replace(string source, string target)
    {
        if (Unmount(target, Detach) != 0 || Mount(source, target, null, Bind, 0) != 0)
        {
            throw new IOException($"remounting {target}: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc", EntryPoint = "umount2", SetLastError = true)]
    private static extern int Unmount([MarshalAs(UnmanagedType.LPUTF8Str)] string target, int flags);

    [DllImport("libc", EntryPoint = "unshare", SetLastError = true)]
    private static extern int Unshare(int flags);

    [DllImport("libc", EntryPoint = "mount", SetLastError = true)]
    private static extern int Mount([MarshalAs(UnmanagedType.LPUTF8Str)] string? source, [MarshalAs(UnmanagedType.LPUTF8Str)] string target, [MarshalAs(UnmanagedType.LPUTF8Str)] string? type, nuint flags, nint data);
}
