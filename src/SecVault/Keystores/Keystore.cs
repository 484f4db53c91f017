using SecVault.IO;

namespace SecVault.Keystores;

/// <summary>A JKS, PKCS12 or JCEKS keystore read into memory; the format is decided by the content.</summary>
public sealed class Keystore
{
    private readonly IReadOnlyList<KeystoreEntry> _entries;

    /// <summary>Keys in the file that the JDK skips (a PKCS12 key stored unencrypted): not entries, but named when asked for.</summary>
    private readonly IReadOnlyList<string> _unencryptedKeys;

    private Keystore(string path, KeystoreType type, IReadOnlyList<KeystoreEntry> entries, IReadOnlyList<string> unencryptedKeys)
    {
        Path = path;
        Type = type;
        _entries = entries;
        _unencryptedKeys = unencryptedKeys;
        Aliases = [.. entries.Select(e => e.Alias)];
    }

    /// <summary>The format found in the content.</summary>
    public KeystoreType Type { get; }

    /// <summary>The path (or display name) the keystore was loaded from, as given.</summary>
    public string Path { get; }

    /// <summary>The aliases in the keystore's own order.</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>Every entry, in the keystore's own order.</summary>
    public IReadOnlyList<KeystoreEntry> Entries => _entries;

    /// <summary>The largest keystore file read (a real one holding hundreds of certificates is well under 1 MiB).</summary>
    internal const long MaxFileBytes = 32L * 1024 * 1024;

    /// <summary>Throws the <see cref="KeystoreErrorKind.NotFound"/> error of <see cref="Load(string, ReadOnlySpan{char}, KeystoreType?)"/> now when no file is at <paramref name="path"/>, so a caller can check before it asks for a password.</summary>
    /// <exception cref="KeystoreException">No file at <paramref name="path"/>, a folder there, or a folder on the way that may not be entered.</exception>
    public static void RequireFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            // A folder exists: "does not exist" would send the user looking for a file that is there.
            throw new KeystoreException(KeystoreErrorKind.UnreadableFile, KeystoresText.KeystoreIsFolder(path), path);
        }

        if (!File.Exists(path))
        {
            ThrowWhyNotThere(path);
        }
    }

    /// <summary>
    /// File.Exists says false both when nothing is there and when a folder on the way may not be entered (a keystore
    /// under a 0700 home, read by its service account's neighbour): only the first is "does not exist".
    /// </summary>
    private static void ThrowWhyNotThere(string path)
    {
        try
        {
            _ = File.GetAttributes(path);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new KeystoreException(KeystoreErrorKind.UnreadableFile, KeystoresText.KeystoreUnreadable(path, ex.Message), path, innerException: ex);
        }
        catch (IOException)
        {
            // Not found, or a dangling link: the file is not there.
        }

        throw new KeystoreException(KeystoreErrorKind.NotFound, KeystoresText.KeystoreNotFound(path), path);
    }

    /// <summary>Reads the keystore at <paramref name="path"/>; <paramref name="declared"/> is the configured type, if any.</summary>
    public static Keystore Load(string path, ReadOnlySpan<char> storePassword, KeystoreType? declared = null)
    {
        // SecureFile.ReadAllBytes refuses a null or empty path, naming it.
        byte[] data;
        try
        {
            data = SecureFile.ReadAllBytes(path, MaxFileBytes);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new KeystoreException(KeystoreErrorKind.NotFound, KeystoresText.KeystoreNotFound(path), path, innerException: ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KeystoreException(KeystoreErrorKind.UnreadableFile, KeystoresText.KeystoreUnreadable(path, ex.Message), path, innerException: ex);
        }

        return Load(data, path, storePassword, declared);
    }

    /// <summary>Reads a keystore from <paramref name="stream"/>; <paramref name="displayPath"/> names it in messages.</summary>
    public static Keystore Load(Stream stream, string displayPath, ReadOnlySpan<char> storePassword, KeystoreType? declared = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(displayPath);
        using var buffer = new MemoryStream();
        try
        {
            stream.CopyTo(buffer);
        }
        catch (IOException ex)
        {
            throw new KeystoreException(KeystoreErrorKind.UnreadableFile, KeystoresText.KeystoreUnreadable(displayPath, ex.Message), displayPath, innerException: ex);
        }

        return Load(buffer.ToArray(), displayPath, storePassword, declared);
    }

    /// <summary>The format announced by the first bytes of a keystore, or null when none matches.</summary>
    internal static KeystoreType? DetectType(ReadOnlySpan<byte> header)
    {
        if (header.Length >= 4 && header[..4].SequenceEqual(JavaKeystoreReader.JksMagic))
        {
            return KeystoreType.Jks;
        }

        if (header.Length >= 4 && header[..4].SequenceEqual(JavaKeystoreReader.JceksMagic))
        {
            return KeystoreType.Jceks;
        }

        return header.Length >= 2 && header[0] == 0x30 ? KeystoreType.Pkcs12 : null;
    }

    /// <summary>
    /// The entry for <paramref name="alias"/>: an exact match first, then a case-insensitive one;
    /// an unknown alias is an error listing the aliases present, or naming the key the JDK would skip.
    /// </summary>
    public KeystoreEntry GetEntry(string alias)
    {
        ArgumentNullException.ThrowIfNull(alias);
        return _entries.FirstOrDefault(e => string.Equals(e.Alias, alias, StringComparison.Ordinal))
            ?? _entries.FirstOrDefault(e => string.Equals(e.Alias, alias, StringComparison.OrdinalIgnoreCase))
            ?? throw UnknownAlias(alias);
    }

    private KeystoreException UnknownAlias(string alias) =>
        _unencryptedKeys.FirstOrDefault(key => string.Equals(key, alias, StringComparison.OrdinalIgnoreCase)) is { } unencrypted
            ? new KeystoreException(KeystoreErrorKind.UnknownAlias, KeystoresText.KeystoreUnencryptedKey(Path, unencrypted), Path, alias, hint: KeystoresText.KeystoreUnencryptedKeyHint)
            : new KeystoreException(KeystoreErrorKind.UnknownAlias, KeystoresText.KeystoreUnknownAlias(Path, alias, Aliases), Path, alias);

    private static Keystore Load(byte[] data, string path, ReadOnlySpan<char> storePassword, KeystoreType? declared)
    {
        if (data.Length == 0)
        {
            throw new KeystoreException(KeystoreErrorKind.Truncated, KeystoresText.KeystoreEmpty(path), path);
        }

        var actual = DetectType(data);
        if (actual is null)
        {
            var truncatedMagic = data.Length < 4
                && (JavaKeystoreReader.JksMagic.AsSpan().StartsWith(data) || JavaKeystoreReader.JceksMagic.AsSpan().StartsWith(data));
            throw truncatedMagic
                ? new KeystoreException(KeystoreErrorKind.Truncated, KeystoresText.KeystoreTruncated(path), path)
                : new KeystoreException(KeystoreErrorKind.UnknownFormat, KeystoresText.KeystoreUnknownFormat(path), path);
        }

        if (declared is { } wanted && !Accepts(wanted, actual.Value))
        {
            throw new KeystoreException(
                KeystoreErrorKind.TypeMismatch,
                KeystoresText.KeystoreTypeMismatch(path, wanted.ToJavaName(), actual.Value.ToJavaName()),
                path,
                hint: KeystoresText.KeystoreTypeMismatchHint);
        }

        if (actual.Value != KeystoreType.Pkcs12)
        {
            return new Keystore(path, actual.Value, JavaKeystoreReader.Read(data, path, storePassword, actual.Value), []);
        }

        var (entries, unencrypted) = Pkcs12Reader.Read(data, path, storePassword);
        return new Keystore(path, actual.Value, entries, unencrypted);
    }

    // The JDK's JKS and PKCS12 types each read the other's format, and JCEKS reads JKS files.
    private static bool Accepts(KeystoreType declared, KeystoreType actual) => declared == actual || (declared, actual) switch
    {
        (KeystoreType.Jks, KeystoreType.Pkcs12) => true,
        (KeystoreType.Pkcs12, KeystoreType.Jks) => true,
        (KeystoreType.Jceks, KeystoreType.Jks) => true,
        _ => false,
    };
}
