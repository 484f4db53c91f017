using System.Security.Cryptography;

namespace SecVault.Ciphers;

/// <summary>
/// The one padding policy: what each <see cref="RsaPadding"/> means (OAEP with SHA-1 for both the label hash and MGF1,
/// or PKCS#1 v1.5). The .NET and OpenSSL paths take it from here; BouncyCastle serves PKCS#1 v1.5 alone.
/// </summary>
internal static class RsaPaddings
{
    public static RSAEncryptionPadding For(RsaPadding padding) => padding switch
    {
        RsaPadding.Pkcs1 => RSAEncryptionPadding.Pkcs1,
        RsaPadding.OaepSha1 => RSAEncryptionPadding.OaepSHA1,
        _ => throw new ArgumentOutOfRangeException(nameof(padding), padding, null),
    };
}
