using System.Security.Cryptography;
using System.Text.Unicode;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Encodings;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Security;
using SecVault.Ciphers;
using SecVault.Testing;

namespace SecVault.Tests.Ciphers;

public sealed class SecretDecryptorTests
{
    public static TheoryData<string> CiphertextIds() => VectorManifest.CiphertextIds();

    private static SecretDecryptor Decryptor(string keystore, string alias, Transformation transformation, bool managedPkcs1 = false, bool diagnose = true)
    {
        var (privateKey, _, entry) = VectorKeys.Get(keystore, alias);
        return new SecretDecryptor(privateKey, transformation, entry.Alias, entry.CertificateSha256, "secret-conf.properties", managedPkcs1) { DiagnosePadding = diagnose };
    }

    /// <summary>A block below the 2048-bit modulus that is no valid padding under either scheme (checked by the caller).</summary>
    private static string Garbage(int seed)
    {
        var (privateKey, _, _) = VectorKeys.Get("jks-rsa2048", "wso2carbon");
        var block = new byte[256];
        new Random(seed).NextBytes(block);
        block[0] = (byte)(privateKey.ExportParameters(false).Modulus![0] - 1);
        return Convert.ToBase64String(block);
    }

    private static VectorCiphertext Vector(string id) => VectorKeys.Manifest.Ciphertext(id);

    private static VectorCiphertext FirstVector(string keystore, string transformation, string description = "ascii") =>
        VectorKeys.Manifest.CiphertextsOf(keystore).First(c => c.Transformation == transformation && c.Description == description);

    [Theory]
    [MemberData(nameof(CiphertextIds))]
    public void Decrypt_recovers_every_JDK_ciphertext_vector(string id)
    {
        var v = Vector(id);
        var decryptor = Decryptor(v.Keystore, v.Alias, Transformation.Parse(v.Transformation));

        Assert.Equal(v.Plaintext(), decryptor.Decrypt(v.Ciphertext, "vector"));
    }

    [Theory]
    [MemberData(nameof(CiphertextIds))]
    public void Decrypt_names_a_padding_mismatch_for_every_vector_read_with_the_other_padding(string id)
    {
        var v = Vector(id);
        var actual = Transformation.Parse(v.Transformation);
        var decryptor = Decryptor(v.Keystore, v.Alias, actual.Other);

        var error = Assert.Throws<CipherException>(() => decryptor.Decrypt(v.Ciphertext, "db_password"));

        Assert.Equal(CipherErrorKind.PaddingMismatch, error.Kind);
        Assert.Equal("db_password", error.Alias);
        Assert.Equal(
            $"secret 'db_password' was encrypted with {actual.Other.Other.Name}, but secret-conf.properties says {actual.Other.Name}",
            error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Decrypt_by_default_gives_one_message_for_a_PKCS1_ciphertext_and_garbage_on_an_OAEP_vault(bool managedPkcs1)
    {
        var (_, publicKey, entry) = VectorKeys.Get("jks-rsa2048", "wso2carbon");
        var pkcs1 = new SecretEncryptor(publicKey, Transformation.Pkcs1).Encrypt("value"u8.ToArray(), "db");
        var garbage = Garbage(7);
        var uniform = Decryptor("jks-rsa2048", "wso2carbon", Transformation.OaepSha1, managedPkcs1, diagnose: false);
        var diagnosing = Decryptor("jks-rsa2048", "wso2carbon", Transformation.OaepSha1, managedPkcs1, diagnose: true);

        var fromPkcs1 = Assert.Throws<CipherException>(() => uniform.Decrypt(pkcs1, "db"));
        var fromGarbage = Assert.Throws<CipherException>(() => uniform.Decrypt(garbage, "db"));

        Assert.False(uniform.DiagnosePadding);
        Assert.Equal((fromGarbage.Kind, fromGarbage.Message, fromGarbage.Hint), (fromPkcs1.Kind, fromPkcs1.Message, fromPkcs1.Hint));
        Assert.Equal(
            $"secret 'db' does not decrypt with the vault's key and transformation (key 'wso2carbon', SHA-256 {entry.CertificateSha256}, RSA/ECB/OAEPwithSHA1andMGF1Padding)",
            fromPkcs1.Message);
        Assert.Contains("--diagnose-padding", fromPkcs1.Hint, StringComparison.Ordinal);
        Assert.Equal(CipherErrorKind.PaddingMismatch, Assert.Throws<CipherException>(() => diagnosing.Decrypt(pkcs1, "db")).Kind);
        Assert.Equal(CipherErrorKind.DoesNotDecrypt, Assert.Throws<CipherException>(() => diagnosing.Decrypt(garbage, "db")).Kind);
    }

    [Fact]
    public void DecryptToString_by_default_gives_a_PKCS1_plaintext_that_is_not_UTF8_the_same_message_as_garbage()
    {
        // Under PKCS#1 v1.5, "not UTF-8" means "the padding was valid": it must not stand out either.
        var (_, publicKey, _) = VectorKeys.Get("jks-rsa2048", "wso2carbon");
        var latin = new SecretEncryptor(publicKey, Transformation.Pkcs1).Encrypt([0xC3, 0x28, 0xFF], "db");
        var uniform = Decryptor("jks-rsa2048", "wso2carbon", Transformation.Pkcs1, diagnose: false);

        var notUtf8 = Assert.Throws<CipherException>(() => uniform.DecryptToString(latin, "db"));
        var garbage = Assert.Throws<CipherException>(() => uniform.DecryptToString(Garbage(8), "db"));

        Assert.Equal((garbage.Message, garbage.Hint), (notUtf8.Message, notUtf8.Hint));
        var diagnosing = Decryptor("jks-rsa2048", "wso2carbon", Transformation.Pkcs1);
        Assert.Equal("secret 'db' decrypts to bytes that are not UTF-8", Assert.Throws<CipherException>(() => diagnosing.DecryptToString(latin, "db")).Message);
        Assert.StartsWith("secret 'db' does not decrypt with key 'wso2carbon'", Assert.Throws<CipherException>(() => diagnosing.DecryptToString(Garbage(8), "db")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_recovers_the_vectors_through_the_managed_PKCS1_fallback()
    {
        foreach (var v in VectorKeys.Manifest.CiphertextsOf("jks-rsa2048").Where(c => c.Transformation != "RSA/ECB/OAEPwithSHA1andMGF1Padding"))
        {
            Assert.Equal(v.Plaintext(), Decryptor(v.Keystore, v.Alias, Transformation.Pkcs1, managedPkcs1: true).Decrypt(v.Ciphertext, "x"));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Decrypt_never_returns_output_for_random_blocks_under_PKCS1(bool managedPkcs1)
    {
        // Guards against OpenSSL's "implicit rejection", which returns random bytes for a bad PKCS#1 v1.5 padding.
        var decryptor = Decryptor("jks-rsa2048", "wso2carbon", Transformation.Pkcs1, managedPkcs1);
        var (privateKey, _, _) = VectorKeys.Get("jks-rsa2048", "wso2carbon");
        var modulus = privateKey.ExportParameters(false).Modulus!;
        var random = new Random(1234);
        var failures = 0;
        for (var i = 0; i < 100; i++)
        {
            var block = new byte[256];
            random.NextBytes(block);
            block[0] = (byte)(modulus[0] - 1); // below the modulus
            var error = Assert.Throws<CipherException>(() => decryptor.Decrypt(Convert.ToBase64String(block), "x"));
            failures += error.Kind == CipherErrorKind.DoesNotDecrypt ? 1 : 0;
        }

        Assert.Equal(100, failures);
    }

    [Fact]
    public void A_key_without_a_certificate_is_named_as_such_where_a_fingerprint_would_be()
    {
        var (privateKey, _, _) = VectorKeys.Get("jks-rsa2048", "wso2carbon");
        var uniform = new SecretDecryptor(privateKey, Transformation.OaepSha1, "wso2carbon", fingerprint: string.Empty);
        var diagnosing = new SecretDecryptor(privateKey, Transformation.OaepSha1, "wso2carbon", fingerprint: string.Empty) { DiagnosePadding = true };

        var rejected = Assert.Throws<CipherException>(() => uniform.Decrypt(Garbage(7), "db"));
        var diagnosed = Assert.Throws<CipherException>(() => diagnosing.Decrypt(Garbage(7), "db"));

        Assert.Equal("secret 'db' does not decrypt with the vault's key and transformation (key 'wso2carbon', no certificate, RSA/ECB/OAEPwithSHA1andMGF1Padding)", rejected.Message);
        Assert.Equal("secret 'db' does not decrypt with key 'wso2carbon' (no certificate)", diagnosed.Message);
    }

    [Fact]
    public void Decrypt_reports_a_ciphertext_of_another_key_of_the_same_size_naming_key_and_fingerprint()
    {
        var v = FirstVector("jks-multi", "RSA/ECB/OAEPwithSHA1andMGF1Padding");
        var other = v.Alias.Equals("first", StringComparison.OrdinalIgnoreCase) ? "second" : "first";
        var decryptor = Decryptor("jks-multi", other, Transformation.OaepSha1);
        var fingerprint = VectorKeys.Get("jks-multi", other).Entry.CertificateSha256;

        var error = Assert.Throws<CipherException>(() => decryptor.Decrypt(v.Ciphertext, "db_password"));

        Assert.Equal(CipherErrorKind.DoesNotDecrypt, error.Kind);
        Assert.Equal($"secret 'db_password' does not decrypt with key '{other}' (SHA-256 {fingerprint})", error.Message);
        Assert.DoesNotContain(v.Ciphertext, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n ")]
    public void Decrypt_reports_an_empty_or_blank_value_as_holding_no_ciphertext_not_as_made_with_another_key(string value)
    {
        var decryptor = Decryptor("jks-rsa2048", "wso2carbon", Transformation.OaepSha1);

        var error = Assert.Throws<CipherException>(() => decryptor.Decrypt(value, "api_key"));

        Assert.Equal(CipherErrorKind.WrongKeySize, error.Kind);
        Assert.Equal("secret 'api_key' holds no ciphertext: the value is empty or blank", error.Message);
    }

    [Theory]
    [InlineData("[]", "secret 'api_key' is '[]', a plain-text marker with nothing in it: there is no secret to encrypt and no ciphertext to decrypt")]
    [InlineData(" [] ", "secret 'api_key' is '[]', a plain-text marker with nothing in it: there is no secret to encrypt and no ciphertext to decrypt")]
    [InlineData("[x]", "secret 'api_key' is not base64: unexpected character at position 1")]
    [InlineData("ab[]", "secret 'api_key' is not base64: unexpected character at position 3")]
    public void Decrypt_names_an_empty_plain_text_marker_and_other_brackets_as_not_base64(string value, string message)
    {
        var decryptor = Decryptor("jks-rsa2048", "wso2carbon", Transformation.OaepSha1);

        var error = Assert.Throws<CipherException>(() => decryptor.Decrypt(value, "api_key"));

        Assert.Equal((CipherErrorKind.NotBase64, message), (error.Kind, error.Message));
    }

    [Fact]
    public void Decrypt_reports_a_ciphertext_of_another_key_size_as_made_with_another_key()
    {
        var v = FirstVector("jks-rsa3072", "RSA/ECB/OAEPwithSHA1andMGF1Padding");
        var decryptor = Decryptor("jks-rsa2048", "wso2carbon", Transformation.OaepSha1);

        var error = Assert.Throws<CipherException>(() => decryptor.Decrypt(v.Ciphertext, "api_key"));

        Assert.Equal(CipherErrorKind.WrongKeySize, error.Kind);
        // 3072 bits make 384-byte blocks; this 2048-bit key makes 2048 / 8 = 256-byte ones.
        Assert.Equal("secret 'api_key' was made with another key: it is 384 bytes, but key 'wso2carbon' (2048-bit) makes 256-byte ciphertexts", error.Message);
    }

    [Fact]
    public void Decrypt_ignores_whitespace_anywhere_in_the_ciphertext()
    {
        var v = FirstVector("jks-rsa2048", "RSA/ECB/OAEPwithSHA1andMGF1Padding", "unicode");
        var wrapped = "  " + string.Join("\r\n\t", v.Ciphertext.Chunk(64).Select(c => new string(c))) + " \n";

        Assert.Equal(v.Plaintext(), Decryptor(v.Keystore, v.Alias, Transformation.OaepSha1).Decrypt(wrapped, "x"));
    }

    [Theory]
    [InlineData("abc*def", 4)]
    [InlineData("$secret{x}", 1)]
    [InlineData("ab-_", 3)]
    public void Decrypt_reports_a_character_outside_base64_with_its_position(string text, int position)
    {
        var decryptor = Decryptor("jks-rsa2048", "wso2carbon", Transformation.OaepSha1);

        var error = Assert.Throws<CipherException>(() => decryptor.Decrypt(text, "x"));

        Assert.Equal(CipherErrorKind.NotBase64, error.Kind);
        Assert.EndsWith($"position {position}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("ab=c")]
    [InlineData("a===")]
    [InlineData("====")]
    [InlineData("ab==cd==")]
    [InlineData("abc=abcd")]
    [InlineData("=AAA")]
    [InlineData("A=AA")]
    [InlineData("AA=A")]
    [InlineData("AAA")]
    [InlineData("AAAA=")]
    [InlineData("AAAAA===")]
    [InlineData("AA= =A")]
    [InlineData(" AAA\n")]
    public void Decrypt_reports_a_bad_base64_length_or_padding(string text)
    {
        var error = Assert.Throws<CipherException>(() => Decryptor("jks-rsa2048", "wso2carbon", Transformation.OaepSha1).Decrypt(text, "x"));

        Assert.Equal(CipherErrorKind.NotBase64, error.Kind);
        Assert.Equal("x", error.Alias);
        Assert.Equal("secret 'x' is not base64: its length or '=' padding is wrong", error.Message);
    }

    [Fact]
    public void Decrypt_names_an_OAEP_ciphertext_that_PKCS1_happens_to_accept_as_a_padding_mismatch_when_diagnosing()
    {
        // About one OAEP block in 400 is also a well-formed PKCS#1 v1.5 block (00 02, eight non-zero bytes, a zero), which
        // then "decrypts" to noise; BouncyCastle, independent of the decryptor, finds such a block.
        var (privateKey, publicKey, _) = VectorKeys.Get("jks-rsa2048", "wso2carbon");
        var pkcs1 = new Pkcs1Encoding(new RsaEngine());
        pkcs1.Init(false, DotNetUtilities.GetRsaKeyPair(privateKey.ExportParameters(includePrivateParameters: true)).Private);
        string? ciphertext = null;
        for (var i = 0; ciphertext is null && i < 20_000; i++)
        {
            var block = publicKey.Encrypt("value"u8.ToArray(), RSAEncryptionPadding.OaepSHA1);
            try
            {
                ciphertext = Utf8.IsValid(pkcs1.ProcessBlock(block, 0, block.Length)) ? null : Convert.ToBase64String(block);
            }
            catch (InvalidCipherTextException)
            {
                // Not a PKCS#1 v1.5 block: try another.
            }
        }

        Assert.NotNull(ciphertext);
        var error = Assert.Throws<CipherException>(() => Decryptor("jks-rsa2048", "wso2carbon", Transformation.Pkcs1).Decrypt(ciphertext, "db"));

        Assert.Equal(CipherErrorKind.PaddingMismatch, error.Kind);
        Assert.Equal("secret 'db' was encrypted with RSA/ECB/OAEPwithSHA1andMGF1Padding, but secret-conf.properties says RSA/ECB/PKCS1Padding", error.Message);
    }

    [Fact]
    public void Decrypt_and_DecryptAll_refuse_missing_arguments_with_their_names()
    {
        var decryptor = Decryptor("jks-rsa2048", "wso2carbon", Transformation.OaepSha1);

        Assert.Equal("ciphertext", Assert.Throws<ArgumentNullException>(() => decryptor.Decrypt(null!, "x")).ParamName);
        Assert.Equal("alias", Assert.Throws<ArgumentNullException>(() => decryptor.Decrypt("AAAA", null!)).ParamName);
        Assert.Equal("ciphertexts", Assert.Throws<ArgumentNullException>(() => decryptor.DecryptAll(null!)).ParamName);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void DecryptAll_of_one_or_two_ciphertexts_equals_single_calls(int count)
    {
        var v = FirstVector("jks-rsa2048", "RSA/ECB/PKCS1Padding");
        var items = Enumerable.Repeat(("a", v.Ciphertext), count).ToList();

        var all = Decryptor("jks-rsa2048", "wso2carbon", Transformation.Pkcs1).DecryptAll(items);

        Assert.Equal(Enumerable.Repeat(v.Plaintext(), count), all);
    }

    [Fact]
    public void DecryptToString_requires_UTF8_while_Decrypt_returns_the_raw_bytes()
    {
        var (_, publicKey, _) = VectorKeys.Get("jks-rsa2048", "wso2carbon");
        var ciphertext = new SecretEncryptor(publicKey, Transformation.OaepSha1).Encrypt([0xC3, 0x28, 0xFF], "latin");
        var decryptor = Decryptor("jks-rsa2048", "wso2carbon", Transformation.OaepSha1);

        var error = Assert.Throws<CipherException>(() => decryptor.DecryptToString(ciphertext, "latin"));

        Assert.Equal(CipherErrorKind.NotUtf8, error.Kind);
        Assert.Equal([0xC3, 0x28, 0xFF], decryptor.Decrypt(ciphertext, "latin"));
    }

    [Fact]
    public void DecryptToString_returns_a_unicode_vector_as_text()
    {
        var v = FirstVector("jks-rsa2048", "RSA/ECB/PKCS1Padding", "unicode");

        var text = Decryptor(v.Keystore, v.Alias, Transformation.Rsa).DecryptToString(v.Ciphertext, "x");

        Assert.Equal(System.Text.Encoding.UTF8.GetString(v.Plaintext()), text);
    }

    [Fact]
    public void DecryptAll_in_parallel_equals_one_by_one_in_input_order()
    {
        var vectors = VectorKeys.Manifest.CiphertextsOf("jks-multi")
            .Where(c => c.Transformation == "RSA/ECB/OAEPwithSHA1andMGF1Padding" && c.Alias.Equals("first", StringComparison.OrdinalIgnoreCase))
            .ToList();
        var decryptor = Decryptor("jks-multi", "first", Transformation.OaepSha1);
        var items = Enumerable.Range(0, 8).SelectMany(_ => vectors).Select((v, i) => ($"a{i}", v.Ciphertext)).ToList();

        var parallel = decryptor.DecryptAll(items, maxParallelism: 4);
        var sequential = items.Select(i => decryptor.Decrypt(i.Ciphertext, i.Item1)).ToList();

        Assert.Equal(sequential, parallel);
        Assert.Equal(vectors[0].Plaintext(), parallel[0]);
    }

    [Fact]
    public void DecryptAll_reports_the_first_failure_in_input_order()
    {
        var v = FirstVector("jks-rsa2048", "RSA/ECB/OAEPwithSHA1andMGF1Padding");
        var decryptor = Decryptor("jks-rsa2048", "wso2carbon", Transformation.OaepSha1);
        var items = new List<(string, string)> { ("good", v.Ciphertext), ("bad1", "!!!!"), ("good2", v.Ciphertext), ("bad2", "abc") };

        var error = Assert.Throws<CipherException>(() => decryptor.DecryptAll(items));

        Assert.Equal("bad1", error.Alias);
    }

    [Fact]
    public void Constructor_rejects_missing_arguments()
    {
        var (privateKey, _, _) = VectorKeys.Get("jks-rsa2048", "wso2carbon");

        Assert.Throws<ArgumentNullException>(() => new SecretDecryptor(null!, Transformation.Rsa, "a", "f"));
        Assert.Throws<ArgumentNullException>(() => new SecretDecryptor(privateKey, null!, "a", "f"));
        Assert.Throws<ArgumentNullException>(() => new SecretDecryptor(privateKey, Transformation.Rsa, null!, "f"));
        Assert.Equal("fingerprint", Assert.Throws<ArgumentNullException>(() => new SecretDecryptor(privateKey, Transformation.Rsa, "a", null!)).ParamName);
    }

    [Fact]
    public void Decrypt_names_the_configuration_by_default_in_a_padding_mismatch()
    {
        var v = FirstVector("jks-rsa2048", "RSA/ECB/OAEPwithSHA1andMGF1Padding");
        var (privateKey, _, entry) = VectorKeys.Get("jks-rsa2048", "wso2carbon");
        var decryptor = new SecretDecryptor(privateKey, Transformation.Rsa, entry.Alias, entry.CertificateSha256) { DiagnosePadding = true };

        var error = Assert.Throws<CipherException>(() => decryptor.Decrypt(v.Ciphertext, "x"));

        Assert.Equal("secret 'x' was encrypted with RSA/ECB/OAEPwithSHA1andMGF1Padding, but the configuration says RSA", error.Message);
        Assert.Equal("set the transformation to RSA/ECB/OAEPwithSHA1andMGF1Padding, or encrypt the secret again", error.Hint);
    }

    [Trait("Category", "Jvm")]
    [SkippableFact]
    public void Decrypt_of_a_live_JDK_ciphertext_works_for_each_keystore_type()
    {
        Skip.If(!JavaInterop.IsAvailable, "needs a JDK (java) on PATH");

        var plaintext = "s3cr3t-ü-€-🔑"u8.ToArray();
        foreach (var (keystore, transformation) in new[] { ("jks-rsa2048", "RSA"), ("p12-pbes2", "RSA/ECB/OAEPwithSHA1andMGF1Padding"), ("jceks-rsa2048", "RSA/ECB/OAEPWithSHA-1AndMGF1Padding") })
        {
            var ciphertext = JavaInterop.Encrypt(VectorKeys.Manifest.Keystore(keystore), "wso2carbon", transformation, plaintext);

            Assert.Equal(plaintext, Decryptor(keystore, "wso2carbon", Transformation.Parse(transformation)).Decrypt(ciphertext, "x"));
        }
    }
}
