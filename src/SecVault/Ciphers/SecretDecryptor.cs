using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Encodings;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using SecVault.Ciphers.Native;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace SecVault.Ciphers;

/// <summary>
/// Decrypts ciphertexts with one private key and transformation, telling another key's ciphertext by its size and,
/// with <see cref="DiagnosePadding"/>, the other padding and not-UTF-8 apart. Safe for concurrent use; the caller keeps
/// ownership of the RSA object.
/// </summary>
internal sealed class SecretDecryptor : ISecretDecryptor
{
    // Stryker disable once Boolean: the identifier (BOM) matters only to GetPreamble, for writers; this encoding only decodes.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly RSA _privateKey;
    private readonly string _keyAlias;
    private readonly string _fingerprint;
    private readonly string _settingSource;
    private readonly int _keyBytes;
    private readonly Lazy<Func<byte[], byte[]?>> _pkcs1;
    private readonly Lazy<NativeRsa?> _native;
    private readonly bool _nativeForSingle;

    /// <summary>
    /// Creates a decryptor. <paramref name="keyAlias"/> and <paramref name="fingerprint"/> (keytool SHA-256 form) name the
    /// key in messages; <paramref name="settingSource"/> names where the transformation was configured (such as
    /// <c>secret-conf.properties</c>) in a padding-mismatch message.
    /// </summary>
    public SecretDecryptor(RSA privateKey, Transformation transformation, string keyAlias, string fingerprint, string? settingSource = null)
        : this(privateKey, transformation, keyAlias, fingerprint, settingSource, forceManagedPkcs1: false, NativeRsa.Enabled, nativeForSingle: false)
    {
    }

    internal SecretDecryptor(RSA privateKey, Transformation transformation, string keyAlias, string fingerprint, string? settingSource, bool forceManagedPkcs1, bool useNative = true, bool nativeForSingle = true)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        ArgumentNullException.ThrowIfNull(transformation);
        ArgumentNullException.ThrowIfNull(keyAlias);
        ArgumentNullException.ThrowIfNull(fingerprint);
        _privateKey = privateKey;
        Transformation = transformation;
        _keyAlias = keyAlias;
        _fingerprint = fingerprint;
        _settingSource = settingSource ?? "the configuration";
        KeySizeBits = privateKey.KeySize;
        _keyBytes = (KeySizeBits + 7) / 8;
        // The native key is set up by the first bulk call (its setup costs more than one .NET operation), or at once.
        // Stryker disable once Conditional: libcrypto's key or none (then .NET): the same bytes and the same refusals.
        _native = new Lazy<NativeRsa?>(() => useNative ? NativeRsa.TryCreatePrivate(privateKey) : null);
        _nativeForSingle = nativeForSingle;
        _pkcs1 = new Lazy<Func<byte[], byte[]?>>(() => forceManagedPkcs1 ? ManagedPkcs1() : NativePkcs1() ?? (PlatformRejectsBadPkcs1Padding() ? PlatformPkcs1 : ManagedPkcs1()));
    }

    /// <summary>The configured transformation.</summary>
    public Transformation Transformation { get; }

    /// <summary>The key size in bits.</summary>
    public int KeySizeBits { get; }

    /// <summary>
    /// Whether a failure says why: the other padding (<see cref="CipherErrorKind.PaddingMismatch"/>) or bytes that are not
    /// UTF-8. Default false: the other padding is never tried and every failure after the size check has one message,
    /// so that callers who repeat decryptions of chosen ciphertexts learn nothing about PKCS#1 v1.5 padding conformance.
    /// </summary>
    public bool DiagnosePadding { get; init; }

    /// <summary>Decrypts a ciphertext (whitespace anywhere ignored) to the secret's bytes; the caller zeroes them.</summary>
    public byte[] Decrypt(string ciphertext, string alias)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        ArgumentNullException.ThrowIfNull(alias);
        var block = DecodeBase64(ciphertext, alias);
        if (block.Length != _keyBytes)
        {
            // An empty value is not a ciphertext of another key: saying "0 bytes, made with another key" misleads.
            var message = block.Length == 0 ? CiphersText.CiphertextEmpty(alias) : CiphersText.CiphertextWrongKeySize(alias, block.Length, _keyAlias, KeySizeBits);
            throw new CipherException(CipherErrorKind.WrongKeySize, message, alias, CiphersText.CiphertextDoesNotDecryptHint);
        }

        var plain = TryDecrypt(block, Transformation.Padding);
        if (!DiagnosePadding)
        {
            // One attempt with the configured padding, whatever the block holds: no second decryption whose outcome
            // (or duration) depends on whether the block happens to be valid under the other padding.
            return plain ?? throw Uniform(CipherErrorKind.DoesNotDecrypt, alias);
        }

        if (plain is not null)
        {
            // PKCS#1 v1.5 accepts about one OAEP block in 256, yielding noise; noise is almost never UTF-8.
            if (Transformation.Padding == RsaPadding.Pkcs1 && !IsUtf8(plain) && TryDecrypt(block, RsaPadding.OaepSha1) is { } oaep)
            {
                // Stryker disable once Statement: zeroing a plaintext that is thrown away is hygiene; the error is the same.
                CryptographicOperations.ZeroMemory(plain);
                CryptographicOperations.ZeroMemory(oaep);
                throw Mismatch(alias);
            }

            return plain;
        }

        if (TryDecrypt(block, Transformation.Other.Padding) is { } other)
        {
            // Stryker disable once Statement: zeroing a plaintext that is thrown away is hygiene; the error is the same.
            CryptographicOperations.ZeroMemory(other);
            throw Mismatch(alias);
        }

        throw new CipherException(
            CipherErrorKind.DoesNotDecrypt,
            CiphersText.CiphertextDoesNotDecrypt(alias, _keyAlias, _fingerprint),
            alias,
            CiphersText.CiphertextDoesNotDecryptHint);
    }

    /// <summary>Decrypts a ciphertext to the secret's text; bytes that are not strict UTF-8 are an error.</summary>
    public string DecryptToString(string ciphertext, string alias)
    {
        var plain = Decrypt(ciphertext, alias);
        try
        {
            return StrictUtf8.GetString(plain);
        }
        catch (DecoderFallbackException)
        {
            throw NotUtf8(alias);
        }
        finally
        {
            // Stryker disable once Statement: zeroing the bytes after they are decoded to a string is hygiene; the string is the same.
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>
    /// Decrypts many ciphertexts in parallel, keeping input order; a failure throws the first one in input order.
    /// The caller zeroes the returned buffers.
    /// </summary>
    public IReadOnlyList<byte[]> DecryptAll(IReadOnlyList<(string Alias, string Ciphertext)> ciphertexts, int? maxParallelism = null, IProgress<WorkProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(ciphertexts);
        // Stryker disable once Equality,Boolean,Block: setting libcrypto's key up early only moves the work from .NET to libcrypto: the same bytes and the same refusals.
        if (ciphertexts.Count > 1)
        {
            _ = _native.Value;
        }

        return Bulk.DecryptAll(ciphertexts, maxParallelism, Decrypt, progress);
    }

    /// <summary>Standard base64 with whitespace anywhere ignored; anything else outside the alphabet is an error.</summary>
    internal static byte[] DecodeBase64(string text, string alias)
    {
        var chars = new char[text.Length];
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '='))
            {
                // "[]" is the plain-text marker with nothing in it, which the Cipher Tool leaves alone: say so.
                var message = text.AsSpan().Trim().SequenceEqual("[]") ? CiphersText.CiphertextEmptyMarker(alias) : CiphersText.CiphertextNotBase64(alias, i + 1);
                throw new CipherException(CipherErrorKind.NotBase64, message, alias);
            }

            chars[n++] = c;
        }

        // Stryker disable once Arithmetic: a larger buffer decodes to the same bytes, and only the written ones are kept.
        var bytes = new byte[(n / 4 * 3) + 3];
        var padding = chars.AsSpan(0, n).IndexOf('=');
        // Stryker disable once Equality,Logical: Convert.TryFromBase64Chars below refuses the same texts ('=' before the end, three of them, a length not a multiple of 4); the first '=' is never at index 0 of a span that starts at it.
        var wellPadded = padding < 0 || (padding >= n - 2 && chars.AsSpan(padding, n - padding).IndexOfAnyExcept('=') < 0);
        // Stryker disable once Logical: Convert.TryFromBase64Chars refuses a length that is not a multiple of 4 and a misplaced '=' too, so the same texts fail.
        if (n % 4 != 0 || !wellPadded || !Convert.TryFromBase64Chars(chars.AsSpan(0, n), bytes, out var written))
        {
            throw new CipherException(CipherErrorKind.NotBase64, CiphersText.CiphertextBadBase64Length(alias), alias);
        }

        return bytes[..written];
    }

    // Stryker disable once Conditional,Logical: libcrypto's key or none (then .NET) for this call: the same bytes and the same refusals.
    private NativeRsa? Native => _nativeForSingle || _native.IsValueCreated ? _native.Value : null;

    private static bool IsUtf8(byte[] bytes) => System.Text.Unicode.Utf8.IsValid(bytes);

    /// <summary>
    /// OpenSSL 3.2+ may answer a bad PKCS#1 v1.5 padding with random bytes ("implicit rejection"); .NET turns that
    /// off where it can. This checks: the all-zero block never has valid padding, so it must fail.
    /// </summary>
    private bool PlatformRejectsBadPkcs1Padding()
    {
        try
        {
            var result = _privateKey.Decrypt(new byte[_keyBytes], RsaPaddings.For(RsaPadding.Pkcs1));
            CryptographicOperations.ZeroMemory(result);
            return false;
        }
        catch (CryptographicException)
        {
            return true;
        }
    }

    /// <summary>The native PKCS#1 v1.5 decryption, if available and it rejects the all-zero block (see above).</summary>
    private Func<byte[], byte[]?>? NativePkcs1()
    {
        if (Native is not { } native)
        {
            return null;
        }

        if (native.TryDecrypt(new byte[_keyBytes], RsaPadding.Pkcs1) is { } accepted)
        {
            // Stryker disable once Statement: the noise is dropped right after; zeroing it is hygiene.
            CryptographicOperations.ZeroMemory(accepted);
            return null;
        }

        return block => native.TryDecrypt(block, RsaPadding.Pkcs1);
    }

    private byte[]? PlatformPkcs1(byte[] block) => PlatformDecrypt(block, RsaPaddings.For(RsaPadding.Pkcs1));

    private byte[]? PlatformDecrypt(byte[] block, RSAEncryptionPadding padding)
    {
        try
        {
            return _privateKey.Decrypt(block, padding);
        }
        catch (CryptographicException)
        // Stryker disable once Block: an empty catch runs on to the method's end, where Stryker's mutant returns default: the same null.
        {
            return null;
        }
    }

    /// <summary>PKCS#1 v1.5 through BouncyCastle, which always reports a bad padding.</summary>
    private Func<byte[], byte[]?> ManagedPkcs1()
    {
        var p = _privateKey.ExportParameters(includePrivateParameters: true);
        var key = new RsaPrivateCrtKeyParameters(
            Big(p.Modulus), Big(p.Exponent), Big(p.D), Big(p.P), Big(p.Q), Big(p.DP), Big(p.DQ), Big(p.InverseQ));
        foreach (var part in new[] { p.D, p.P, p.Q, p.DP, p.DQ, p.InverseQ })
        {
            // Stryker disable once Statement: zeroing the exported parameters after BouncyCastle copied them is hygiene; its key is the same.
            CryptographicOperations.ZeroMemory(part);
        }

        return block =>
        {
            // A fresh engine per call: BouncyCastle engines are not thread-safe.
            var engine = new Pkcs1Encoding(new RsaBlindedEngine());
            engine.Init(false, key);
            try
            {
                return engine.ProcessBlock(block, 0, block.Length);
            }
            catch (InvalidCipherTextException)
            // Stryker disable once Block: an empty catch runs on to the lambda's end, where Stryker's mutant returns default: the same null.
            {
                return null;
            }
        };
    }

    private static BcBigInteger Big(byte[]? value) => new(1, value ?? throw new CryptographicException("missing key parameter"));

    private byte[]? TryDecrypt(byte[] block, RsaPadding padding) => padding == RsaPadding.Pkcs1
        ? _pkcs1.Value(block)
        : Native is { } native ? native.TryDecrypt(block, RsaPadding.OaepSha1) : PlatformDecrypt(block, RsaPaddings.For(RsaPadding.OaepSha1));

    /// <inheritdoc/>
    public bool RejectsWrongKey => Transformation.Padding == RsaPadding.OaepSha1;

    /// <summary>
    /// The failure for decrypted bytes that are not UTF-8: its own message with <see cref="DiagnosePadding"/>, else the
    /// uniform one, since under PKCS#1 v1.5 "not UTF-8" means "the padding was valid".
    /// </summary>
    /// <inheritdoc/>
    public CipherException NotUtf8(string alias) => DiagnosePadding
        ? new CipherException(CipherErrorKind.NotUtf8, CiphersText.PlaintextNotUtf8(alias), alias)
        : Uniform(CipherErrorKind.NotUtf8, alias);

    /// <summary>The one message of every failure after the size check when padding is not diagnosed; the error kind stays exact.</summary>
    private CipherException Uniform(CipherErrorKind error, string alias) => new(
        error,
        CiphersText.CiphertextRejected(alias, _keyAlias, _fingerprint, Transformation.Name),
        alias,
        CiphersText.CiphertextRejectedHint);

    private CipherException Mismatch(string alias)
    {
        var actual = Transformation.Other.Name;
        return new CipherException(
            CipherErrorKind.PaddingMismatch,
            CiphersText.CiphertextPaddingMismatch(alias, actual, _settingSource, Transformation.Name),
            alias,
            CiphersText.CiphertextPaddingMismatchHint(actual));
    }
}
