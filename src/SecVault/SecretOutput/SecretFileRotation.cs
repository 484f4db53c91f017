using System.Security.Cryptography;
using SecVault.Ciphers;
using SecVault.IO;
using SecVault.Keystores;
using SecVault.Properties;

namespace SecVault.SecretOutput;

/// <summary>
/// <c>mi secret rotate</c>: the files <c>mi secret create</c> writes (<c>.properties</c>, kept byte for byte but for the
/// values, or a Kubernetes Secret when the name ends in <c>.yaml</c>/<c>.yml</c>) moved from an old RSA key to a new one. <c>Prepare</c> reads every file,
/// decrypts every value with the old key, encrypts it for the new key and decrypts it again with the new private key;
/// a value the old key cannot decrypt but the new key can is already rotated and kept. Nothing is written until
/// <see cref="Commit"/>, which writes the changed files one by one atomically and, when one fails, puts the earlier ones
/// back from their snapshots.
/// </summary>
public sealed class SecretFileRotation
{
    private readonly List<Prepared> _files;

    private SecretFileRotation(List<Prepared> files)
    {
        _files = files;
    }

    /// <summary>Per file, in the order given: its path, how many values were re-encrypted and how many were already under the new key.</summary>
    public IReadOnlyList<RotatedSecretFile> Files => [.. _files.Select(f => f.Result)];

    /// <summary>Called before each file is written, with its position; tests use it to fail a write.</summary>
    internal Action<int>? BeforeWrite { get; set; }

    /// <summary>
    /// Reads and rotates every file in memory. <paramref name="oldKey"/> (unlocked with <paramref name="oldKeyPassword"/>)
    /// decrypts with <paramref name="oldTransformation"/>; <paramref name="newKey"/>'s certificate encrypts with
    /// <paramref name="newTransformation"/> and its private key (unlocked with <paramref name="newKeyPassword"/>) checks
    /// every new ciphertext. A value neither key decrypts, an unreadable file or one of another form throws; nothing is written.
    /// </summary>
    /// <exception cref="SecretInputException">A file cannot be read, is of another form, or holds a value neither key decrypts.</exception>
    /// <exception cref="KeystoreException">A wrong key password or a key that is not RSA.</exception>
    public static SecretFileRotation Prepare(
        IReadOnlyList<string> paths,
        KeystoreEntry oldKey,
        ReadOnlySpan<char> oldKeyPassword,
        Transformation oldTransformation,
        KeystoreEntry newKey,
        ReadOnlySpan<char> newKeyPassword,
        Transformation newTransformation) =>
        Prepare(paths, [], oldKey, oldKeyPassword, oldTransformation, newKey, newKeyPassword, newTransformation);

    /// <summary>
    /// As <see cref="Prepare(IReadOnlyList{string}, KeystoreEntry, ReadOnlySpan{char}, Transformation, KeystoreEntry, ReadOnlySpan{char}, Transformation)"/>,
    /// with <paramref name="secretValueFiles"/> too: files holding one ciphertext each (Synapse FILE secrets; line breaks
    /// inside are ignored, as MI reads them), rewritten as the new ciphertext with the file's own final line ending.
    /// </summary>
    /// <exception cref="SecretInputException">A file cannot be read, is of another form, or holds a value neither key decrypts.</exception>
    /// <exception cref="KeystoreException">A wrong key password or a key that is not RSA.</exception>
    public static SecretFileRotation Prepare(
        IReadOnlyList<string> paths,
        IReadOnlyList<string> secretValueFiles,
        KeystoreEntry oldKey,
        ReadOnlySpan<char> oldKeyPassword,
        Transformation oldTransformation,
        KeystoreEntry newKey,
        ReadOnlySpan<char> newKeyPassword,
        Transformation newTransformation)
    {
        ArgumentNullException.ThrowIfNull(secretValueFiles);
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(oldKey);
        ArgumentNullException.ThrowIfNull(oldTransformation);
        ArgumentNullException.ThrowIfNull(newKey);
        ArgumentNullException.ThrowIfNull(newTransformation);
        using var oldPrivate = oldKey.GetRsaPrivateKey(oldKeyPassword);
        using var newPrivate = newKey.GetRsaPrivateKey(newKeyPassword);
        using var newPublic = newKey.GetRsaPublicKey();
        var keys = new Keys(
            new SecretDecryptor(oldPrivate, oldTransformation, oldKey.Alias, oldKey.CertificateSha256),
            new SecretDecryptor(newPrivate, newTransformation, newKey.Alias, newKey.CertificateSha256),
            new SecretEncryptor(newPublic, newTransformation));
        var files = new List<Prepared>(paths.Count);
        foreach (var path in paths)
        {
            files.Add(PrepareFile(Path.GetFullPath(path), path, keys));
        }

        foreach (var path in secretValueFiles)
        {
            files.Add(PrepareValueFile(Path.GetFullPath(path), path, keys));
        }

        return new SecretFileRotation(files);
    }

    /// <summary>
    /// Writes every changed file in the order given, each atomically (refused when it changed since it was read). When a
    /// write fails, the files written before it are put back from their snapshots, newest first, and the failure is
    /// thrown. Returns warnings about the writes.
    /// </summary>
    /// <exception cref="FileWriteException">A file cannot be written; the message says which earlier files were put back.</exception>
    public IReadOnlyList<string> Commit()
    {
        var warnings = new List<string>();
        var written = new List<Prepared>();
        for (var i = 0; i < _files.Count; i++)
        {
            var file = _files[i];
            if (file.Content is null)
            {
                continue;
            }

            try
            {
                BeforeWrite?.Invoke(i);
                warnings.AddRange(AtomicFile.Write(file.Snapshot.Path, file.Content, file.Snapshot));
            }
            catch (Exception e) when (e is FileWriteException or IOException or UnauthorizedAccessException)
            {
                // AtomicFile reports its own failures as FileWriteException: those need the files before put back too.
                var restored = Restore(written);
                var reason = e is FileWriteException ? e.Message : IOText.CannotWrite(file.Snapshot.Path, e.Message);
                throw new FileWriteException(file.Snapshot.Path, string.Join("; ", [reason, .. restored]), innerException: e);
            }

            written.Add(file);
        }

        return warnings;
    }

    private static List<string> Restore(List<Prepared> written)
    {
        var messages = new List<string>();
        for (var i = written.Count - 1; i >= 0; i--)
        {
            var path = written[i].Snapshot.Path;
            messages.Add(AtomicFile.TryPutBack(path, written[i].Snapshot.Content) is { } failure
                ? SecretOutputText.RotateNotRestored(path, failure)
                : SecretOutputText.RotateRestored(path));
        }

        return messages;
    }

    private static FileSnapshot Snapshot(string path, string displayPath)
    {
        try
        {
            return FileSnapshot.Read(path, 64L * 1024 * 1024);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SecretInputException(SecretInputErrorKind.Unreadable, SecretOutputText.CreateFileUnreadable(displayPath, e.Message), displayPath, innerException: e);
        }
    }

    /// <summary>A file holding one ciphertext: its line breaks removed and control characters trimmed, as MI reads it.</summary>
    private static Prepared PrepareValueFile(string path, string displayPath, Keys keys)
    {
        var snapshot = Snapshot(path, displayPath);
        string text;
        try
        {
            text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(snapshot.Content);
        }
        catch (System.Text.DecoderFallbackException e)
        {
            throw new SecretInputException(SecretInputErrorKind.Unreadable, SecretOutputText.CreateFileUnreadable(displayPath, e.Message), displayPath, innerException: e);
        }

        var ciphertext = text.Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal)
            .Trim([.. Enumerable.Range(0, 33).Select(i => (char)i)]);
        var rotated = Rotate([new SecretInputEntry(Path.GetFileName(path), ciphertext, 1)], displayPath, keys)[0];
        var ending = text.EndsWith("\r\n", StringComparison.Ordinal) ? "\r\n" : text.EndsWith('\n') ? "\n" : text.EndsWith('\r') ? "\r" : string.Empty;
        var content = rotated is null ? null : System.Text.Encoding.UTF8.GetBytes(rotated + ending);
        return new Prepared(snapshot, content, new RotatedSecretFile(path, rotated is null ? 0 : 1, rotated is null ? 1 : 0));
    }

    private static Prepared PrepareFile(string path, string displayPath, Keys keys)
    {
        var snapshot = Snapshot(path, displayPath);

        var kubernetes = path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
        string name = string.Empty;
        string? kubernetesNamespace = null;
        IReadOnlyList<SecretInputEntry> entries;
        if (kubernetes)
        {
            (name, kubernetesNamespace, entries) = KubernetesSecretReader.Read(snapshot.Content, displayPath);
        }
        else
        {
            using var stream = new MemoryStream(snapshot.Content, writable: false);
            entries = SecretInputReader.ReadProperties(stream, displayPath);
        }

        var rotated = new List<EncryptedSecret>(entries.Count);
        var replacements = new List<PropertiesValueSplice.Replacement>(entries.Count);
        var already = 0;
        var ciphertexts = Rotate(entries, displayPath, keys);
        for (var i = 0; i < entries.Count; i++)
        {
            var (entry, ciphertext) = (entries[i], ciphertexts[i]);
            already += ciphertext is null ? 1 : 0;
            rotated.Add(new EncryptedSecret(entry.Alias, ciphertext ?? entry.Secret));
            if (ciphertext is not null)
            {
                replacements.Add(new(entry.Line, entry.Alias, entry.Secret, ciphertext));
            }
        }

        // A properties file keeps every byte but the values (comments, order, separators, line endings); a Secret is
        // rewritten in create's form, which is the only form it is read in.
        var content = already == entries.Count ? null
            : kubernetes ? SecretRenderer.RenderKubernetesSecret(rotated, name, kubernetesNamespace)
            : PropertiesValueSplice.Apply(snapshot.Content, replacements);
        return new Prepared(snapshot, content, new RotatedSecretFile(path, entries.Count - already, already));
    }

    /// <summary>
    /// The new ciphertext of each entry of one file, checked, in order; null for an entry already under the new key. Each
    /// value is placed first (<see cref="RotationTriage"/>): one both keys decrypt takes the standing the file's other
    /// values plainly have, and is an error when they do not say.
    /// </summary>
    private static string?[] Rotate(IReadOnlyList<SecretInputEntry> entries, string displayPath, Keys keys)
    {
        var standings = new RotationStanding[entries.Count];
        var plains = new byte[]?[entries.Count];
        try
        {
            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i];
                try
                {
                    standings[i] = RotationTriage.Classify(keys.Old, keys.New, entry.Secret, entry.Alias, out plains[i]);
                }
                catch (CipherException e)
                {
                    throw new SecretInputException(
                        SecretInputErrorKind.Undecryptable, SecretOutputText.RotateUndecryptable(displayPath, entry.Line, entry.Alias), displayPath, entry.Line, entry.Alias, SecretOutputText.RotateUndecryptableHint, e);
                }
            }

            var resolved = RotationTriage.Resolve(standings);
            var rotated = new string?[entries.Count];
            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i];
                var standing = standings[i] != RotationStanding.Both ? standings[i]
                    : resolved ?? throw new SecretInputException(
                        SecretInputErrorKind.Undecryptable, SecretOutputText.RotateAmbiguous(displayPath, entry.Line, entry.Alias), displayPath, entry.Line, entry.Alias, SecretOutputText.RotateAmbiguousHint);
                rotated[i] = standing == RotationStanding.New ? null : EncryptChecked(plains[i]!, entry, displayPath, keys);
            }

            return rotated;
        }
        finally
        {
            foreach (var plain in plains)
            {
                if (plain is not null)
                {
                    CryptographicOperations.ZeroMemory(plain);
                }
            }
        }
    }

    /// <summary>The new ciphertext of <paramref name="plain"/>, decrypted again with the new key and compared.</summary>
    private static string EncryptChecked(byte[] plain, SecretInputEntry entry, string displayPath, Keys keys)
    {
        byte[]? back = null;
        try
        {
            var ciphertext = keys.Encryptor.Encrypt(plain, entry.Alias);
            back = keys.New.Decrypt(ciphertext, entry.Alias);
            return CryptographicOperations.FixedTimeEquals(back, plain)
                ? ciphertext
                : throw new CipherException(CipherErrorKind.DoesNotDecrypt, SecretOutputText.RotateUndecryptable(displayPath, entry.Line, entry.Alias), entry.Alias);
        }
        finally
        {
            if (back is not null)
            {
                CryptographicOperations.ZeroMemory(back);
            }
        }
    }

    private sealed record Keys(SecretDecryptor Old, SecretDecryptor New, SecretEncryptor Encryptor);

    private sealed record Prepared(FileSnapshot Snapshot, byte[]? Content, RotatedSecretFile Result);
}

/// <summary>One file of a <see cref="SecretFileRotation"/>: its absolute path, the values re-encrypted and those already under the new key.</summary>
public sealed record RotatedSecretFile(string Path, int Rotated, int AlreadyRotated);
