namespace SecVault.IO;

/// <summary>
/// A path SecVault refuses to read or write under its file-system rule: an untrusted symbolic link, a file that
/// is not a regular file, a file that changed while being opened. An <see cref="IOException"/>, so every caller
/// that reports unreadable or unwritable files reports this one too, with its message.
/// </summary>
public sealed class UnsafeFileException : IOException
{
    internal UnsafeFileException(string path, string message, bool linkLoop = false)
        : base(message)
    {
        Path = path;
        IsLinkLoop = linkLoop;
    }

    /// <summary>The path at fault (the link, or the file).</summary>
    public string Path { get; }

    /// <summary>True when the path's symbolic links loop (or are too many to follow), rather than break the rule.</summary>
    internal bool IsLinkLoop { get; }
}
