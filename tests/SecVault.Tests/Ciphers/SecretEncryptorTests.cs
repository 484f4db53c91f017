using System.Security.Cryptography;
using System.Text;
using SecVault.Ciphers;
using SecVault.Testing;

namespace SecVault.Tests.Ciphers;

public sealed class SecretEncryptorTests
{
    public static TheoryData<string, string> KeysAndTransformations()
    {
        var data = new TheoryData<string, string>();
        foreach (var k in VectorKeys.Manifest.Keystores.Where(k => k.ExpectedError is null))
        {
            var alias = k.Entries.First(e => e.Kind == "PrivateKey").Alias;
            data.Add($"{k.Name}:{alias}", Transformation.OaepSha1.Name);
            data.Add($"{k.Name}:{alias}", Transformation.Rsa.Name);
        }

        return data;
    }

    private static (SecretEncryptor Encryptor, SecretDecryptor Decryptor) Pair(string keystore, string alias, Transformation t, string? display = null)
    {
        var (privateKey, publicKey, entry) = VectorKeys.Get(keystore, alias);
        return (new SecretEncryptor(publicKey, t, display), new SecretDecryptor(privateKey, t, entry.Alias, entry.CertificateSha256));
    }

    [Theory]
    [MemberData(nameof(KeysAndTransformations))]
    public void Encrypt_round_trips_a_secret_at_the_size_limit_for_every_vector_key(string key, string transformation)
    {
        var (keystore, alias) = (key.Split(':')[0], key.Split(':')[1]);
        var t = Transformation.Parse(transformation);
        var (encryptor, decryptor) = Pair(keystore, alias, t);
        var secret = Enumerable.Range(0, encryptor.MaxSecretBytes).Select(i => (byte)('a' + (i % 26))).ToArray();

        var ciphertext = encryptor.Encrypt(secret, "limit");

        Assert.Equal(secret, decryptor.Decrypt(ciphertext, "limit"));
        Assert.Equal(4 * (((encryptor.KeySizeBits / 8) + 2) / 3), ciphertext.Length);
    }

    [Fact]
    public void Encrypt_writes_one_line_of_standard_base64_of_344_characters_for_a_2048_bit_key()
    {
        var (encryptor, _) = Pair("jks-rsa2048", "wso2carbon", Transformation.OaepSha1);

        var ciphertext = encryptor.Encrypt("admin", "admin_password");

        Assert.Equal(344, ciphertext.Length);
        Assert.Matches("^[A-Za-z0-9+/]+={0,2}$", ciphertext);
    }

    [Fact]
    public void Encrypt_is_randomized()
    {
        var (encryptor, decryptor) = Pair("jks-rsa2048", "wso2carbon", Transformation.Pkcs1);

        var first = encryptor.Encrypt("same", "a");
        var second = encryptor.Encrypt("same", "a");

        Assert.NotEqual(first, second);
        Assert.Equal(decryptor.DecryptToString(first, "a"), decryptor.DecryptToString(second, "a"));
    }

    [Fact]
    public void Encrypt_takes_the_UTF8_bytes_of_a_string_and_accepts_an_empty_secret()
    {
        var (encryptor, decryptor) = Pair("jks-rsa2048", "wso2carbon", Transformation.OaepSha1);

        Assert.Equal("pässwörd-密码-🔑", decryptor.DecryptToString(encryptor.Encrypt("pässwörd-密码-🔑", "u"), "u"));
        Assert.Empty(decryptor.Decrypt(encryptor.Encrypt(ReadOnlySpan<byte>.Empty, "e"), "e"));
    }

    [Theory]
    [InlineData("RSA/ECB/OAEPwithSHA1andMGF1Padding", null, 230, "secret for alias 'db_password' is 230 bytes; RSA/ECB/OAEPwithSHA1andMGF1Padding with a 2048-bit key allows at most 214")]
    [InlineData("RSA/ECB/OAEPwithSHA1andMGF1Padding", "RSA/ECB/OAEPWithSHA1AndMGF1Padding", 215, "secret for alias 'db_password' is 215 bytes; RSA/ECB/OAEPWithSHA1AndMGF1Padding with a 2048-bit key allows at most 214")]
    [InlineData("RSA", null, 246, "secret for alias 'db_password' is 246 bytes; RSA with a 2048-bit key allows at most 245")]
    public void Encrypt_reports_a_secret_over_the_limit_with_size_limit_transformation_and_key_size(string transformation, string? display, int size, string message)
    {
        var (encryptor, _) = Pair("jks-rsa2048", "wso2carbon", Transformation.Parse(transformation), display);

        var error = Assert.Throws<CipherException>(() => encryptor.Encrypt(new byte[size], "db_password"));

        Assert.Equal(CipherErrorKind.SecretTooLong, error.Kind);
        Assert.Equal("db_password", error.Alias);
        Assert.Equal(message, error.Message);
        Assert.NotNull(error.Hint);
    }

    [Fact]
    public void EncryptAll_keeps_input_order_and_round_trips_in_parallel()
    {
        var (encryptor, decryptor) = Pair("p12-pbes2", "wso2carbon", Transformation.OaepSha1);
        var items = Enumerable.Range(0, 40).Select(i => ($"alias{i}", Encoding.UTF8.GetBytes($"secret-{i}"))).ToList();

        var ciphertexts = encryptor.EncryptAll(items, maxParallelism: 4);

        Assert.Equal(items.Count, ciphertexts.Count);
        Assert.Equal(items.Select(i => Encoding.UTF8.GetString(i.Item2)), ciphertexts.Select((c, i) => decryptor.DecryptToString(c, $"alias{i}")));
    }

    [Fact]
    public void EncryptAll_checks_every_length_first_and_reports_the_first_too_long_secret()
    {
        var (encryptor, _) = Pair("jks-rsa2048", "wso2carbon", Transformation.OaepSha1);
        var items = new List<(string, byte[])> { ("ok", [1]), ("long1", new byte[300]), ("long2", new byte[400]) };

        var error = Assert.Throws<CipherException>(() => encryptor.EncryptAll(items));

        Assert.Equal("long1", error.Alias);
        Assert.Throws<ArgumentOutOfRangeException>(() => encryptor.EncryptAll(items.Take(1).ToList(), maxParallelism: 0));
    }

    [Fact]
    public void EncryptAll_encrypts_nothing_when_a_secret_is_too_long()
    {
        var (encryptor, _) = Pair("jks-rsa2048", "wso2carbon", Transformation.OaepSha1);
        var items = new List<(string, byte[])> { ("ok", [1]), ("ok2", [2]), ("long", new byte[300]) };
        var reports = new List<WorkProgress>();

        Assert.Throws<CipherException>(() => encryptor.EncryptAll(items, maxParallelism: 1, new SynchronousProgress(reports)));

        Assert.Empty(reports);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void EncryptAll_of_one_or_two_secrets_gives_what_the_private_key_decrypts(int count)
    {
        var (privateKey, publicKey, _) = VectorKeys.Get("jks-rsa2048", "wso2carbon");
        var items = Enumerable.Range(0, count).Select(i => ($"a{i}", Encoding.UTF8.GetBytes($"secret-{i}"))).ToList();

        var ciphertexts = new SecretEncryptor(publicKey, Transformation.Pkcs1).EncryptAll(items);

        Assert.Equal(
            items.Select(i => Encoding.UTF8.GetString(i.Item2)),
            ciphertexts.Select(c => Encoding.UTF8.GetString(privateKey.Decrypt(Convert.FromBase64String(c), RSAEncryptionPadding.Pkcs1))));
    }

    [Fact]
    public void Missing_arguments_are_refused_with_their_names()
    {
        var (_, publicKey, _) = VectorKeys.Get("jks-rsa2048", "wso2carbon");
        var encryptor = new SecretEncryptor(publicKey, Transformation.OaepSha1);

        Assert.Equal("publicKey", Assert.Throws<ArgumentNullException>(() => new SecretEncryptor(null!, Transformation.OaepSha1)).ParamName);
        Assert.Equal("transformation", Assert.Throws<ArgumentNullException>(() => new SecretEncryptor(publicKey, null!)).ParamName);
        Assert.Equal("alias", Assert.Throws<ArgumentNullException>(() => encryptor.CheckLength(1, null!)).ParamName);
        Assert.Equal("secret", Assert.Throws<ArgumentNullException>(() => encryptor.Encrypt((string)null!, "a")).ParamName);
        Assert.Equal("secrets", Assert.Throws<ArgumentNullException>(() => encryptor.EncryptAll(null!)).ParamName);
        Assert.Equal("secret", Assert.Throws<ArgumentNullException>(() => encryptor.EncryptAll([("a", null!)])).ParamName);
    }

    [Fact]
    public void EncryptToBase64_refuses_a_buffer_shorter_than_Base64Length()
    {
        var (encryptor, _) = Pair("jks-rsa2048", "wso2carbon", Transformation.OaepSha1);
        var buffer = new byte[encryptor.Base64Length - 1];

        var error = Assert.Throws<ArgumentException>(() => encryptor.EncryptToBase64("v"u8, "a", buffer));

        Assert.Equal("base64", error.ParamName);
        Assert.Equal("the base64 buffer is shorter than Base64Length (Parameter 'base64')", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_encryptor_from_a_SubjectPublicKeyInfo_round_trips_and_uses_native_only_when_asked(bool useNative)
    {
        var (privateKey, publicKey, _) = VectorKeys.Get("jks-rsa2048", "wso2carbon");
        var encryptor = new SecretEncryptor(publicKey.ExportSubjectPublicKeyInfo(), 2048, Transformation.OaepSha1, null, useNative);

        var ciphertext = encryptor.Encrypt("secret-ü", "a");

        Assert.Equal("secret-ü", Encoding.UTF8.GetString(privateKey.Decrypt(Convert.FromBase64String(ciphertext), RSAEncryptionPadding.OaepSHA1)));
        Assert.Equal(useNative && LibcryptoProbe.NativeExpected, encryptor.UsesNative);
        Assert.Equal(2048, encryptor.KeySizeBits);
        Assert.Equal(214, encryptor.MaxSecretBytes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_encryptor_from_an_RSA_key_uses_native_only_when_asked(bool useNative)
    {
        var (_, publicKey, _) = VectorKeys.Get("jks-rsa2048", "wso2carbon");

        Assert.Equal(useNative && LibcryptoProbe.NativeExpected, new SecretEncryptor(publicKey, Transformation.OaepSha1, null, useNative).UsesNative);
    }

    [Fact]
    public void An_encryptor_from_a_SubjectPublicKeyInfo_names_the_transformation_in_the_too_long_message_by_default()
    {
        var (_, publicKey, _) = VectorKeys.Get("jks-rsa2048", "wso2carbon");
        var encryptor = new SecretEncryptor(publicKey.ExportSubjectPublicKeyInfo(), 2048, Transformation.Rsa, null, useNative: false);

        var error = Assert.Throws<CipherException>(() => encryptor.Encrypt(new byte[246], "db"));

        Assert.Equal("secret for alias 'db' is 246 bytes; RSA with a 2048-bit key allows at most 245", error.Message);
    }

    [Fact]
    public void An_encryptor_from_a_SubjectPublicKeyInfo_refuses_missing_arguments_with_their_names()
    {
        var spki = VectorKeys.Get("jks-rsa2048", "wso2carbon").Public.ExportSubjectPublicKeyInfo();

        Assert.Equal("subjectPublicKeyInfo", Assert.Throws<ArgumentNullException>(() => new SecretEncryptor(null!, 2048, Transformation.Rsa, null, false)).ParamName);
        Assert.Equal("transformation", Assert.Throws<ArgumentNullException>(() => new SecretEncryptor(spki, 2048, null!, null, false)).ParamName);
        Assert.Equal("keySizeBits", Assert.Throws<ArgumentOutOfRangeException>(() => new SecretEncryptor(spki, 0, Transformation.Rsa, null, false)).ParamName);
    }

    public static TheoryData<string, string> LiveCases() => new()
    {
        { "jks-rsa2048", "RSA/ECB/OAEPwithSHA1andMGF1Padding" },
        { "jks-rsa2048", "RSA" },
        { "p12-legacy", "RSA/ECB/PKCS1Padding" },
        { "p12-openssl", "RSA/ECB/OAEPwithSHA1andMGF1Padding" },
        { "jceks-rsa2048", "RSA/ECB/PKCS1Padding" },
        { "jks-unicode-password", "RSA/ECB/OAEPwithSHA1andMGF1Padding" },
        { "jks-distinct-key-password", "RSA/ECB/OAEPwithSHA1andMGF1Padding" },
        { "jks-rsa4096", "RSA/ECB/PKCS1Padding" },
    };

    [Trait("Category", "Jvm")]
    [SkippableTheory]
    [MemberData(nameof(LiveCases))]
    public void Encrypt_output_decrypts_with_the_live_JDK(string keystore, string transformation)
    {
        Skip.If(!JavaInterop.IsAvailable, "needs a JDK (java) on PATH");

        var (encryptor, _) = Pair(keystore, "wso2carbon", Transformation.Parse(transformation));
        var plaintext = Encoding.UTF8.GetBytes("live-ü-€-🔑 " + keystore);

        var decrypted = JavaInterop.Decrypt(VectorKeys.Manifest.Keystore(keystore), "wso2carbon", transformation, encryptor.Encrypt(plaintext, "live"));

        Assert.Equal(plaintext, decrypted);
    }
}
