using System.Security.Cryptography;
using System.Text;
using SecVault.Ciphers.Native;
using SecVault.Ciphers;

namespace SecVault.Tests.Ciphers;

public sealed class NativeRsaTests
{
    public static TheoryData<string, string> RsaKeystoresAndTransformations()
    {
        var data = new TheoryData<string, string>();
        foreach (var k in VectorKeys.Manifest.Keystores.Where(k => k.ExpectedError is null))
        {
            data.Add(k.Name, Transformation.OaepSha1.Name);
            data.Add(k.Name, Transformation.Pkcs1.Name);
        }

        return data;
    }

    private static (RSA Private, RSA Public, SecVault.Keystores.KeystoreEntry Entry) Key(string keystore)
    {
        var alias = VectorKeys.Manifest.Keystore(keystore).Entries.First(e => e.Kind == "PrivateKey").Alias;
        return VectorKeys.Get(keystore, alias);
    }

    private static SecretDecryptor Decryptor(string keystore, Transformation transformation, bool useNative)
    {
        var (privateKey, _, entry) = Key(keystore);
        return new SecretDecryptor(privateKey, transformation, entry.Alias, entry.CertificateSha256, null, forceManagedPkcs1: false, useNative) { DiagnosePadding = true };
    }

    private static SecretEncryptor Encryptor(string keystore, Transformation transformation, bool useNative) =>
        new(Key(keystore).Public, transformation, null, useNative);

    private static void SkipUnlessAvailable() =>
        Skip.IfNot(NativeRsa.Enabled && NativeRsa.TryCreatePublic(Key("jks-rsa2048").Public) is not null, "libcrypto.so.3 is not loadable here (or SECVAULT_NATIVE_RSA=0)");

    [SkippableFact]
    public void TryCreate_gives_a_native_key_for_public_and_private_RSA_keys_on_linux_with_OpenSSL_3()
    {
        SkipUnlessAvailable();
        var (privateKey, publicKey, _) = Key("jks-rsa2048");

        Assert.NotNull(NativeRsa.TryCreatePublic(publicKey));
        Assert.NotNull(NativeRsa.TryCreatePrivate(privateKey));
    }

    [SkippableTheory]
    [MemberData(nameof(RsaKeystoresAndTransformations))]
    public void Native_and_NET_paths_decrypt_each_others_ciphertexts(string keystore, string transformationName)
    {
        SkipUnlessAvailable();
        var transformation = Transformation.Parse(transformationName);
        var secret = Encoding.UTF8.GetBytes($"s3cret-ü-{keystore}");

        var fromNative = Encryptor(keystore, transformation, useNative: true).Encrypt(secret, "a");
        var fromDotNet = Encryptor(keystore, transformation, useNative: false).Encrypt(secret, "a");

        Assert.Equal(secret, Decryptor(keystore, transformation, useNative: false).Decrypt(fromNative, "a"));
        Assert.Equal(secret, Decryptor(keystore, transformation, useNative: true).Decrypt(fromDotNet, "a"));
        Assert.Equal(secret, Decryptor(keystore, transformation, useNative: true).Decrypt(fromNative, "a"));
    }

    [SkippableFact]
    public void Native_path_reports_the_same_padding_mismatch_as_the_NET_path()
    {
        SkipUnlessAvailable();
        var ciphertext = Encryptor("jks-rsa2048", Transformation.OaepSha1, useNative: true).Encrypt("value", "db");

        var native = Assert.Throws<CipherException>(() => Decryptor("jks-rsa2048", Transformation.Pkcs1, useNative: true).Decrypt(ciphertext, "db"));
        var dotNet = Assert.Throws<CipherException>(() => Decryptor("jks-rsa2048", Transformation.Pkcs1, useNative: false).Decrypt(ciphertext, "db"));

        Assert.Equal(CipherErrorKind.PaddingMismatch, native.Kind);
        Assert.Equal(dotNet.Message, native.Message);
    }

    [SkippableTheory]
    [InlineData(nameof(RsaPadding.Pkcs1))]
    [InlineData(nameof(RsaPadding.OaepSha1))]
    public void TryDecrypt_rejects_the_all_zero_block_and_random_blocks(string paddingName)
    {
        SkipUnlessAvailable();
        var padding = Enum.Parse<RsaPadding>(paddingName);
        var native = NativeRsa.TryCreatePrivate(Key("jks-rsa2048").Private)!;
        var accepted = 0;

        Assert.Null(native.TryDecrypt(new byte[256], padding));
        for (var i = 0; i < 200; i++)
        {
            var block = RandomNumberGenerator.GetBytes(256);
            block[0] = 0;
            if (native.TryDecrypt(block, padding) is not null)
            {
                accepted++;
            }
        }

        // A random block has a valid padding with probability about 2^-16 (PKCS#1) or far less (OAEP).
        Assert.True(accepted < 3, $"{accepted} of 200 random blocks decrypted");
    }

    [SkippableFact]
    public void Parallel_decryption_and_encryption_give_the_sequential_results()
    {
        SkipUnlessAvailable();
        var encryptor = Encryptor("jks-rsa2048", Transformation.OaepSha1, useNative: true);
        var decryptor = Decryptor("jks-rsa2048", Transformation.OaepSha1, useNative: true);
        var secrets = Enumerable.Range(0, 400).Select(i => ($"k{i}", Encoding.UTF8.GetBytes($"value-{i}"))).ToList();

        var ciphertexts = encryptor.EncryptAll(secrets, maxParallelism: 4);
        var parallel = decryptor.DecryptAll([.. ciphertexts.Select((c, i) => ($"k{i}", c))], maxParallelism: 4);
        var sequential = ciphertexts.Select((c, i) => decryptor.Decrypt(c, $"k{i}")).ToList();

        Assert.Equal(secrets.Select(s => s.Item2), parallel);
        Assert.Equal(sequential, parallel);
    }

    /// <summary>Skips unless libcrypto.so.3 loads; unlike <see cref="SkipUnlessAvailable"/> it asks nothing of NativeRsa, which is under test.</summary>
    private static void SkipUnlessLibcrypto() => Skip.IfNot(LibcryptoProbe.NativeExpected, LibcryptoProbe.SkipReason);

    /// <summary>.NET's padding for a SecVault padding, named independently of RsaPaddings (whose policy is under test).</summary>
    internal static RSAEncryptionPadding DotNetPadding(RsaPadding padding) => padding == RsaPadding.Pkcs1 ? RSAEncryptionPadding.Pkcs1 : RSAEncryptionPadding.OaepSHA1;

    [SkippableTheory]
    [InlineData(nameof(RsaPadding.Pkcs1))]
    [InlineData(nameof(RsaPadding.OaepSha1))]
    public void Encrypt_writes_a_key_sized_block_into_a_larger_buffer_that_NET_decrypts(string paddingName)
    {
        SkipUnlessLibcrypto();
        var padding = Enum.Parse<RsaPadding>(paddingName);
        var (privateKey, publicKey, _) = Key("jks-rsa2048");
        var output = new byte[300];

        var written = NativeRsa.TryCreatePublic(publicKey)!.Encrypt("s3cret-ü"u8, padding, output);

        Assert.Equal(256, written);
        Assert.Equal("s3cret-ü", Encoding.UTF8.GetString(privateKey.Decrypt(output[..256], DotNetPadding(padding))));
    }

    [SkippableTheory]
    [InlineData(nameof(RsaPadding.Pkcs1))]
    [InlineData(nameof(RsaPadding.OaepSha1))]
    public void TryDecrypt_recovers_what_NET_encrypted_and_refuses_another_key_s_block(string paddingName)
    {
        SkipUnlessLibcrypto();
        var padding = Enum.Parse<RsaPadding>(paddingName);
        var first = VectorKeys.Get("jks-multi", "first");
        var second = VectorKeys.Get("jks-multi", "second");
        var block = first.Public.Encrypt("s3cret"u8.ToArray(), DotNetPadding(padding));

        Assert.Equal("s3cret"u8.ToArray(), NativeRsa.TryCreatePrivate(first.Private)!.TryDecrypt(block, padding));
        // On OpenSSL 3.2+ a bad PKCS#1 v1.5 padding would give random bytes unless implicit rejection is turned off.
        Assert.Null(NativeRsa.TryCreatePrivate(second.Private)!.TryDecrypt(block, padding));
    }

    [SkippableFact]
    public void Encrypt_needs_a_public_key_and_a_buffer_of_at_least_the_key_size()
    {
        SkipUnlessLibcrypto();
        var (privateKey, publicKey, _) = Key("jks-rsa2048");
        var encrypting = NativeRsa.TryCreatePublic(publicKey)!;
        var decrypting = NativeRsa.TryCreatePrivate(privateKey)!;

        var shortBuffer = Assert.Throws<InvalidOperationException>(() => encrypting.Encrypt("v"u8, RsaPadding.OaepSha1, new byte[255]));
        var privateKeyUsed = Assert.Throws<InvalidOperationException>(() => decrypting.Encrypt("v"u8, RsaPadding.OaepSha1, new byte[256]));

        Assert.Equal("an encrypting key and a key-sized buffer are needed", shortBuffer.Message);
        Assert.Equal("an encrypting key and a key-sized buffer are needed", privateKeyUsed.Message);
    }

    [SkippableFact]
    public void TryDecrypt_needs_a_private_key_and_a_block_of_exactly_the_key_size()
    {
        SkipUnlessLibcrypto();
        var (privateKey, publicKey, _) = Key("jks-rsa2048");
        var encrypting = NativeRsa.TryCreatePublic(publicKey)!;
        var decrypting = NativeRsa.TryCreatePrivate(privateKey)!;

        foreach (var (key, size) in new[] { (encrypting, 256), (decrypting, 255), (decrypting, 257) })
        {
            var error = Assert.Throws<InvalidOperationException>(() => key.TryDecrypt(new byte[size], RsaPadding.Pkcs1));
            Assert.Equal("a decrypting key and a key-sized block are needed", error.Message);
        }
    }

    [Fact]
    public void Available_is_true_exactly_when_the_switch_is_on_and_libcrypto_so_3_loads_on_linux()
    {
        Assert.Equal(LibcryptoProbe.NativeExpected, NativeRsa.Available());
    }
}
