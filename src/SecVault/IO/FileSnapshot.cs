using System.Security.Cryptography;

namespace SecVault.IO;

/// <summary>The bytes of a file as read, with what is needed to tell whether it changed since.</summary>
public sealed class FileSnapshot
{
    private FileSnapshot(string path, byte[] content, DateTime lastWriteUtc)
    {
        Path = path;
        Content = content;
        LastWriteUtc = lastWriteUtc;
        Sha256 = SHA256.HashData(content);
    }

    /// <summary>The path the file was read from.</summary>
    public string Path { get; }

    /// <summary>The file's bytes at read time.</summary>
    public byte[] Content { get; }

    /// <summary>The modification time at read time.</summary>
    public DateTime LastWriteUtc { get; }

    /// <summary>SHA-256 of <see cref="Content"/>.</summary>
    public byte[] Sha256 { get; }

    /// <summary>Reads a whole file and records its size, modification time and hash.</summary>
    public static FileSnapshot Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var before = File.GetLastWriteTimeUtc(path);
        var content = File.ReadAllBytes(path);
        return new FileSnapshot(path, content, before);
    }

    /// <summary>True when the file on disk still has the size, modification time and content read.</summary>
    public bool IsUnchangedOnDisk()
    {
        var info = new FileInfo(Path);
        if (!info.Exists || info.Length != Content.LongLength || info.LastWriteTimeUtc != LastWriteUtc)
        {
            return false;
        }

        var now = File.ReadAllBytes(Path);
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(now), Sha256);
    }
}
