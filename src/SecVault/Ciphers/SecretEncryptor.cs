using System.Security.Cryptography;
using System.Text;
using SecVault.Ciphers.Native;

namespace SecVault.Ciphers;

/// <summary>
/// Encrypts secrets into ciphertexts (base64 of the RSA block) with one public key and transformation.
/// Safe for concurrent use; the caller keeps ownership of the RSA object.
/// </summary>
public sealed class SecretEncryptor
{
    /// <summary>
    /// How many secrets a streamed writer encrypts together: small enough that a batch's objects die young in the GC
    /// (a 100,000-secret configure peaked at 74 MiB with 1,024, 55 MiB with 256, no slower), large enough that each
    /// parallel loop has work for every core.
    /// </summary>
    internal const int StreamBatchSize = 256;

    private readonly RSAEncryptionPadding _padding;
    private readonly string _displayName;
    private readonly Lazy<NativeRsa?> _native;
    private readonly bool _nativeForSingle;
    private readonly Lazy<RSA> _publicKey;

    /// <summary>
    /// Creates an encryptor; <paramref name="transformationDisplayName"/> names the transformation in the too-long
    /// message (default <see cref="Transformation.Name"/>; <c>mi</c> passes <see cref="Transformation.CliName"/>).
    /// </summary>
    public SecretEncryptor(RSA publicKey, Transformation transformation, string? transformationDisplayName = null)
        : this(publicKey, transformation, transformationDisplayName, NativeRsa.Enabled, nativeForSingle: false)
    {
    }

    /// <summary>
    /// Creates an encryptor; <paramref name="useNative"/> false keeps to .NET's RSA (tests compare both paths). The native
    /// key is set up by the first bulk call (its one-off setup costs more than one .NET operation), or at once when
    /// <paramref name="nativeForSingle"/>.
    /// </summary>
    internal SecretEncryptor(RSA publicKey, Transformation transformation, string? transformationDisplayName, bool useNative, bool nativeForSingle = true)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        ArgumentNullException.ThrowIfNull(transformation);
        _publicKey = new Lazy<RSA>(() => publicKey);
        Transformation = transformation;
        _padding = RsaPaddings.For(transformation.Padding);
        _displayName = transformationDisplayName ?? transformation.Name;
        KeySizeBits = publicKey.KeySize;
        MaxSecretBytes = transformation.MaxPlaintextBytes(KeySizeBits);
        _native = new Lazy<NativeRsa?>(() => useNative ? NativeRsa.TryCreatePublic(publicKey) : null);
        _nativeForSingle = nativeForSingle;
    }

    /// <summary>
    /// Creates an encryptor from a SubjectPublicKeyInfo's DER (RSA, <paramref name="keySizeBits"/> bits) that encrypts
    /// through libcrypto from the first call, so one <c>mi secret create</c> does not load .NET's OpenSSL shim; .NET's RSA
    /// is made from the same DER only when the native path is unavailable (or <paramref name="useNative"/> is false).
    /// </summary>
    internal SecretEncryptor(byte[] subjectPublicKeyInfo, int keySizeBits, Transformation transformation, string? transformationDisplayName, bool useNative)
    {
        ArgumentNullException.ThrowIfNull(subjectPublicKeyInfo);
        ArgumentNullException.ThrowIfNull(transformation);
        ArgumentOutOfRangeException.ThrowIfLessThan(keySizeBits, 1);
        _publicKey = new Lazy<RSA>(() => ImportPublicKey(subjectPublicKeyInfo));
        Transformation = transformation;
        _padding = RsaPaddings.For(transformation.Padding);
        _displayName = transformationDisplayName ?? transformation.Name;
        KeySizeBits = keySizeBits;
        MaxSecretBytes = transformation.MaxPlaintextBytes(KeySizeBits);
        _native = new Lazy<NativeRsa?>(() => useNative ? NativeRsa.TryCreatePublic(subjectPublicKeyInfo, keySizeBits) : null);
        _nativeForSingle = true;
    }

    /// <summary>The transformation used.</summary>
    public Transformation Transformation { get; }

    /// <summary>Whether encryption goes through libcrypto (false: .NET's RSA); for tests of the two paths.</summary>
    internal bool UsesNative => _native.Value is not null;

    /// <summary>The key size in bits.</summary>
    public int KeySizeBits { get; }

    /// <summary>The largest secret, in UTF-8 bytes, this key and transformation can encrypt.</summary>
    public int MaxSecretBytes { get; }

    /// <summary>Throws <see cref="CipherErrorKind.SecretTooLong"/> when a secret of <paramref name="byteCount"/> bytes is over the limit.</summary>
    public void CheckLength(int byteCount, string alias)
    {
        ArgumentNullException.ThrowIfNull(alias);
        if (byteCount > MaxSecretBytes)
        {
            throw new CipherException(
                CipherErrorKind.SecretTooLong,
                CiphersText.SecretTooLong(alias, byteCount, _displayName, KeySizeBits, MaxSecretBytes),
                alias,
                CiphersText.SecretTooLongHint);
        }
    }

    /// <summary>Encrypts the UTF-8 bytes of a secret; the result is one line of standard base64.</summary>
    public string Encrypt(ReadOnlySpan<byte> utf8Secret, string alias)
    {
        CheckLength(utf8Secret.Length, alias);
        // The block is a ciphertext, not a secret; on the stack for keys up to 8,192 bits (one allocation less per secret in bulk).
        var blockLength = (KeySizeBits + 7) / 8;
        Span<byte> block = blockLength <= 1024 ? stackalloc byte[blockLength] : new byte[blockLength];
        var written = (_nativeForSingle || _native.IsValueCreated) && _native.Value is { } native ? native.Encrypt(utf8Secret, Transformation.Padding, block) : -1;
        if (written < 0)
        {
            var key = _publicKey.Value;
            try
            {
                written = key.Encrypt(utf8Secret, block, _padding);
            }
            catch (CryptographicException ex)
            {
                throw new CipherException(CipherErrorKind.SecretTooLong, CiphersText.SecretTooLong(alias, utf8Secret.Length, _displayName, KeySizeBits, MaxSecretBytes), alias, innerException: ex);
            }
        }

        return Convert.ToBase64String(block[..written]);
    }

    /// <summary>
    /// .NET's RSA made from a SubjectPublicKeyInfo, once, when the native path is not taken (a public key, nothing to
    /// zero). A key .NET cannot import throws its <see cref="CryptographicException"/>, as loading it did.
    /// </summary>
    private static RSA ImportPublicKey(byte[] subjectPublicKeyInfo)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
            return rsa;
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    /// <summary>Encrypts a secret's UTF-8 encoding; the temporary byte buffer is zeroed.</summary>
    public string Encrypt(string secret, string alias)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var bytes = Encoding.UTF8.GetBytes(secret);
        try
        {
            return Encrypt(bytes, alias);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>
    /// Encrypts many secrets in parallel, keeping input order. Every length is checked first, so an over-long
    /// secret fails before anything is encrypted (the first in input order is reported). Each finished secret is
    /// reported to <paramref name="progress"/>.
    /// </summary>
    public IReadOnlyList<string> EncryptAll(IReadOnlyList<(string Alias, byte[] Secret)> secrets, int? maxParallelism = null, IProgress<WorkProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        foreach (var (alias, secret) in secrets)
        {
            ArgumentNullException.ThrowIfNull(secret);
            CheckLength(secret.Length, alias);
        }

        if (secrets.Count > 1)
        {
            _ = _native.Value;
        }

        var results = new string[secrets.Count];
        Bulk.For(secrets.Count, maxParallelism, i => results[i] = Encrypt(secrets[i].Secret, secrets[i].Alias), progress);
        return results;
    }

    /// <summary>
    /// Encrypts <paramref name="items"/> lazily, a batch of <paramref name="batchSize"/> at a time when the caller
    /// reaches it (each batch with <see cref="EncryptAll"/>, in parallel and in order), so a writer can stream the
    /// output and only one batch of plaintexts and ciphertexts is held at a time. Each batch's UTF-8 buffers are zeroed
    /// before its results are handed out; progress counts over all items. Check the lengths before the first batch.
    /// </summary>
    /// <param name="items">What to encrypt; each is read once.</param>
    /// <param name="alias">The alias of an item, for messages.</param>
    /// <param name="secret">The secret of an item.</param>
    /// <param name="progress">Told how many items are encrypted so far.</param>
    /// <param name="batchSize">How many items are encrypted together.</param>
    internal IEnumerable<(T Item, string Ciphertext)> EncryptInBatches<T>(
        IReadOnlyList<T> items, Func<T, string> alias, Func<T, string> secret, IProgress<WorkProgress>? progress, int batchSize = StreamBatchSize)
    {
        // Checked at the call, not at the first MoveNext of the iterator.
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(alias);
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        return Batches(items, alias, secret, progress, batchSize);
    }

    private IEnumerable<(T Item, string Ciphertext)> Batches<T>(
        IReadOnlyList<T> items, Func<T, string> alias, Func<T, string> secret, IProgress<WorkProgress>? progress, int batchSize)
    {
        (T[] Items, IReadOnlyList<string> Ciphertexts) Batch(int first)
        {
            var batch = new T[Math.Min(batchSize, items.Count - first)];
            var secrets = new List<(string Alias, byte[] Secret)>(batch.Length);
            try
            {
                for (var i = 0; i < batch.Length; i++)
                {
                    batch[i] = items[first + i];
                    secrets.Add((alias(batch[i]), Encoding.UTF8.GetBytes(secret(batch[i]))));
                }

                return (batch, EncryptAll(secrets, progress: progress is null ? null : new OffsetProgress(progress, first, items.Count)));
            }
            finally
            {
                foreach (var (_, bytes) in secrets)
                {
                    CryptographicOperations.ZeroMemory(bytes);
                }
            }
        }

        // One batch at a time, when the caller reaches it. Encrypting the next batch in the background while the
        // caller wrote the current one was measured (configure of 100,000 secrets, alternating runs): no faster, since
        // the writer's share is small beside the RSA work that already uses every core; so the simpler form stays.
        for (var first = 0; first < items.Count; first += batchSize)
        {
            var (batch, ciphertexts) = Batch(first);
            for (var i = 0; i < batch.Length; i++)
            {
                yield return (batch[i], ciphertexts[i]);
            }
        }
    }

    /// <summary>Reports a batch's progress as progress of the whole run, on the reporting thread.</summary>
    private sealed class OffsetProgress(IProgress<WorkProgress> whole, int offset, int total) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value) => whole.Report(new WorkProgress(offset + value.Done, total));
    }
}
