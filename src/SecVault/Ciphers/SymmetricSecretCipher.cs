using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace SecVault.Ciphers;

/// <summary>
/// AES ciphertexts of securevault 1.2.1's symmetric modes. With <c>AES/GCM/NoPadding</c> a value is
/// <c>base64({"cipherText": base64(ciphertext || 16-byte tag), "iv": base64(iv)})</c>: SecVault writes a fresh random
/// 12-byte IV per value and reads any IV length (upstream's Cipher Tool writes 128 bytes). With <c>AES</c> or
/// <c>AES/ECB/PKCS5Padding</c> a value is the plain base64 of the ciphertext. Owns a copy of the key; dispose zeroes it.
/// </summary>
public sealed class SymmetricSecretCipher : IDisposable, ISecretDecryptor
{
    /// <summary>The default (and recommended) algorithm.</summary>
    public const string GcmAlgorithm = "AES/GCM/NoPadding";

    /// <summary>The bytes of an IV SecVault writes.</summary>
    internal const int IvBytes = 12;

    private const int TagBytes = 16;

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    private readonly byte[] _key;
    private readonly string _keyName;
    private readonly string _settingSource;
    private bool _disposed;

    /// <summary>
    /// Creates a cipher for a 16, 24 or 32-byte <paramref name="key"/> (copied) and an accepted algorithm name.
    /// <paramref name="keyName"/> names the key in messages; <paramref name="settingSource"/> names where the algorithm was set.
    /// </summary>
    public SymmetricSecretCipher(ReadOnlySpan<byte> key, string algorithm, string keyName, string? settingSource = null)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        ArgumentNullException.ThrowIfNull(keyName);
        if (key.Length is not (16 or 24 or 32))
        {
            throw new CipherException(CipherErrorKind.WrongKeySize, CiphersText.SymmetricKeyWrongLength(keyName, key.Length));
        }

        Algorithm = ParseAlgorithm(algorithm);
        _key = key.ToArray();
        _keyName = keyName;
        _settingSource = settingSource ?? "the configuration";
    }

    /// <summary>Every algorithm name SecVault accepts for a symmetric vault (any case).</summary>
    internal static IReadOnlyList<string> AcceptedAlgorithms { get; } = [GcmAlgorithm, "AES", "AES/ECB/PKCS5Padding"];

    /// <summary>The algorithm as written in secret-conf.properties: <c>AES/GCM/NoPadding</c>, <c>AES</c> or <c>AES/ECB/PKCS5Padding</c>.</summary>
    public string Algorithm { get; }

    /// <summary>True for <c>AES/GCM/NoPadding</c>, whose values are the JSON form.</summary>
    internal bool IsGcm => Algorithm == GcmAlgorithm;

    /// <summary>The key size in bits.</summary>
    public int KeySizeBits => _key.Length * 8;

    /// <summary>
    /// The accepted spelling of <paramref name="algorithm"/>, or null. securevault compares <c>AES/GCM/NoPadding</c>
    /// exactly, so only that spelling gets the JSON form; <c>AES</c> and <c>AES/ECB/PKCS5Padding</c> mean AES-ECB.
    /// </summary>
    internal static string? TryParseAlgorithm(string? algorithm) => algorithm?.Trim() switch
    {
        GcmAlgorithm => GcmAlgorithm,
        "AES" => "AES",
        "AES/ECB/PKCS5Padding" => "AES/ECB/PKCS5Padding",
        _ => null,
    };

    /// <summary>
    /// The key of <c>key.based.password</c>: 64 hexadecimal digits are 32 bytes; any other text is its UTF-8 bytes,
    /// which must be exactly 32 (AES-256), as securevault 1.2.1 reads it. The caller zeroes the result.
    /// </summary>
    public static byte[] KeyFromText(ReadOnlySpan<char> text, string keyName)
    {
        ArgumentNullException.ThrowIfNull(keyName);
        if (text.Length == 64 && !text.ContainsAnyExcept(HexDigits))
        {
            var bytes = new byte[32];
            Convert.FromHexString(text, bytes, out _, out _);
            return bytes;
        }

        var utf8 = new byte[Encoding.UTF8.GetByteCount(text)];
        Encoding.UTF8.GetBytes(text, utf8);
        if (utf8.Length != 32)
        {
            // Stryker disable once Statement: zeroing a refused key that is thrown away is hygiene; the error is the same.
            CryptographicOperations.ZeroMemory(utf8);
            throw new CipherException(CipherErrorKind.WrongKeySize, CiphersText.KeyBasedKeyWrongLength(keyName, text.Length), hint: CiphersText.KeyBasedKeyHint);
        }

        return utf8;
    }

    /// <summary>Encrypts a secret's bytes; with GCM each call takes a fresh random IV.</summary>
    public string Encrypt(ReadOnlySpan<byte> plaintext)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!IsGcm)
        {
            using var aes = Aes.Create();
            aes.Key = _key;
            return Convert.ToBase64String(aes.EncryptEcb(plaintext, PaddingMode.PKCS7));
        }

        var iv = RandomNumberGenerator.GetBytes(IvBytes);
        var sealedBytes = new byte[plaintext.Length + TagBytes];
        using (var gcm = new AesGcm(_key, TagBytes))
        {
            gcm.Encrypt(iv, plaintext, sealedBytes.AsSpan(0, plaintext.Length), sealedBytes.AsSpan(plaintext.Length));
        }

        // Base64 text needs no JSON escaping; the key order is upstream's.
        var json = "{\"cipherText\":\"" + Convert.ToBase64String(sealedBytes) + "\",\"iv\":\"" + Convert.ToBase64String(iv) + "\"}";
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Decrypts a value (whitespace anywhere ignored) to the secret's bytes; the caller zeroes them.</summary>
    public byte[] Decrypt(string ciphertext, string alias)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        ArgumentNullException.ThrowIfNull(alias);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var outer = SecretDecryptor.DecodeBase64(ciphertext, alias);
        var gcmForm = TryReadGcmJson(outer, alias);
        if (IsGcm)
        {
            if (gcmForm is not { } parts)
            {
                throw Mismatch(alias, actual: "AES (plain base64, not the AES/GCM/NoPadding JSON form)");
            }

            return DecryptGcm(parts.Sealed, parts.Iv, alias);
        }

        if (gcmForm is not null)
        {
            throw Mismatch(alias, actual: GcmAlgorithm);
        }

        // Stryker disable once Logical: .NET's DecryptEcb refuses an empty or partial-block input with a CryptographicException, caught below as the same DoesNotDecrypt.
        if (outer.Length == 0 || outer.Length % 16 != 0)
        {
            throw DoesNotDecrypt(alias);
        }

        using var aes = Aes.Create();
        aes.Key = _key;
        try
        {
            return aes.DecryptEcb(outer, PaddingMode.PKCS7);
        }
        catch (CryptographicException)
        {
            throw DoesNotDecrypt(alias);
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<byte[]> DecryptAll(IReadOnlyList<(string Alias, string Ciphertext)> ciphertexts, int? maxParallelism = null, IProgress<WorkProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(ciphertexts);
        return Bulk.DecryptAll(ciphertexts, maxParallelism, Decrypt, progress);
    }

    /// <summary>Zeroes the key.</summary>
    public void Dispose()
    {
        _disposed = true;
        // Stryker disable once Statement: the key is private and no call uses it after Dispose (each checks _disposed); zeroing it is hygiene.
        CryptographicOperations.ZeroMemory(_key);
    }

    /// <summary>Like <see cref="TryParseAlgorithm"/>, but an unknown name is a <see cref="CipherException"/> listing the accepted ones.</summary>
    public static string ParseAlgorithm(string algorithm) =>
        TryParseAlgorithm(algorithm)
        ?? throw new CipherException(CipherErrorKind.UnknownTransformation, CiphersText.SymmetricAlgorithmUnknown(algorithm, AcceptedAlgorithms));

    /// <summary>The sealed bytes and IV of the JSON form, or null when the bytes are not that JSON.</summary>
    private static (byte[] Sealed, byte[] Iv)? TryReadGcmJson(byte[] outer, string alias)
    {
        // Stryker disable once Equality: a two-byte value starting with '{' is "{}" or no JSON; neither is the GCM form.
        if (outer.Length < 2 || outer[0] != (byte)'{')
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(outer);
            if (json.RootElement.ValueKind != JsonValueKind.Object
                || !json.RootElement.TryGetProperty("cipherText", out var text) || text.ValueKind != JsonValueKind.String
                || !json.RootElement.TryGetProperty("iv", out var iv) || iv.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            return (SecretDecryptor.DecodeBase64(text.GetString()!, alias), SecretDecryptor.DecodeBase64(iv.GetString()!, alias));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private byte[] DecryptGcm(byte[] sealedBytes, byte[] iv, string alias)
    {
        if (sealedBytes.Length < TagBytes || iv.Length == 0)
        {
            throw DoesNotDecrypt(alias);
        }

        if (iv.Length == IvBytes)
        {
            var plain = new byte[sealedBytes.Length - TagBytes];
            try
            {
                using var gcm = new AesGcm(_key, TagBytes);
                gcm.Decrypt(iv, sealedBytes.AsSpan(0, plain.Length), sealedBytes.AsSpan(plain.Length), plain);
                return plain;
            }
            catch (CryptographicException)
            // Stryker disable once Block: without it BouncyCastle's GCM below checks the same tag and throws the same error.
            {
                // Stryker disable once Statement: without it BouncyCastle's GCM below checks the same tag and throws the same error.
                throw DoesNotDecrypt(alias);
            }
        }

        // .NET's AesGcm takes 12-byte nonces only; the JDK (and upstream's 128-byte IVs) may use any length.
        var cipher = new GcmBlockCipher(new AesEngine());
        cipher.Init(false, new AeadParameters(new KeyParameter(_key), TagBytes * 8, iv));
        var output = new byte[cipher.GetOutputSize(sealedBytes.Length)];
        try
        {
            var n = cipher.ProcessBytes(sealedBytes, 0, sealedBytes.Length, output, 0);
            n += cipher.DoFinal(output, n);
            var plain = output[..n];
            // Stryker disable once Statement: zeroing BouncyCastle's output after the plaintext is copied out is hygiene; the plaintext is the same.
            CryptographicOperations.ZeroMemory(output);
            return plain;
        }
        catch (InvalidCipherTextException)
        {
            // Stryker disable once Statement: zeroing a refused output that is thrown away is hygiene; the error is the same.
            CryptographicOperations.ZeroMemory(output);
            throw DoesNotDecrypt(alias);
        }
    }

    private CipherException DoesNotDecrypt(string alias) =>
        new(CipherErrorKind.DoesNotDecrypt, CiphersText.SymmetricDoesNotDecrypt(alias, _keyName, Algorithm), alias, CiphersText.SymmetricDoesNotDecryptHint);

    private CipherException Mismatch(string alias, string actual) =>
        new(CipherErrorKind.FormatMismatch, CiphersText.SymmetricFormatMismatch(alias, actual, _settingSource, Algorithm), alias, CiphersText.SymmetricFormatMismatchHint);

    /// <inheritdoc/>
    bool ISecretDecryptor.RejectsWrongKey => IsGcm;

    CipherException ISecretDecryptor.NotUtf8(string alias) =>
        new(CipherErrorKind.NotUtf8, CiphersText.PlaintextNotUtf8(alias), alias);
}
