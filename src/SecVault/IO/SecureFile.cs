using Microsoft.Win32.SafeHandles;

namespace SecVault.IO;

/// <summary>
/// A regular file opened for reading under the file-system rule of <see cref="SafePath"/>: links resolved
/// under the rule, the final name opened with <c>O_NOFOLLOW | O_NONBLOCK</c>, and refused unless
/// <c>fstat</c> says it is a regular file, so FIFOs and devices fail at once instead of hanging or never ending.
/// </summary>
internal sealed class SecureFile : IDisposable
{
    private SecureFile(string resolvedPath, SafeFileHandle handle, FileStatus status)
    {
        ResolvedPath = resolvedPath;
        Handle = handle;
        Status = status;
    }

    /// <summary>The path with every link resolved.</summary>
    public string ResolvedPath { get; }

    /// <summary>The open descriptor.</summary>
    public SafeFileHandle Handle { get; }

    /// <summary>The file's status when opened.</summary>
    public FileStatus Status { get; }

    /// <summary>The size when opened.</summary>
    public long Length => Status.Size;

    /// <summary>Opens <paramref name="path"/> for reading.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="UnsafeFileException">A link breaks the rule, or the file is not a regular file.</exception>
    /// <exception cref="UnauthorizedAccessException">Permission denied.</exception>
    public static SecureFile OpenRead(string path) => Open(path, Posix.ReadOnly);

    /// <summary>Opens <paramref name="path"/> for reading and writing (a password file to be overwritten).</summary>
    public static SecureFile OpenReadWrite(string path) => Open(path, Posix.ReadWrite);

    /// <summary>Reads a whole regular file of at most <paramref name="maxBytes"/> bytes.</summary>
    /// <exception cref="FileTooLargeException">The file holds more.</exception>
    public static byte[] ReadAllBytes(string path, long maxBytes)
    {
        using var file = OpenRead(path);
        return file.ReadAll(maxBytes);
    }

    /// <summary>Reads a whole regular file of at most <paramref name="maxBytes"/> bytes as text.</summary>
    public static string ReadAllText(string path, long maxBytes, System.Text.Encoding encoding)
    {
        var bytes = ReadAllBytes(path, maxBytes);
        var start = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) && encoding is System.Text.UTF8Encoding ? 3 : 0;
        return encoding.GetString(bytes, start, bytes.Length - start);
    }

    /// <summary>
    /// Reads the whole file; more than <paramref name="maxBytes"/> (even if it grew since opening) is a
    /// <see cref="FileTooLargeException"/>, and a file that grew while it was read, within the limit, an <see cref="IOException"/>.
    /// </summary>
    public byte[] ReadAll(long maxBytes)
    {
        if (Length > maxBytes)
        {
            throw new FileTooLargeException(ResolvedPath, Length, maxBytes);
        }

        var buffer = new byte[Length];
        var total = 0;
        while (total < buffer.Length)
        {
            var read = RandomAccess.Read(Handle, buffer.AsSpan(total), total);
            if (read == 0)
            {
                return buffer[..total];
            }

            total += read;
        }

        Span<byte> probe = stackalloc byte[1];
        if (RandomAccess.Read(Handle, probe, total) > 0)
        {
            throw Length + 1 > maxBytes ? new FileTooLargeException(ResolvedPath, Length + 1, maxBytes) : new IOException(IOText.FileGrewWhileRead(ResolvedPath));
        }

        return buffer;
    }

    /// <summary>The effective user id of this process (0 on Windows).</summary>
    // Stryker disable once Conditional: the Windows branch; on Linux the runs are as root, whose id is 0 too.
    public static uint CallerId => OperatingSystem.IsWindows() ? 0 : Posix.EffectiveUserId;

    /// <summary>The owner's user id of a folder or file, after links resolved under the rule.</summary>
    public static uint OwnerOf(string path)
    {
        if (OperatingSystem.IsWindows())
        // Stryker disable all: Windows only, and the mutation runs are on Linux.
        {
            return 0;
        }
        // Stryker restore all

        var resolved = SafePath.Resolve(path);
        return SafePath.StatusOf(resolved)?.UserId ?? throw new DirectoryNotFoundException(IOText.FolderMissing(resolved));
    }

    /// <summary>Flushes what was written through the descriptor to disk.</summary>
    public void Flush()
    {
        if (OperatingSystem.IsWindows())
        // Stryker disable all: Windows only, and the mutation runs are on Linux.
        {
            return;
        }
        // Stryker restore all

        if (Posix.Sync(Handle) != 0)
        {
            throw new IOException(IOText.CannotWrite(ResolvedPath, Posix.Describe(Posix.LastError)));
        }
    }

    /// <summary>A stream over the open descriptor; disposing it closes the file.</summary>
    public FileStream ToStream(FileAccess access = FileAccess.Read) => new(Handle, access, bufferSize: 0);

    /// <inheritdoc/>
    public void Dispose() => Handle.Dispose();

    private static SecureFile Open(string path, int access)
    {
        // SafePath.Resolve refuses a null or empty path, naming it.
        var resolved = SafePath.Resolve(path);
        if (OperatingSystem.IsWindows())
        // Stryker disable all: Windows only, and the mutation runs are on Linux (OpenManaged itself is tested there).
        {
            return OpenManaged(path, access);
        }
        // Stryker restore all

        var name = Path.GetFileName(resolved);
        // Stryker disable once Boolean: as root a readable descriptor opens wherever a path-only one does; the flag matters to other users.
        using var folder = SafePath.OpenFolder(Path.GetDirectoryName(resolved) ?? "/", forSync: false);
        if (!Posix.TryStatAt(folder, name, out var before, out var error))
        {
            throw error == Posix.ErrorNoEntry
                ? new FileNotFoundException(IOText.FileMissing(resolved), resolved)
                : new IOException(IOText.CannotOpen(resolved, Posix.Describe(error)));
        }

        // Refused before opening: opening a device can itself have effects.
        ThrowIfNotRegular(resolved, before);
        var handle = Posix.OpenAt(folder, name, access | Posix.NoFollow | Posix.NonBlocking, 0, out error);
        if (handle.IsInvalid)
        {
            handle.Dispose();
            throw error switch
            {
                Posix.ErrorNoEntry => new FileNotFoundException(IOText.FileMissing(resolved), resolved),
                Posix.ErrorLoop => new UnsafeFileException(resolved, IOText.PathChangedWhileOpening(resolved)),
                Posix.ErrorAccess or Posix.ErrorPermission => new UnauthorizedAccessException(IOText.AccessDenied(resolved)),
                _ => new IOException(IOText.CannotOpen(resolved, Posix.Describe(error))),
            };
        }

        if (!Posix.TryStat(handle, out var status, out error))
        {
            handle.Dispose();
            throw new IOException(IOText.CannotOpen(resolved, Posix.Describe(error)));
        }

        if (!status.IsRegularFile)
        {
            handle.Dispose();
            ThrowIfNotRegular(resolved, status);
        }

        return new SecureFile(resolved, handle, status);
    }

    private static void ThrowIfNotRegular(string path, FileStatus status)
    {
        if (!status.IsRegularFile)
        {
            throw new UnsafeFileException(path, IOText.NotRegularFile(path, status.KindName));
        }
    }

    /// <summary>The Windows form of the open (<see cref="Posix.ReadOnly"/> or <see cref="Posix.ReadWrite"/>): plain .NET calls, so tests run it anywhere.</summary>
    internal static SecureFile OpenManaged(string path, int access)
    {
        var full = Path.GetFullPath(path);
        var handle = File.OpenHandle(full, FileMode.Open, access == Posix.ReadOnly ? FileAccess.Read : FileAccess.ReadWrite, FileShare.Read);
        var length = RandomAccess.GetLength(handle);
        return new SecureFile(full, handle, new FileStatus(0, 0, 0x8000, 1, 0, 0, length, 0, 0));
    }
}
