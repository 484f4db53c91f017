using System.Security.Cryptography;

namespace SecVault.Ciphers;

/// <summary>Maps <see cref="RsaPadding"/> to the platform's padding objects.</summary>
internal static class RsaPaddings
{
    public static RSAEncryptionPadding For(RsaPadding padding) => padding switch
    {
        RsaPadding.Pkcs1 => RSAEncryptionPadding.Pkcs1,
        RsaPadding.OaepSha1 => RSAEncryptionPadding.OaepSHA1,
        _ => throw new ArgumentOutOfRangeException(nameof(padding), padding, null),
    };
}
