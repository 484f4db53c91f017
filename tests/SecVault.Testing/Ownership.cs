using System.Runtime.InteropServices;

namespace SecVault.Testing;

/// <summary>Test helpers that make files look like another user's: chown without following links, link, mknod, mkfifo.</summary>
public static class Ownership
{
    /// <summary>An unprivileged user id that owns nothing on the machine ("nobody").</summary>
    public const int OtherUser = 65534;

    /// <summary>True when the tests run as root, so they can give files away.</summary>
    public static bool IsRoot => !OperatingSystem.IsWindows() && GetEffectiveUserId() == 0;

    /// <summary>Gives <paramref name="path"/> (the link itself, when it is one) to <paramref name="user"/>.</summary>
    public static void GiveTo(string path, int user, int? group = null)
    {
        if (LinkChangeOwner(path, user, group ?? user) != 0)
        {
            throw new IOException($"lchown {path}: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>The owner's user id of <paramref name="path"/> (not following a link).</summary>
    public static int OwnerOf(string path) => int.Parse(Stat(path, "%u"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The group id of <paramref name="path"/> (not following a link).</summary>
    public static int GroupOf(string path) => int.Parse(Stat(path, "%g"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>stat's word for the kind of file at <paramref name="path"/>, e.g. "fifo", "character special file".</summary>
    public static string KindOf(string path) => Stat(path, "%F");

    private static string Stat(string path, string format)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("stat", ["-c", format, path]) { RedirectStandardOutput = true };
        using var process = System.Diagnostics.Process.Start(psi)!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return text.Trim();
    }

    /// <summary>Makes a character device node (root only), e.g. 1,5 for a zero device, inside a test folder.</summary>
    public static void MakeCharacterDevice(string path, int major, int minor)
    {
        if (MakeNode(path, 0x2000 | 0x1B6, ((ulong)major << 8) | (uint)minor) != 0)
        {
            throw new IOException($"mknod {path}: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Gives <paramref name="path"/> a second name, <paramref name="other"/> (a hard link).</summary>
    public static void MakeHardLink(string path, string other)
    {
        if (Link(path, other) != 0)
        {
            throw new IOException($"link {path} {other}: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Makes a named pipe.</summary>
    public static void MakeFifo(string path)
    {
        if (MakeFifoRaw(path, 0x1B6) != 0)
        {
            throw new IOException($"mkfifo {path}: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> on a fresh thread whose file-system user and group are <paramref name="user"/>
    /// (Linux <c>setfsuid</c>/<c>setfsgid</c>, which act on the calling thread only and, away from 0, drop the
    /// thread's file capabilities), so root tests can meet file modes as an unprivileged user does. Root only.
    /// </summary>
    public static void RunAsFileSystemUser(int user, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        RunOnOwnThread(() =>
        {
            _ = SetFileSystemGroup(user);
            _ = SetFileSystemUser(user);
            // Both calls return the previous id whether they worked or not: ask again to know.
            if (SetFileSystemUser(-1) != user || SetFileSystemGroup(-1) != user)
            {
                throw new InvalidOperationException($"setfsuid/setfsgid({user}) did not take effect");
            }

            action();
        });
    }

    /// <summary>
    /// Runs <paramref name="action"/> on a fresh thread, for per-thread state (file-system ids, a mount namespace)
    /// that must end with it; its exception is rethrown here.
    /// </summary>
    internal static void RunOnOwnThread(Action action)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                action();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> with file modes enforced: as <see cref="OtherUser"/> through
    /// <see cref="RunAsFileSystemUser"/> when root (whose capabilities pass every mode), else directly.
    /// </summary>
    public static void RunUnprivileged(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (IsRoot)
        {
            RunAsFileSystemUser(OtherUser, action);
        }
        else
        {
            action();
        }
    }

    [DllImport("libc", EntryPoint = "setfsuid")]
    private static extern int SetFileSystemUser(int user);

    [DllImport("libc", EntryPoint = "setfsgid")]
    private static extern int SetFileSystemGroup(int group);

    [DllImport("libc", EntryPoint = "lchown", SetLastError = true)]
    private static extern int LinkChangeOwner([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int user, int group);

    [DllImport("libc", EntryPoint = "mknod", SetLastError = true)]
    private static extern int MakeNode([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode, ulong device);

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [MarshalAs(UnmanagedType.LPUTF8Str)] string other);

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MakeFifoRaw([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();
}
