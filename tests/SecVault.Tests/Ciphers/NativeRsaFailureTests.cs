using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using SecVault.Ciphers;
using SecVault.Ciphers.Native;

namespace SecVault.Tests.Ciphers;

/// <summary>
/// <see cref="NativeRsa"/> when libcrypto refuses an operation: the failure value it defines (-1 or null), no error left
/// on the thread's OpenSSL queue for .NET's next call to see, and the key still working afterwards.
/// </summary>
public sealed class NativeRsaFailureTests
{
    public static TheoryData<string> PaddingNames() => [nameof(RsaPadding.Pkcs1), nameof(RsaPadding.OaepSha1)];

    private static void SkipUnlessLibcrypto() => Skip.IfNot(LibcryptoProbe.NativeExpected, LibcryptoProbe.SkipReason);

    private static (RSA Private, RSA Public) Key()
    {
        var (privateKey, publicKey, _) = VectorKeys.Get("jks-rsa2048", "wso2carbon");
        return (privateKey, publicKey);
    }

    [SkippableTheory]
    [InlineData(nameof(RsaPadding.Pkcs1), 246)]
    [InlineData(nameof(RsaPadding.OaepSha1), 215)]
    public void Encrypt_of_a_secret_too_long_for_the_key_returns_minus_1_clears_the_error_and_the_key_still_encrypts(string paddingName, int tooLong)
    {
        SkipUnlessLibcrypto();
        var padding = Enum.Parse<RsaPadding>(paddingName);
        var (privateKey, publicKey) = Key();
        var native = NativeRsa.TryCreatePublic(publicKey)!;
        OpenSslErrorQueue.Clear();

        // A 2048-bit key holds 256 - 11 bytes under PKCS#1 v1.5 and 256 - 42 under OAEP with SHA-1.
        var failed = native.Encrypt(new byte[tooLong], padding, new byte[256]);

        Assert.Equal(-1, failed);
        Assert.Equal(0UL, OpenSslErrorQueue.Peek());
        var output = new byte[256];
        Assert.Equal(256, native.Encrypt("after"u8, padding, output));
        Assert.Equal("after"u8.ToArray(), privateKey.Decrypt(output, NativeRsaTests.DotNetPadding(padding)));
    }

    [SkippableTheory]
    [MemberData(nameof(PaddingNames))]
    public void TryDecrypt_of_a_block_that_is_not_valid_padding_returns_null_clears_the_error_and_the_key_still_decrypts(string paddingName)
    {
        SkipUnlessLibcrypto();
        var padding = Enum.Parse<RsaPadding>(paddingName);
        var (privateKey, publicKey) = Key();
        var native = NativeRsa.TryCreatePrivate(privateKey)!;
        // The all-zero block decrypts to zero: no 00 02 of PKCS#1 v1.5, and an OAEP decoding whose label hash does not check.
        var bad = new byte[256];
        OpenSslErrorQueue.Clear();

        Assert.Null(native.TryDecrypt(bad, padding));
        Assert.Equal(0UL, OpenSslErrorQueue.Peek());
        var good = publicKey.Encrypt("after"u8.ToArray(), NativeRsaTests.DotNetPadding(padding));
        Assert.Equal("after"u8.ToArray(), native.TryDecrypt(good, padding));
    }

    [SkippableTheory]
    [MemberData(nameof(PaddingNames))]
    public void Encrypt_with_a_key_libcrypto_reads_but_cannot_encrypt_with_returns_minus_1_and_clears_the_error(string paddingName)
    {
        SkipUnlessLibcrypto();
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        // d2i_PUBKEY reads any SubjectPublicKeyInfo; an EC key has no RSA encryption, so no context can be set up.
        var native = NativeRsa.TryCreatePublic(ec.ExportSubjectPublicKeyInfo(), 2048)!;
        OpenSslErrorQueue.Clear();

        Assert.Equal(-1, native.Encrypt("v"u8, Enum.Parse<RsaPadding>(paddingName), new byte[256]));
        Assert.Equal(0UL, OpenSslErrorQueue.Peek());
    }

    [SkippableFact]
    public void TryCreatePublic_of_bytes_that_are_no_SubjectPublicKeyInfo_is_null_and_clears_the_error()
    {
        SkipUnlessLibcrypto();
        OpenSslErrorQueue.Clear();

        Assert.Null(NativeRsa.TryCreatePublic([0x30, 0x03, 0x02, 0x01, 0x00], 2048));
        Assert.Equal(0UL, OpenSslErrorQueue.Peek());
    }

    [SkippableFact]
    public void A_native_key_no_longer_referenced_is_finalized_and_collected()
    {
        SkipUnlessLibcrypto();
        var dropped = UseAndDrop();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(dropped.IsAlive);
    }

    /// <summary>A native key with pooled contexts of both paddings, then let go; tracked through finalization.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference UseAndDrop()
    {
        var native = NativeRsa.TryCreatePublic(Key().Public)!;
        native.Encrypt("v"u8, RsaPadding.Pkcs1, new byte[256]);
        native.Encrypt("v"u8, RsaPadding.OaepSha1, new byte[256]);
        return new WeakReference(native, trackResurrection: true);
    }
}
