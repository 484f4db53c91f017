namespace SecVault.IO;

/// <summary>
/// Atomic replacement of configuration and secret files: a temporary file in the target's folder,
/// flushed to disk, then renamed over the target. A crash leaves either the old or the new file.
/// </summary>
public static class AtomicFile
{
    private const UnixFileMode NewFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode NewFolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// Replaces <paramref name="path"/> with <paramref name="content"/>. An existing file keeps its mode;
    /// a symbolic link's final target is replaced; a new file gets mode 0600 on Unix. When
    /// <paramref name="expected"/> is given, the write is refused if the file changed since that snapshot.
    /// </summary>
    public static void Write(string path, ReadOnlySpan<byte> content, FileSnapshot? expected = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var target = ResolveLinkTarget(Path.GetFullPath(path));
        if (Directory.Exists(target))
        {
            throw new FileWriteException(target, Messages.NotAFile(target));
        }

        var folder = Path.GetDirectoryName(target)!;
        var temp = Path.Combine(folder, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        RemoveStaleTemporaries(folder, Path.GetFileName(target));
        try
        {
            UnixFileMode? mode = null;
            if (!OperatingSystem.IsWindows())
            {
                mode = File.Exists(target) ? File.GetUnixFileMode(target) : NewFileMode;
            }

            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                Options = FileOptions.None,
            };
            if (!OperatingSystem.IsWindows())
            {
                // Created private; the original mode is applied only once the content is complete.
                options.UnixCreateMode = NewFileMode;
            }

            using (var stream = new FileStream(temp, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            if (mode is { } m && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, m);
            }

            if (expected is not null && File.Exists(target) && !expected.IsUnchangedOnDisk())
            {
                throw new FileWriteException(target, Messages.FileChangedSinceRead(target), Messages.FileChangedHint);
            }

            File.Move(temp, target, overwrite: true);
            FlushFolder(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FileWriteException(target, Messages.CannotWrite(target, e.Message), innerException: e);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Creates a folder and its missing parents; new folders get mode 0700 on Unix.</summary>
    public static void CreateFolder(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return;
        }

        var parent = Path.GetDirectoryName(full);
        if (parent is not null)
        {
            CreateFolder(parent);
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(full);
        }
        else
        {
            Directory.CreateDirectory(full, NewFolderMode);
        }
    }

    /// <summary>
    /// Deletes temporary files of <paramref name="fileName"/> left by a SecVault process that was killed mid-write.
    /// They hold only the would-be new content (never plaintext), but should not pile up.
    /// </summary>
    private static void RemoveStaleTemporaries(string folder, string fileName)
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc/self"))
        {
            return;
        }

        foreach (var path in Directory.EnumerateFiles(folder, $".{fileName}.*.tmp"))
        {
            var parts = Path.GetFileName(path)[(fileName.Length + 2)..].Split('.');
            if (parts.Length == 3 && int.TryParse(parts[0], out var pid) && pid != Environment.ProcessId && !Directory.Exists($"/proc/{pid}"))
            {
                try
                {
                    File.Delete(path);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }
    }

    private static string ResolveLinkTarget(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is null)
        {
            return path;
        }

        var final = info.ResolveLinkTarget(returnFinalTarget: true);
        return final?.FullName ?? path;
    }

    private static void FlushFolder(string folder)
    {
        // The rename is durable only once the folder entry is on disk (POSIX); Windows has no equivalent.
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = LibC.Open(folder, 0);
        if (fd >= 0)
        {
            _ = LibC.Fsync(fd);
            _ = LibC.Close(fd);
        }
    }
}
