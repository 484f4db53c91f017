namespace SecVault.Synapse;

/// <summary>
/// Keeps FILE and DOCKER vault lookups inside their root: the file's path, both as written and as resolved through
/// every symbolic link, must lie below the root's own resolved path. Only paths are examined; no file is opened.
/// </summary>
internal static class LookupRoot
{
    /// <summary>Symbolic links followed before a path counts as a loop, as Linux's MAXSYMLINKS.</summary>
    private const int MaxLinks = 40;

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
    /// The path with every symbolic link resolved, component by component, as the kernel does (so <c>link/..</c> is
    /// the parent of the link's target); components that do not exist are kept as they are. Null on a link loop.
    /// </summary>
    internal static string? RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var current = Path.GetPathRoot(full)!;
        var pending = new Stack<string>(Parts(full[current.Length..]).Reverse());
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var candidate = Path.Join(current, part);
            var target = LinkTarget(candidate);
            if (target is null)
            {
                current = candidate;
                continue;
            }

            if (++links > MaxLinks)
            {
                return null;
            }

            // An absolute target starts again at its root; its ".." parts are resolved like any others, not lexically.
            if (Path.GetPathRoot(target) is { Length: > 0 } targetRoot)
            {
                current = targetRoot;
                target = target[targetRoot.Length..];
            }

            foreach (var next in Parts(target).Reverse())
            {
                pending.Push(next);
            }
        }

        return current;
    }

    private static string[] Parts(string relative) =>
        relative.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The link's own target text, or null when the path is not a link (or does not exist).</summary>
    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
