using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SecVault.IO;

/// <summary>
/// An exclusive advisory lock on a folder (POSIX <c>flock</c> on the folder itself, so no lock file is left behind),
/// held by a SecVault command for the whole read-compute-write of the files in it. A second SecVault process waits
/// for it, then reads what the first one wrote, so no update is lost. On Windows the lock is a no-op and the
/// changed-since-read check of <see cref="AtomicFile"/> is the only guard.
/// </summary>
public sealed class FolderLock : IDisposable
{
    /// <summary>How long a command waits for another one by default.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private int _fd;

    private FolderLock(string folder, int fd)
    {
        Folder = folder;
        _fd = fd;
    }

    /// <summary>The locked folder.</summary>
    public string Folder { get; }

    /// <summary>Locks <paramref name="folder"/>, waiting at most <paramref name="timeout"/> for another holder.</summary>
    public static FolderLock Acquire(string folder, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var full = Path.GetFullPath(folder);
        if (OperatingSystem.IsWindows())
        {
            return new FolderLock(full, -1);
        }

        var fd = LibC.Open(full, 0);
        if (fd < 0)
        {
            throw new FileWriteException(full, Messages.CannotLockFolder(full, Marshal.GetLastPInvokeErrorMessage()));
        }

        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (LibC.Flock(fd, LibC.LockExclusive | LibC.LockNonBlocking) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            if (error != LibC.ErrorWouldBlock || clock.Elapsed >= limit)
            {
                _ = LibC.Close(fd);
                throw error == LibC.ErrorWouldBlock
                    ? new FileWriteException(full, Messages.FolderBusy(full, limit), Messages.FolderBusyHint)
                    : new FileWriteException(full, Messages.CannotLockFolder(full, Marshal.GetPInvokeErrorMessage(error)));
            }

            Thread.Sleep(25);
        }

        return new FolderLock(full, fd);
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            _ = LibC.Flock(fd, LibC.LockRelease);
            _ = LibC.Close(fd);
        }
    }

}
