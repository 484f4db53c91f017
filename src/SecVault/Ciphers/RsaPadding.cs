namespace SecVault.Ciphers;

/// <summary>The RSA encryption paddings SecVault supports.</summary>
internal enum RsaPadding
{
    /// <summary>PKCS#1 v1.5 encryption padding.</summary>
    Pkcs1,

    /// <summary>OAEP with SHA-1, MGF1 with SHA-1 and an empty label (the JDK's OAEPWithSHA-1AndMGF1Padding).</summary>
    OaepSha1,
}
