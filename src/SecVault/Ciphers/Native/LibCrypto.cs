using System.Runtime.InteropServices;

namespace SecVault.Ciphers.Native;

/// <summary>
/// The few libcrypto.so.3 (OpenSSL 3) functions the native RSA path needs. Bound lazily: a machine without
/// libcrypto.so.3 throws <see cref="DllNotFoundException"/> on first use, and <see cref="NativeRsa"/> falls back.
/// </summary>
internal static class LibCrypto
{
    /// <summary>EVP_PKEY_RSA.</summary>
    public const int EvpPkeyRsa = 6;

    /// <summary>RSA_PKCS1_PADDING.</summary>
    public const int RsaPkcs1Padding = 1;

    /// <summary>RSA_PKCS1_OAEP_PADDING.</summary>
    public const int RsaPkcs1OaepPadding = 4;

    /// <summary>OSSL_PARAM_UNSIGNED_INTEGER.</summary>
    public const uint OsslParamUnsignedInteger = 2;

    private const string Library = "libcrypto.so.3";

    [DllImport(Library, EntryPoint = "OpenSSL_version_num")]
    public static extern nuint OpenSslVersionNum();

    [DllImport(Library, EntryPoint = "d2i_PUBKEY")]
    public static extern IntPtr D2iPubKey(IntPtr reuse, ref IntPtr data, nint length);

    [DllImport(Library, EntryPoint = "d2i_PrivateKey")]
    public static extern IntPtr D2iPrivateKey(int type, IntPtr reuse, ref IntPtr data, nint length);

    [DllImport(Library, EntryPoint = "EVP_PKEY_free")]
    public static extern void EvpPkeyFree(IntPtr pkey);

    [DllImport(Library, EntryPoint = "EVP_PKEY_CTX_new")]
    public static extern IntPtr EvpPkeyCtxNew(IntPtr pkey, IntPtr engine);

    [DllImport(Library, EntryPoint = "EVP_PKEY_CTX_free")]
    public static extern void EvpPkeyCtxFree(IntPtr ctx);

    [DllImport(Library, EntryPoint = "EVP_PKEY_encrypt_init")]
    public static extern int EvpPkeyEncryptInit(IntPtr ctx);

    [DllImport(Library, EntryPoint = "EVP_PKEY_decrypt_init")]
    public static extern int EvpPkeyDecryptInit(IntPtr ctx);

    [DllImport(Library, EntryPoint = "EVP_PKEY_CTX_set_rsa_padding")]
    public static extern int EvpPkeyCtxSetRsaPadding(IntPtr ctx, int padding);

    [DllImport(Library, EntryPoint = "EVP_PKEY_CTX_set_rsa_oaep_md")]
    public static extern int EvpPkeyCtxSetRsaOaepMd(IntPtr ctx, IntPtr md);

    [DllImport(Library, EntryPoint = "EVP_PKEY_CTX_set_rsa_mgf1_md")]
    public static extern int EvpPkeyCtxSetRsaMgf1Md(IntPtr ctx, IntPtr md);

    [DllImport(Library, EntryPoint = "EVP_PKEY_CTX_set_params")]
    public static extern int EvpPkeyCtxSetParams(IntPtr ctx, [In] OsslParam[] parameters);

    [DllImport(Library, EntryPoint = "EVP_sha1")]
    public static extern IntPtr EvpSha1();

    [DllImport(Library, EntryPoint = "EVP_sha256")]
    public static extern IntPtr EvpSha256();

    [DllImport(Library, EntryPoint = "EVP_Digest")]
    public static extern int EvpDigest(ref byte data, nuint count, ref byte digest, ref uint size, IntPtr type, IntPtr engine);

    [DllImport(Library, EntryPoint = "EVP_PKEY_encrypt")]
    public static extern int EvpPkeyEncrypt(IntPtr ctx, ref byte output, ref nuint outputLength, ref byte input, nuint inputLength);

    [DllImport(Library, EntryPoint = "EVP_PKEY_decrypt")]
    public static extern int EvpPkeyDecrypt(IntPtr ctx, ref byte output, ref nuint outputLength, ref byte input, nuint inputLength);

    [DllImport(Library, EntryPoint = "ERR_clear_error")]
    public static extern void ErrClearError();

    /// <summary>OpenSSL 3's OSSL_PARAM (key, data_type, data, data_size, return_size).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct OsslParam
    {
        public IntPtr Key;
        public uint DataType;
        public IntPtr Data;
        public nuint DataSize;
        public nuint ReturnSize;
    }
}
