using SecVault.IO;

namespace SecVault.Synapse;

/// <summary>
/// Keeps FILE and DOCKER vault lookups inside their root: the file's path, both as written and as resolved through
/// every symbolic link, must lie below the root's own resolved path. Only paths are examined; no file is opened.
/// </summary>
internal static class LookupRoot
{
    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>How a lookup's file relates to its root.</summary>
    internal enum Placement
    {
        /// <summary>Inside the root, as written and as resolved.</summary>
        Inside,

        /// <summary>The path as written leaves the root (<c>../</c>).</summary>
        Outside,

        /// <summary>The path as written stays inside, but a symbolic link on the way leads outside (or loops).</summary>
        LinksOutside,
    }

    /// <summary>
    /// Where <paramref name="path"/> (the root joined with the lookup name) lies relative to <paramref name="root"/>;
    /// <paramref name="resolved"/> is the fully resolved path to read when the file is inside.
    /// </summary>
    /// <exception cref="UnsafeFileException">A link on the way breaks the file-system rule.</exception>
    internal static Placement Locate(string root, string path, out string resolved)
    {
        var fullRoot = Path.GetFullPath(root);
        var full = Path.GetFullPath(path);
        resolved = full;
        if (!IsBelow(fullRoot, full))
        {
            return Placement.Outside;
        }

        // The root itself may be reached through links (/opt/mi -> /opt/mi-4.4.0); only what is below it must stay below it.
        if (RealPath(fullRoot) is not { } realRoot || RealPath(full) is not { } real || !IsBelow(realRoot, real))
        {
            return Placement.LinksOutside;
        }

        resolved = real;
        return Placement.Inside;
    }

    /// <summary>
    /// True when <paramref name="path"/> is <paramref name="root"/> itself or below it (both absolute and normalised);
    /// the root itself is a folder, so an empty name fails later as a missing file, not as an escape.
    /// </summary>
    private static bool IsBelow(string root, string path)
    {
        var prefix = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, PathComparison) || string.Equals(path + Path.DirectorySeparatorChar, prefix, PathComparison);
    }

    /// <summary>
    /// The path with every symbolic link resolved under the file-system rule of <see cref="SafePath"/> (so
    /// <c>link/..</c> is the parent of the link's target); null on a link loop.
    /// </summary>
    /// <exception cref="UnsafeFileException">A link on the way breaks the file-system rule.</exception>
    private static string? RealPath(string path)
    {
        try
        {
            return SafePath.Resolve(path);
        }
        catch (UnsafeFileException ex) when (ex.IsLinkLoop)
        {
            return null;
        }
    }
}
