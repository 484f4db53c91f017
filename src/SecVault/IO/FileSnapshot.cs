using System.Security.Cryptography;

namespace SecVault.IO;

/// <summary>
/// The bytes of a file as read, with what tells whether it changed since: the identity of the file actually
/// read (after links: device, inode, size, modification time, from <c>fstat</c>) and a hash of its content.
/// </summary>
internal sealed class FileSnapshot
{
    private FileSnapshot(string path, string resolvedPath, byte[] content, FileStatus status)
    {
        Path = path;
        ResolvedPath = resolvedPath;
        Content = content;
        Status = status;
        Sha256 = SHA256.HashData(content);
    }

    /// <summary>The path the file was read from.</summary>
    public string Path { get; }

    /// <summary>The file's bytes at read time.</summary>
    public byte[] Content { get; }

    /// <summary>SHA-256 of <see cref="Content"/>.</summary>
    public byte[] Sha256 { get; }

    /// <summary>The path with every link resolved.</summary>
    internal string ResolvedPath { get; }

    /// <summary>The status of the file read (the link's target, not the link).</summary>
    internal FileStatus Status { get; }

    /// <summary>Reads a whole regular file of at most <paramref name="maxBytes"/> bytes under the file-system rule.</summary>
    /// <exception cref="IOException">Missing, unsafe, not a regular file, too large or unreadable.</exception>
    public static FileSnapshot Read(string path, long maxBytes = 256L * 1024 * 1024)
    {
        // SecureFile.OpenRead refuses a null or empty path, naming it.
        using var file = SecureFile.OpenRead(path);
        var content = file.ReadAll(maxBytes);
        return new FileSnapshot(path, file.ResolvedPath, content, file.Status);
    }

    /// <summary>True when the path still leads to the same file, unmodified: identity from <c>fstat</c>, then content hash.</summary>
    public bool IsUnchangedOnDisk()
    {
        try
        {
            using var file = SecureFile.OpenRead(Path);
            return IsSameAs(file);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>True when <paramref name="file"/> is the file read, unmodified.</summary>
    internal bool IsSameAs(SecureFile file)
    {
        if (file.ResolvedPath != ResolvedPath || (!OperatingSystem.IsWindows() && !file.Status.IsSameVersionAs(Status)) || file.Length != Content.LongLength)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(HashOf(file, Content.LongLength), Sha256);
    }

    /// <summary>SHA-256 of the file's first bytes, read a chunk at a time (the file may be tens of megabytes); empty when it is not exactly <paramref name="length"/> bytes long.</summary>
    private static byte[] HashOf(SecureFile file, long length)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var chunk = new byte[64 * 1024];
        try
        {
            long offset = 0;
            while (RandomAccess.Read(file.Handle, chunk, offset) is var read and > 0)
            {
                hash.AppendData(chunk, 0, read);
                offset += read;
                if (offset > length)
                {
                    return [];
                }
            }

            return offset == length ? hash.GetHashAndReset() : [];
        }
        finally
        {
            // The old content may hold plain-text markers.
            // Stryker disable once Statement: zeroing is hygiene, not output.
            CryptographicOperations.ZeroMemory(chunk);
        }
    }
}
