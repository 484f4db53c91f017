using System.Security.Cryptography;
using SecVault.Ciphers;
using SecVault.Ciphers.Native;

namespace SecVault.Tests.Ciphers;

/// <summary>
/// <see cref="SecretDecryptor"/> with keys that behave unlike an exportable OpenSSL key (see <see cref="WrappedRsa"/>):
/// which PKCS#1 v1.5 path it then takes, and what it refuses.
/// </summary>
public sealed class SecretDecryptorKeyTests
{
    private static (RSA Private, RSA Public, string Alias, string Fingerprint) Key()
    {
        var (privateKey, publicKey, entry) = VectorKeys.Get("jks-rsa2048", "wso2carbon");
        return (privateKey, publicKey, entry.Alias, entry.CertificateSha256);
    }

    public static TheoryData<string> Transformations() => [Transformation.Pkcs1.Name, Transformation.OaepSha1.Name];

    [Theory]
    [MemberData(nameof(Transformations))]
    public void A_key_that_cannot_export_its_private_parameters_gets_no_native_key_and_decrypts_through_NET(string transformationName)
    {
        var t = Transformation.Parse(transformationName);
        var (privateKey, publicKey, alias, fingerprint) = Key();
        var wrapped = new WrappedRsa(privateKey) { RefusesPrivateExport = true };
        var ciphertext = Convert.ToBase64String(publicKey.Encrypt("s3cret"u8.ToArray(), NativeRsaTests.DotNetPadding(t.Padding)));
        var decryptor = new SecretDecryptor(wrapped, t, alias, fingerprint);

        Assert.Null(NativeRsa.TryCreatePrivate(wrapped));
        Assert.Equal("s3cret"u8.ToArray(), decryptor.Decrypt(ciphertext, "db"));
        Assert.Equal(["s3cret"u8.ToArray(), "s3cret"u8.ToArray()], decryptor.DecryptAll([("a", ciphertext), ("b", ciphertext)]));
    }

    [Fact]
    public void Where_the_platform_answers_a_bad_PKCS1_padding_with_bytes_BouncyCastle_decrypts_and_refuses_a_random_block()
    {
        var (privateKey, publicKey, alias, fingerprint) = Key();
        var wrapped = new WrappedRsa(privateKey) { AnswersBadPkcs1Padding = true };
        var decryptor = new SecretDecryptor(wrapped, Transformation.Pkcs1, alias, fingerprint, null, forceManagedPkcs1: false, useNative: false);
        var random = new byte[256];
        new Random(42).NextBytes(random);
        random[0] = 0; // below the modulus

        var error = Assert.Throws<CipherException>(() => decryptor.Decrypt(Convert.ToBase64String(random), "db"));

        Assert.Equal(CipherErrorKind.DoesNotDecrypt, error.Kind);
        Assert.Equal("s3cret"u8.ToArray(), decryptor.Decrypt(Convert.ToBase64String(publicKey.Encrypt("s3cret"u8.ToArray(), RSAEncryptionPadding.Pkcs1)), "db"));
        // The platform was asked once, with the all-zero block; what it answered is zeroed.
        Assert.Equal(new byte[32], Assert.Single(wrapped.Answered));
    }

    [Fact]
    public void A_key_that_exports_no_CRT_parameters_cannot_take_the_managed_PKCS1_path()
    {
        var (privateKey, publicKey, alias, fingerprint) = Key();
        var wrapped = new WrappedRsa(privateKey) { OmitsDq = true };
        var decryptor = new SecretDecryptor(wrapped, Transformation.Pkcs1, alias, fingerprint, null, forceManagedPkcs1: true, useNative: false);
        var ciphertext = Convert.ToBase64String(publicKey.Encrypt("s3cret"u8.ToArray(), RSAEncryptionPadding.Pkcs1));

        var error = Assert.Throws<CryptographicException>(() => decryptor.Decrypt(ciphertext, "db"));

        Assert.Equal("missing key parameter", error.Message);
    }

    [Theory]
    [InlineData("RSA/ECB/OAEPwithSHA1andMGF1Padding", true)]
    [InlineData("RSA/ECB/PKCS1Padding", false)]
    [InlineData("RSA", false)]
    public void RejectsWrongKey_only_under_OAEP(string transformation, bool rejects)
    {
        var (privateKey, _, alias, fingerprint) = Key();

        Assert.Equal(rejects, new SecretDecryptor(privateKey, Transformation.Parse(transformation), alias, fingerprint).RejectsWrongKey);
    }
}
