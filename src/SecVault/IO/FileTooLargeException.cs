namespace SecVault.IO;

/// <summary>A file holds more bytes than SecVault reads of its kind; nothing of it was used.</summary>
public sealed class FileTooLargeException : IOException
{
    internal FileTooLargeException(string path, long size, long limit)
        : base(IOText.FileTooLarge(path, size, limit))
    {
        Path = path;
        Size = size;
        Limit = limit;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Its size in bytes (at least this many).</summary>
    public long Size { get; }

    /// <summary>The most SecVault reads.</summary>
    public long Limit { get; }
}
