using System.Security.Cryptography;
using SecVault.Ciphers.Native;

namespace SecVault.Tests.Ciphers;

public sealed class NativeDigestTests
{
    [SkippableTheory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("s3cret-ü-€")]
    public void TrySha256_equals_NET_s_SHA256(string text)
    {
        Skip.IfNot(LibcryptoProbe.NativeExpected, LibcryptoProbe.SkipReason);
        var data = System.Text.Encoding.UTF8.GetBytes(text);
        var hash = new byte[NativeDigest.Sha256Bytes];

        Assert.True(NativeDigest.TrySha256(data, hash));
        Assert.Equal(SHA256.HashData(data), hash);
    }

    [SkippableFact]
    public void TrySha256_of_abc_is_the_FIPS_180_2_value_in_the_first_32_bytes_of_a_larger_buffer()
    {
        Skip.IfNot(LibcryptoProbe.NativeExpected, LibcryptoProbe.SkipReason);
        var hash = new byte[40];

        Assert.True(NativeDigest.TrySha256("abc"u8, hash));
        // FIPS 180-2, appendix B.1.
        Assert.Equal(Convert.FromHexString("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"), hash[..32]);
        Assert.Equal(new byte[8], hash[32..]);
    }

    [Fact]
    public void TrySha256_refuses_a_buffer_shorter_than_a_hash_and_leaves_it_untouched()
    {
        var hash = new byte[NativeDigest.Sha256Bytes - 1];

        Assert.False(NativeDigest.TrySha256("abc"u8, hash));
        Assert.Equal(new byte[NativeDigest.Sha256Bytes - 1], hash);
    }
}
