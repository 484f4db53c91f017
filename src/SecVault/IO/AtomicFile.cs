using Microsoft.Win32.SafeHandles;

namespace SecVault.IO;

/// <summary>
/// Atomic, descriptor-based replacement of configuration and secret files (docs/security.md). The target's
/// folder is opened by walking it with <c>O_NOFOLLOW</c>; a temporary file is created in it with
/// <c>O_CREAT | O_EXCL | O_NOFOLLOW</c> and mode 0600, written, given the target's owner, group and mode with
/// <c>fchown</c>/<c>fchmod</c> on its descriptor (never by path), flushed, then renamed over the target with
/// <c>renameat</c>. A crash leaves either the old or the new file. Where the rename is impossible because the
/// target is a mount point (a single-file bind mount), the file is rewritten in place behind a private backup.
/// </summary>
internal static class AtomicFile
{
    private const uint NewFileMode = 0x180; // 0600
    private const uint NewFolderMode = 0x1C0; // 0700
    private const int CopyChunk = 64 * 1024;

    /// <summary>
    /// Replaces <paramref name="path"/> with <paramref name="content"/>. An existing file keeps its owner, group and
    /// mode; a new one gets mode 0600 and, when run as root, the owner of its folder. A trusted link's target is
    /// replaced, not the link. When <paramref name="expected"/> is given, the write is refused if the file changed
    /// since that snapshot. <paramref name="privateFile"/> gives the file mode 0600 even if it had another. Returns
    /// warnings for the user (hard links, in-place rewrite).
    /// </summary>
    /// <exception cref="FileWriteException">The file cannot be written safely; it is left as it was.</exception>
    public static IReadOnlyList<string> Write(string path, ReadOnlyMemory<byte> content, FileSnapshot? expected = null, bool privateFile = false) =>
        Write(path, output => output.Write(content.Span), expected, privateFile);

    /// <summary>
    /// Puts <paramref name="content"/> (what the file held before this run) back at <paramref name="path"/> after a
    /// later write of the same run failed; null when that worked, else why it did not. Never throws for the write.
    /// </summary>
    internal static string? TryPutBack(string path, byte[] content)
    {
        try
        {
            _ = Write(path, content);
            return null;
        }
        catch (Exception e) when (e is FileWriteException or IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }

    /// <summary>
    /// Replaces <paramref name="path"/> with what <paramref name="writeContent"/> writes to the stream it is given (the
    /// temporary file's descriptor, buffered), as <see cref="Write(string, ReadOnlyMemory{byte}, FileSnapshot?, bool)"/>
    /// does; content of any size is never held whole in memory. An exception from <paramref name="writeContent"/>
    /// leaves the file as it was and is rethrown.
    /// </summary>
    /// <exception cref="FileWriteException">The file cannot be written safely; it is left as it was.</exception>
    public static IReadOnlyList<string> Write(string path, Action<Stream> writeContent, FileSnapshot? expected = null, bool privateFile = false)
    {
        ArgumentNullException.ThrowIfNull(writeContent);
        // Path.GetFullPath refuses a null or empty path, naming it.
        var target = Path.GetFullPath(path);
        if (OperatingSystem.IsWindows())
        // Stryker disable all: Windows only, and the mutation runs are on Linux (WriteManaged itself is tested there).
        {
            WriteManaged(target, writeContent, expected);
            return [];
        }
        // Stryker restore all

        try
        {
            target = SafePath.Resolve(path);
            var name = Path.GetFileName(target);
            using var folder = SafePath.OpenFolder(Path.GetDirectoryName(target) ?? "/");
            return Replace(folder, target, name, writeContent, expected, privateFile);
        }
        catch (FileWriteException)
        {
            throw;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FileWriteException(target, IOText.CannotWrite(target, e.Message), innerException: e);
        }
    }

    /// <summary>
    /// Creates a folder and its missing parents. New folders get mode 0700 and, when run as root, the owner and
    /// group of the folder they are made in.
    /// </summary>
    /// <exception cref="FileWriteException">A folder cannot be made.</exception>
    public static void CreateFolder(string path)
    {
        // Path.GetFullPath refuses a null or empty path, naming it.
        var full = Path.GetFullPath(path);
        if (OperatingSystem.IsWindows())
        // Stryker disable all: Windows only, and the mutation runs are on Linux.
        {
            Directory.CreateDirectory(path);
            return;
        }
        // Stryker restore all

        try
        {
            full = SafePath.Resolve(path);
            if (SafePath.StatusOf(full) is { } existing)
            {
                if (!existing.IsFolder)
                {
                    throw new UnsafeFileException(full, IOText.NotAFolder(full, existing.KindName));
                }

                return;
            }

            var parent = Path.GetDirectoryName(full) ?? "/";
            CreateFolder(parent);
            // Stryker disable once Boolean: as root a readable descriptor opens wherever a path-only one does; the flag matters to other users.
            using var parentHandle = SafePath.OpenFolder(parent, forSync: false);
            var name = Path.GetFileName(full);
            if (Posix.MakeFolderAt(parentHandle, name, NewFolderMode) != 0 && Posix.LastError != Posix.ErrorExists)
            {
                throw new IOException(Posix.Describe(Posix.LastError));
            }

            using var created = Posix.OpenAt(parentHandle, name, Posix.ReadOnly | Posix.Directory | Posix.NoFollow, 0, out var error);
            if (created.IsInvalid)
            {
                throw new UnsafeFileException(full, IOText.PathChangedWhileOpening(full));
            }

            if (Posix.TryStat(parentHandle, out var parentStatus, out _))
            {
                TakeOwner(created, parentStatus.UserId, parentStatus.GroupId);
            }

            ThrowIfFailed(Posix.ChangeMode(created, NewFolderMode));
        }
        catch (FileWriteException)
        {
            throw;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FileWriteException(full, IOText.CannotWrite(full, e.Message), innerException: e);
        }
    }

    private static List<string> Replace(SafeFileHandle folder, string target, string name, Action<Stream> writeContent, FileSnapshot? expected, bool privateFile)
    {
        var warnings = new List<string>();
        FileStatus? existing = Posix.TryStatAt(folder, name, out var status, out _) ? status : null;
        if (existing is { IsRegularFile: false } special)
        {
            throw new FileWriteException(target, IOText.NotRegularTarget(target, special.KindName));
        }

        if (expected is not null && existing is null)
        {
            throw new FileWriteException(target, IOText.FileChangedSinceRead(target), IOText.FileChangedHint);
        }

        RemoveStaleTemporaries(folder, Path.GetDirectoryName(target) ?? "/", name);
        var temp = $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        var renamed = false;
        try
        {
            using var handle = Posix.OpenAt(folder, temp, Posix.WriteOnly | Posix.Create | Posix.Exclusive | Posix.NoFollow, NewFileMode, out var error);
            if (handle.IsInvalid)
            {
                throw new IOException(Posix.Describe(error));
            }

            var descriptor = new DescriptorStream(handle);
            using (var output = new BufferedStream(descriptor, CopyChunk))
            {
                writeContent(output);
                // Stryker disable once Statement: disposing the buffered stream at the end of this block flushes it too.
                output.Flush();
            }

            var length = descriptor.Length;

            if (existing is { } old)
            {
                TakeOwner(handle, old.UserId, old.GroupId);
                ThrowIfFailed(Posix.ChangeMode(handle, privateFile ? NewFileMode : old.Permissions & 0x1FF));
            }
            else
            {
                if (Posix.TryStat(folder, out var folderStatus, out _))
                {
                    TakeOwner(handle, folderStatus.UserId, folderStatus.GroupId);
                }

                // Stryker disable once Statement: openat made the temporary with this mode already; this keeps it whatever the umask.
                ThrowIfFailed(Posix.ChangeMode(handle, NewFileMode));
            }

            // Stryker disable once Statement: durability, observable only after a power loss.
            ThrowIfFailed(Posix.Sync(handle));

            if (expected is not null)
            {
                ThrowIfChanged(target, expected);
            }

            if (existing is { LinkCount: > 1 })
            {
                warnings.Add(IOText.HardLinkedTarget(target, existing.Value.LinkCount - 1));
            }

            if (Posix.RenameAt(folder, temp, name) == 0)
            {
                renamed = true;
                _ = Posix.Sync(folder);
                return warnings;
            }

            var renameError = Posix.LastError;
            if (renameError is not (Posix.ErrorBusy or Posix.ErrorCrossDevice) || existing is null)
            {
                throw new IOException(Posix.Describe(renameError));
            }

            RewriteInPlace(folder, target, name, temp, length, existing.Value, privateFile);

            warnings.Add(IOText.WrittenInPlace(target));
            return warnings;
        }
        finally
        {
            if (!renamed)
            {
                _ = Posix.UnlinkAt(folder, temp);
            }
        }
    }

    /// <summary>
    /// For a target that cannot be renamed over (a bind-mounted file): keep a private backup of the old content,
    /// copy the new content from the temporary file <paramref name="temp"/> into the file itself, flush, then drop the
    /// backup. A crash leaves the backup. A <paramref name="privateFile"/> gets mode 0600 before the new content is in it,
    /// as the replacing file would have had.
    /// </summary>
    private static void RewriteInPlace(SafeFileHandle folder, string target, string name, string temp, long length, FileStatus expected, bool privateFile)
    {
        var backupName = $".{name}.secvault-backup";
        var backupPath = Path.Join(Path.GetDirectoryName(target), backupName);
        if (Posix.TryStatAt(folder, backupName, out _, out _))
        {
            throw new FileWriteException(target, IOText.BackupLeftBehind(target, backupPath), IOText.BackupLeftBehindHint(backupPath));
        }

        using var file = Posix.OpenAt(folder, name, Posix.ReadWrite | Posix.NoFollow, 0, out var error);
        if (file.IsInvalid || !Posix.TryStat(file, out var now, out error) || !now.IsSameFileAs(expected) || !now.IsRegularFile)
        {
            throw new FileWriteException(target, IOText.FileChangedSinceRead(target), IOText.FileChangedHint);
        }

        // Before the backup exists, so a refusal (another user's file) leaves nothing behind.
        if (privateFile && (now.Permissions & 0x1FF) != NewFileMode)
        {
            ThrowIfFailed(Posix.ChangeMode(file, NewFileMode));
        }

        using (var backup = Posix.OpenAt(folder, backupName, Posix.WriteOnly | Posix.Create | Posix.Exclusive | Posix.NoFollow, NewFileMode, out error))
        {
            if (backup.IsInvalid)
            {
                throw new IOException(Posix.Describe(error));
            }

            // Stryker disable once Statement: the backup is read only after a crash in the middle of the rewrite.
            Copy(file, backup, now.Size);
            // Stryker disable once Statement: durability, observable only after a power loss.
            ThrowIfFailed(Posix.Sync(backup));
        }

        _ = Posix.Sync(folder);
        using (var content = Posix.OpenAt(folder, temp, Posix.ReadOnly | Posix.NoFollow, 0, out error))
        {
            if (content.IsInvalid)
            {
                throw new IOException(Posix.Describe(error));
            }

            Copy(content, file, length);
        }

        RandomAccess.SetLength(file, length);
        // Stryker disable once Statement: durability, observable only after a power loss.
        ThrowIfFailed(Posix.Sync(file));
        _ = Posix.UnlinkAt(folder, backupName);
        _ = Posix.Sync(folder);
    }

    /// <summary>Copies the first <paramref name="length"/> bytes of <paramref name="from"/> over the start of <paramref name="to"/>, a chunk at a time.</summary>
    private static void Copy(SafeFileHandle from, SafeFileHandle to, long length)
    {
        var chunk = new byte[CopyChunk];
        try
        {
            for (long offset = 0; offset < length;)
            {
                var read = RandomAccess.Read(from, chunk.AsSpan(0, (int)Math.Min(chunk.Length, length - offset)), offset);
                if (read == 0)
                {
                    throw new IOException(IOText.FileShrankWhileCopying);
                }

                RandomAccess.Write(to, chunk.AsSpan(0, read), offset);
                offset += read;
            }
        }
        finally
        {
            // Stryker disable once Statement: zeroing is hygiene, not output.
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(chunk);
        }
    }

    private static void ThrowIfChanged(string target, FileSnapshot expected)
    {
        try
        {
            using var file = SecureFile.OpenRead(target);
            if (expected.IsSameAs(file))
            {
                return;
            }
        }
        catch (FileNotFoundException)
        {
        }

        throw new FileWriteException(target, IOText.FileChangedSinceRead(target), IOText.FileChangedHint);
    }

    /// <summary>Gives the file the owner and group wanted; only root can give a file away, so others keep their own.</summary>
    private static void TakeOwner(SafeFileHandle handle, uint user, uint group)
    {
        if (!Posix.TryStat(handle, out var status, out _) || (status.UserId == user && status.GroupId == group))
        {
            return;
        }

        if (Posix.ChangeOwner(handle, user, group) == 0)
        {
            return;
        }

        // A non-root caller may still set a group it belongs to.
        _ = Posix.ChangeOwner(handle, uint.MaxValue, group);
    }

    private static void ThrowIfFailed(int result)
    {
        if (result != 0)
        {
            throw new IOException(Posix.Describe(Posix.LastError));
        }
    }

    /// <summary>
    /// Deletes temporary files of <paramref name="fileName"/> left by a SecVault process that was killed mid-write.
    /// They hold only the would-be new content (never plaintext), but should not pile up.
    /// </summary>
    private static void RemoveStaleTemporaries(SafeFileHandle folder, string folderPath, string fileName)
    {
        if (!System.IO.Directory.Exists("/proc/self"))
        {
            return;
        }

        IEnumerable<string> names;
        try
        {
            names = System.IO.Directory.EnumerateFiles(folderPath, $".{fileName}.*.tmp").Select(Path.GetFileName).OfType<string>().ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (var temp in names)
        {
            var parts = temp[(fileName.Length + 2)..].Split('.');
            if (parts.Length == 3 && int.TryParse(parts[0], out var pid) && pid != Environment.ProcessId && !System.IO.Directory.Exists($"/proc/{pid}"))
            {
                _ = Posix.UnlinkAt(folder, temp);
            }
        }
    }

    /// <summary>
    /// The Windows form of <see cref="Write(string, Action{Stream}, FileSnapshot?, bool)"/>: a temporary file made new
    /// beside <paramref name="target"/> (a full path), then moved over it; plain .NET calls, so tests run it anywhere.
    /// </summary>
    internal static void WriteManaged(string target, Action<Stream> writeContent, FileSnapshot? expected)
    {
        var folder = Path.GetDirectoryName(target)!;
        var temp = Path.Combine(folder, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                writeContent(stream);
                // Stryker disable once Statement,Boolean: durability, observable only after a power loss (disposal flushes the rest).
                stream.Flush(flushToDisk: true);
            }

            if (expected is not null && !expected.IsUnchangedOnDisk())
            {
                throw new FileWriteException(target, IOText.FileChangedSinceRead(target), IOText.FileChangedHint);
            }

            File.Move(temp, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FileWriteException(target, IOText.CannotWrite(target, e.Message), innerException: e);
        }
        finally
        {
            // Gone after the move; never made when the folder is missing (File.Delete would throw, hiding the error).
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
