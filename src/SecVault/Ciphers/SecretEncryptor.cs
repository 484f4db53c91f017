using System.Buffers;
using System.Buffers.Text;
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
    // Stryker disable once Boolean: nativeForSingle only picks libcrypto or .NET for one secret; both take this RSA key and give a block its private key decrypts (NativeRsa gives no key where libcrypto cannot take it).
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

    /// <summary>The length of every ciphertext's base64 text with this key, in characters (and in UTF-8 bytes).</summary>
    public int Base64Length => ((KeySizeBits + 7) / 8 + 2) / 3 * 4;

    /// <summary>Encrypts the UTF-8 bytes of a secret; the result is one line of standard base64.</summary>
    public string Encrypt(ReadOnlySpan<byte> utf8Secret, string alias)
    {
        // The block is a ciphertext, not a secret; on the stack for keys up to 8,192 bits (one allocation less per secret in bulk).
        // Stryker disable once Arithmetic: a larger block only costs memory; the RSA block written into it is key-sized and only it is read.
        var blockLength = (KeySizeBits + 7) / 8;
        // Stryker disable once Equality,Conditional: where the block lives (stack or heap) is not observable; it holds a ciphertext, written whole and read once.
        Span<byte> block = blockLength <= 1024 ? stackalloc byte[blockLength] : new byte[blockLength];
        return Convert.ToBase64String(block[..EncryptBlock(utf8Secret, alias, block)]);
    }

    /// <summary>
    /// Encrypts the UTF-8 bytes of a secret into <paramref name="base64"/> (at least <see cref="Base64Length"/> bytes)
    /// as the UTF-8 of its base64 text, without making a string; returns the bytes written.
    /// </summary>
    internal int EncryptToBase64(ReadOnlySpan<byte> utf8Secret, string alias, Span<byte> base64)
    {
        // Stryker disable once Arithmetic: a larger block only costs memory; the RSA block written into it is key-sized and only it is read.
        var blockLength = (KeySizeBits + 7) / 8;
        // Stryker disable once Equality,Conditional: where the block lives (stack or heap) is not observable; it holds a ciphertext, written whole and read once.
        Span<byte> block = blockLength <= 1024 ? stackalloc byte[blockLength] : new byte[blockLength];
        var status = Base64.EncodeToUtf8(block[..EncryptBlock(utf8Secret, alias, block)], base64, out _, out var written);
        if (status != OperationStatus.Done)
        {
            throw new ArgumentException("the base64 buffer is shorter than Base64Length", nameof(base64));
        }

        return written;
    }

    /// <summary>The RSA block of a secret (its length checked first) in <paramref name="block"/>; the bytes written.</summary>
    private int EncryptBlock(ReadOnlySpan<byte> utf8Secret, string alias, Span<byte> block)
    {
        CheckLength(utf8Secret.Length, alias);
        var written = (_nativeForSingle || _native.IsValueCreated) && _native.Value is { } native ? native.Encrypt(utf8Secret, Transformation.Padding, block) : -1;
        // Stryker disable once Equality: NativeRsa.Encrypt returns -1 or the key's size in bytes, never 0.
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

        return written;
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
            // Stryker disable once Statement: the RSA object is never handed out; disposing it only frees it before the collector would.
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
            // Stryker disable once Statement: zeroing the UTF-8 copy is hygiene; the ciphertext is the same.
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

        // Stryker disable once Equality,Boolean,Block: setting libcrypto's key up early only moves the work from .NET to libcrypto; both give blocks the private key decrypts.
        if (secrets.Count > 1)
        {
            _ = _native.Value;
        }

        var results = new string[secrets.Count];
        Bulk.For(secrets.Count, maxParallelism, i => results[i] = Encrypt(secrets[i].Secret, secrets[i].Alias), progress);
        return results;
    }

    /// <summary>
    /// Encrypts <paramref name="items"/> a batch of <paramref name="batchSize"/> at a time (in parallel) and hands each
    /// ciphertext to <paramref name="write"/> as the UTF-8 bytes of its base64 text, in input order, so a writer can
    /// stream the output and only one batch of plaintexts and ciphertexts is held at a time: no string is made per
    /// secret, the buffers are reused from batch to batch (the bytes given to <paramref name="write"/> are valid only
    /// during the call), and each batch's UTF-8 secrets are zeroed before its ciphertexts are handed out. A batch is
    /// read when the one before it is written. Progress counts over all items. Check the lengths before calling.
    /// </summary>
    /// <param name="items">What to encrypt; each is read once.</param>
    /// <param name="alias">The alias of an item, for messages.</param>
    /// <param name="secret">The secret of an item.</param>
    /// <param name="progress">Told how many items are encrypted so far.</param>
    /// <param name="write">Takes each item and its ciphertext, in input order.</param>
    /// <param name="batchSize">How many items are encrypted together.</param>
    internal void EncryptInBatches<T>(
        IReadOnlyList<T> items, Func<T, string> alias, Func<T, string> secret, IProgress<WorkProgress>? progress, Action<T, ReadOnlySpan<byte>> write, int batchSize = StreamBatchSize)
    {
        ArgumentNullException.ThrowIfNull(write);
        var batches = new Batches<T>(this, items, alias, secret, progress, batchSize);

        // One batch at a time. Encrypting the next batch in the background while the caller wrote the current one was
        // measured (configure of 100,000 secrets, alternating runs): no faster, since the writer's share is small beside
        // the RSA work that already uses every core; so the simpler form stays.
        for (var first = 0; first < batches.Count; first += batches.Size)
        {
            var count = batches.Encrypt(first);
            for (var i = 0; i < count; i++)
            {
                write(batches.Item(i), batches.Ciphertext(i));
            }
        }
    }

    /// <summary>
    /// The buffers of a batched encryption, reused from batch to batch: the batch's secrets as UTF-8 in one buffer
    /// (zeroed after every batch), and its ciphertexts' base64 text, <see cref="Base64Length"/> bytes apart.
    /// </summary>
    private sealed class Batches<T>
    {
        private readonly SecretEncryptor _encryptor;
        private readonly IReadOnlyList<T> _items;
        private readonly Func<T, string> _alias;
        private readonly Func<T, string> _secret;
        private readonly IProgress<WorkProgress>? _progress;
        private readonly T[] _batch;
        private readonly string[] _aliases;
        private readonly string[] _texts;
        private readonly int[] _plainStarts;
        private readonly int[] _lengths;
        private readonly byte[] _ciphertexts;
        private byte[] _plain = [];

        public Batches(SecretEncryptor encryptor, IReadOnlyList<T> items, Func<T, string> alias, Func<T, string> secret, IProgress<WorkProgress>? progress, int batchSize)
        {
            ArgumentNullException.ThrowIfNull(items);
            ArgumentNullException.ThrowIfNull(alias);
            ArgumentNullException.ThrowIfNull(secret);
            ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
            _encryptor = encryptor;
            _items = items;
            _alias = alias;
            _secret = secret;
            _progress = progress;
            Size = Math.Min(batchSize, Math.Max(items.Count, 1));
            _batch = new T[Size];
            _aliases = new string[Size];
            _texts = new string[Size];
            _plainStarts = new int[Size + 1];
            _lengths = new int[Size];
            _ciphertexts = new byte[Size * encryptor.Base64Length];
        }

        public int Count => _items.Count;

        public int Size { get; }

        /// <summary>The batch's <paramref name="index"/>th item.</summary>
        public T Item(int index) => _batch[index];

        /// <summary>The base64 text of the batch's <paramref name="index"/>th ciphertext.</summary>
        public ReadOnlySpan<byte> Ciphertext(int index) => _ciphertexts.AsSpan(index * _encryptor.Base64Length, _lengths[index]);

        /// <summary>Encrypts the batch starting at <paramref name="first"/> in parallel; the number of items in it.</summary>
        public int Encrypt(int first)
        {
            var count = Math.Min(Size, _items.Count - first);
            var width = _encryptor.Base64Length;
            // Each item, alias and secret is asked for once, here on one thread (a caller may make them anew at every call).
            for (var i = 0; i < count; i++)
            {
                _batch[i] = _items[first + i];
                _aliases[i] = _alias(_batch[i]);
                _texts[i] = _secret(_batch[i]);
                _plainStarts[i + 1] = _plainStarts[i] + Encoding.UTF8.GetByteCount(_texts[i]);
            }

            // Stryker disable once Equality: a buffer of exactly the length needed is as good as a new one.
            if (_plain.Length < _plainStarts[count])
            {
                // Pinned, so the garbage collector never moves (copies) the plaintext it holds; zeroed after every batch.
                // Stryker disable once Arithmetic,Boolean: the growth only decides memory (Math.Max keeps it large enough), and pinning only stops the collector copying the plaintext.
                _plain = GC.AllocateArray<byte>(Math.Max(_plainStarts[count], _plain.Length * 2), pinned: true);
            }

            try
            {
                for (var i = 0; i < count; i++)
                {
                    Encoding.UTF8.GetBytes(_texts[i], _plain.AsSpan(_plainStarts[i]));
                }

                // Stryker disable once Equality,Boolean,Block: setting libcrypto's key up early only moves the work from .NET to libcrypto; both give blocks the private key decrypts.
                if (count > 1)
                {
                    _ = _encryptor._native.Value;
                }

                var progress = _progress is null ? null : new OffsetProgress(_progress, first, _items.Count);
                Bulk.For(count, null, i => _lengths[i] = _encryptor.EncryptToBase64(
                    _plain.AsSpan(_plainStarts[i], _plainStarts[i + 1] - _plainStarts[i]), _aliases[i], _ciphertexts.AsSpan(i * width, width)), progress);
                return count;
            }
            finally
            {
                // Stryker disable once Statement: zeroing the batch's plaintexts is hygiene; the ciphertexts are made and handed out the same.
                CryptographicOperations.ZeroMemory(_plain.AsSpan(0, _plainStarts[count]));
                // Stryker disable once Statement: dropping the batch's secret strings only lets the collector take them sooner; the next batch overwrites them.
                Array.Clear(_texts);
            }
        }
    }

    /// <summary>Reports a batch's progress as progress of the whole run, on the reporting thread.</summary>
    private sealed class OffsetProgress(IProgress<WorkProgress> whole, int offset, int total) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value) => whole.Report(new WorkProgress(offset + value.Done, total));
    }
}
