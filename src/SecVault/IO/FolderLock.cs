using System.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace SecVault.IO;

/// <summary>
/// An exclusive lock held by a SecVault command for the whole read-compute-write of the files in a folder, so a
/// second SecVault process waits, then reads what the first one wrote, and no update is lost. The lock is a
/// <c>flock</c> on <c>.secvault.lock</c> in the folder, a private file (0600, the folder owner's): a user who
/// cannot write the folder cannot open it, so cannot block its writers. A lock file anyone else can open is
/// replaced by a fresh private one first. On Windows the lock is a no-op; the changed-since-read check remains.
/// </summary>
internal sealed class FolderLock : IDisposable
{
    /// <summary>The lock file's name.</summary>
    public const string FileName = ".secvault.lock";

    /// <summary>How long a command waits for another one by default.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private const uint PrivateMode = 0x180;

    private readonly SafeFileHandle? _handle;

    private FolderLock(string folder, SafeFileHandle? handle)
    {
        Folder = folder;
        _handle = handle;
    }

    /// <summary>The locked folder.</summary>
    public string Folder { get; }

    /// <summary>Locks <paramref name="folder"/>, waiting at most <paramref name="timeout"/> for another holder.</summary>
    /// <exception cref="FileWriteException">The folder is missing or unwritable, or stayed busy.</exception>
    public static FolderLock Acquire(string folder, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var full = Path.GetFullPath(folder);
        if (OperatingSystem.IsWindows())
        {
            return new FolderLock(full, null);
        }

        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        try
        {
            full = SafePath.Resolve(folder);
            // Stryker disable once Boolean: as root a readable descriptor opens wherever a path-only one does; the flag matters to other users.
            using var folderHandle = SafePath.OpenFolder(full, forSync: false);
            while (true)
            {
                var handle = OpenLockFile(folderHandle, full);
                if (Posix.Lock(handle, Posix.LockExclusive | Posix.LockNonBlocking) == 0)
                {
                    // The name may have been given to a fresh file meanwhile: only a lock on what it names counts.
                    if (Posix.TryStatAt(folderHandle, FileName, out var named, out _) && Posix.TryStat(handle, out var held, out _) && named.IsSameFileAs(held))
                    {
                        return new FolderLock(full, handle);
                    }

                    handle.Dispose();
                    continue;
                }

                var error = Posix.LastError;
                handle.Dispose();
                if (error != Posix.ErrorWouldBlock)
                {
                    throw new IOException(Posix.Describe(error));
                }

                // Stryker disable once Equality: the clock is never exactly at the limit.
                if (clock.Elapsed >= limit)
                {
                    throw new FileWriteException(full, IOText.FolderBusy(full, (long)Math.Round(limit.TotalSeconds)), IOText.FolderBusyHint);
                }

                // Stryker disable once Statement: the pause only spares the processor while another holder has the lock.
                Thread.Sleep(25);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FileWriteException(full, IOText.CannotLockFolder(full, e.Message), innerException: e);
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _handle?.Dispose();

    private static SafeFileHandle OpenLockFile(SafeFileHandle folder, string folderPath)
    {
        var owner = Posix.TryStat(folder, out var folderStatus, out _) ? folderStatus : default;
        var handle = Posix.OpenAt(folder, FileName, Posix.ReadWrite | Posix.Create | Posix.NoFollow, PrivateMode, out var error);
        if (handle.IsInvalid)
        {
            handle.Dispose();
            throw error == Posix.ErrorLoop
                ? new UnsafeFileException(Path.Join(folderPath, FileName), IOText.PathChangedWhileOpening(Path.Join(folderPath, FileName)))
                : new IOException(Posix.Describe(error));
        }

        if (Posix.TryStat(handle, out var status, out _) && IsPrivate(status, owner))
        {
            // Root's (or a fresh) lock file goes to the folder owner; for a caller who is not root the chown fails, harmlessly.
            if (status.UserId != owner.UserId)
            {
                _ = Posix.ChangeOwner(handle, owner.UserId, owner.GroupId);
            }

            return handle;
        }

        // Someone else could hold this file open: put a fresh private one in its place.
        handle.Dispose();
        var temp = $"{FileName}.{Environment.ProcessId}.{Guid.NewGuid():N}";
        using (var fresh = Posix.OpenAt(folder, temp, Posix.ReadWrite | Posix.Create | Posix.Exclusive | Posix.NoFollow, PrivateMode, out error))
        {
            if (fresh.IsInvalid)
            {
                throw new IOException(Posix.Describe(error));
            }

            // Given to the folder owner when it is opened again below.
            _ = Posix.ChangeMode(fresh, PrivateMode);
        }

        if (Posix.RenameAt(folder, temp, FileName) != 0)
        {
            error = Posix.LastError;
            _ = Posix.UnlinkAt(folder, temp);
            throw new IOException(Posix.Describe(error));
        }

        return OpenLockFile(folder, folderPath);
    }

    private static bool IsPrivate(FileStatus status, FileStatus folder) =>
        status.IsRegularFile && status.LinkCount == 1 && (status.Permissions & 0x3F) == 0
        && (status.UserId == folder.UserId || status.UserId == Posix.EffectiveUserId || status.UserId == 0);
}
