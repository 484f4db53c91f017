using Microsoft.Win32.SafeHandles;

namespace SecVault.IO;

/// <summary>
/// The file-system rule every read and write of SecVault follows on Unix (docs/security.md):
/// a symbolic link, anywhere in a path, is followed only when root or the caller owns it, or when what it
/// finally points to belongs to the link's own owner (a user can only lead SecVault to their own files).
/// A path is resolved once under that rule; the file is then opened by walking the resolved folders with
/// <c>O_NOFOLLOW</c>, so a link swapped in after the check makes the open fail instead of being followed.
/// </summary>
internal static class SafePath
{
    private const int MaxLinks = 40;

    /// <summary>The absolute path with every link resolved under the rule; the tail may not exist yet.</summary>
    /// <exception cref="UnsafeFileException">A link breaks the rule, or the links loop.</exception>
    public static string Resolve(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (OperatingSystem.IsWindows())
        // Stryker disable all: Windows only, and the mutation runs are on Linux.
        {
            return Path.GetFullPath(path);
        }
        // Stryker restore all

        var links = 0;
        return Resolve(Absolute(path), ref links);
    }

    /// <summary>Opens a resolved folder by walking from the root with <c>O_NOFOLLOW</c> at every step.</summary>
    /// <exception cref="IOException">A step is missing, not a folder, or was replaced by a link.</exception>
    public static SafeFileHandle OpenFolder(string resolvedFolder, bool forSync = true)
    {
        var parts = resolvedFolder.Split('/', StringSplitOptions.RemoveEmptyEntries);
        // The root itself, when it is the folder to flush, is opened readable: fsync of an O_PATH descriptor fails.
        var rootFlags = Posix.Directory | (parts.Length == 0 && forSync ? Posix.ReadOnly : Posix.PathOnly);
        var handle = Posix.OpenAt(null, "/", rootFlags, 0, out var error);
        // Stryker disable once Statement,String: "/" always opens; the check stays for a broken system.
        ThrowIfFailed(handle, error, "/");
        for (var i = 0; i < parts.Length; i++)
        {
            var last = i == parts.Length - 1;
            var flags = Posix.Directory | Posix.NoFollow | (last && forSync ? Posix.ReadOnly : Posix.PathOnly);
            var next = Posix.OpenAt(handle, parts[i], flags, 0, out error);
            if (next.IsInvalid && last && forSync && error == Posix.ErrorAccess)
            {
                // Traversable but not readable: enough for openat, only the folder flush is lost.
                next = Posix.OpenAt(handle, parts[i], Posix.Directory | Posix.NoFollow | Posix.PathOnly, 0, out error);
            }

            handle.Dispose();
            ThrowIfFailed(next, error, "/" + string.Join('/', parts[..(i + 1)]));
            handle = next;
        }

        return handle;
    }

    /// <summary>The status of a resolved path, without following a final link; null when it does not exist.</summary>
    public static FileStatus? StatusOf(string resolvedPath) =>
        Posix.TryLinkStat(resolvedPath, out var status) ? status : null;

    private static void ThrowIfFailed(SafeFileHandle handle, int error, string path)
    {
        if (!handle.IsInvalid)
        {
            return;
        }

        handle.Dispose();
        throw error switch
        {
            Posix.ErrorNoEntry => new DirectoryNotFoundException(IOText.FolderMissing(path)),
            Posix.ErrorLoop or Posix.ErrorNotFolder => new UnsafeFileException(path, IOText.PathChangedWhileOpening(path)),
            Posix.ErrorAccess or Posix.ErrorPermission => new UnauthorizedAccessException(IOText.AccessDenied(path)),
            _ => new IOException(IOText.CannotOpen(path, Posix.Describe(error))),
        };
    }

    private static string Absolute(string path) =>
        path.StartsWith('/') ? path : Path.Join(Directory.GetCurrentDirectory(), path);

    private static string Resolve(string absolute, ref int links)
    {
        var pending = new Stack<string>(absolute.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
        var resolved = "/";
        // How many names of the path so far lie below the first one that does not exist: those are taken by name.
        var missingDepth = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                // Back out of a part that does not exist by counting, not by asking the disk again (which another user
                // could change in between): what follows the last missing name is looked at again, links included.
                resolved = Path.GetDirectoryName(resolved) ?? "/";
                missingDepth = Math.Max(missingDepth - 1, 0);
                continue;
            }

            var candidate = Path.Join(resolved, part);

            // Assigned before the test (not by an out variable inside it), so a mutation tool can change the condition.
            FileStatus status = default;
            if (missingDepth > 0 || !Posix.TryLinkStat(candidate, out status))
            {
                // The rest does not exist yet (a file or folder to be made): nothing more to follow, and its
                // "." and ".." are taken by name, so no caller ever opens "new/.." (the folder above) as "new".
                missingDepth++;
                resolved = candidate;
                continue;
            }

            if (!status.IsSymbolicLink)
            {
                resolved = candidate;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new UnsafeFileException(candidate, IOText.TooManyLinks(candidate), linkLoop: true);
            }

            var text = Posix.ReadLink(candidate) ?? throw new UnsafeFileException(candidate, IOText.UnreadableLink(candidate));
            var target = Resolve(text.StartsWith('/') ? text : Path.Join(resolved, text), ref links);
            ThrowIfNotTrusted(candidate, status, target);
            resolved = target;
        }

        return resolved;
    }

    private static void ThrowIfNotTrusted(string link, FileStatus linkStatus, string target)
    {
        if (linkStatus.UserId == 0 || linkStatus.UserId == Posix.EffectiveUserId)
        {
            return;
        }

        var targetStatus = StatusOf(target);
        if (targetStatus is { } t && t.UserId == linkStatus.UserId)
        {
            return;
        }

        throw new UnsafeFileException(link, IOText.UntrustedLink(link, linkStatus.UserId, targetStatus?.UserId));
    }
}
