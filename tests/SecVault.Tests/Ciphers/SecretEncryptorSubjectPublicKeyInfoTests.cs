using System.Security.Cryptography;
using System.Text;
using SecVault.Ciphers;

namespace SecVault.Tests.Ciphers;

/// <summary>
/// <see cref="SecretEncryptor"/> made from a SubjectPublicKeyInfo's DER and a key size read beside it (as
/// <c>mi secret create</c> does): its own argument check, the name in its messages, and keys that do not fit.
/// </summary>
public sealed class SecretEncryptorSubjectPublicKeyInfoTests
{
    private static (RSA Private, byte[] Spki) Key()
    {
        var (privateKey, publicKey, _) = VectorKeys.Get("jks-rsa2048", "wso2carbon");
        return (privateKey, publicKey.ExportSubjectPublicKeyInfo());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2048)]
    public void A_key_size_below_1_is_refused_naming_the_argument_and_the_bound(int bits)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SecretEncryptor(Key().Spki, bits, Transformation.OaepSha1, null, useNative: false));

        Assert.Equal("keySizeBits", error.ParamName);
        Assert.Equal($"keySizeBits ('{bits}') must be greater than or equal to '1'. (Parameter 'keySizeBits'){Environment.NewLine}Actual value was {bits}.", error.Message);
    }

    [Fact]
    public void The_display_name_given_names_the_transformation_in_the_too_long_message()
    {
        var encryptor = new SecretEncryptor(Key().Spki, 2048, Transformation.OaepSha1, "RSA/ECB/OAEPWithSHA1AndMGF1Padding", useNative: false);

        var error = Assert.Throws<CipherException>(() => encryptor.Encrypt(new byte[215], "db"));

        Assert.Equal("secret for alias 'db' is 215 bytes; RSA/ECB/OAEPWithSHA1AndMGF1Padding with a 2048-bit key allows at most 214", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_secret_within_the_stated_size_s_limit_but_too_long_for_the_key_itself_is_SecretTooLong(bool useNative)
    {
        // The DER holds a 2048-bit key (at most 214 bytes under OAEP); the stated 4096 bits would allow 512 - 42 = 470.
        var encryptor = new SecretEncryptor(Key().Spki, 4096, Transformation.OaepSha1, null, useNative);

        var error = Assert.Throws<CipherException>(() => encryptor.Encrypt(new byte[300], "db"));

        Assert.Equal(CipherErrorKind.SecretTooLong, error.Kind);
        Assert.Equal("db", error.Alias);
        Assert.Equal("secret for alias 'db' is 300 bytes; RSA/ECB/OAEPwithSHA1andMGF1Padding with a 4096-bit key allows at most 470", error.Message);
        Assert.IsType<CryptographicException>(error.InnerException, exactMatch: false);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_SubjectPublicKeyInfo_that_is_no_RSA_key_fails_the_first_encryption_with_NET_s_CryptographicException(bool useNative)
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var encryptor = new SecretEncryptor(ec.ExportSubjectPublicKeyInfo(), 2048, Transformation.Pkcs1, null, useNative);

        Assert.Throws<CryptographicException>(() => encryptor.Encrypt("v"u8, "db"));
    }

    [SkippableFact]
    public void With_native_on_the_first_secret_is_encrypted_by_libcrypto_without_NET_reading_the_key()
    {
        Skip.IfNot(LibcryptoProbe.NativeExpected, LibcryptoProbe.SkipReason);
        var (privateKey, spki) = Key();
        // The same key as BER, its outer SEQUENCE of indefinite length: libcrypto reads it, .NET (DER only) refuses it.
        var ber = IndefiniteLength(spki);
        var native = new SecretEncryptor(ber, 2048, Transformation.OaepSha1, null, useNative: true);
        var dotNet = new SecretEncryptor(ber, 2048, Transformation.OaepSha1, null, useNative: false);

        var ciphertext = native.Encrypt("s3cret-ü", "db");

        Assert.Equal("s3cret-ü", Encoding.UTF8.GetString(privateKey.Decrypt(Convert.FromBase64String(ciphertext), RSAEncryptionPadding.OaepSHA1)));
        Assert.Throws<CryptographicException>(() => dotNet.Encrypt("s3cret-ü", "db"));
    }

    /// <summary>A DER SEQUENCE re-encoded with BER's indefinite length (30 80 contents 00 00).</summary>
    private static byte[] IndefiniteLength(byte[] der)
    {
        var lengthBytes = der[1] < 0x80 ? 1 : 1 + (der[1] & 0x7F);
        return [0x30, 0x80, .. der.AsSpan(1 + lengthBytes), 0x00, 0x00];
    }
}
