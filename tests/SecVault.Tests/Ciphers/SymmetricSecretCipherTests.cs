using System.Diagnostics;
using System.Text.Json;
using System.Text;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;
using SecVault.Ciphers;

namespace SecVault.Tests.Ciphers;

/// <summary>AES forms of symmetric vaults; ECB is checked against openssl, GCM against the JDK (Pkcs12SecretKeyTests and the interop tests).</summary>
public sealed class SymmetricSecretCipherTests
{
    private const string KeyHex = "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4";

    [SkippableFact]
    public void Ecb_values_are_what_openssl_makes_and_openssl_values_decrypt()
    {
        Skip.IfNot(File.Exists("/usr/bin/openssl") || File.Exists("/bin/openssl"), "openssl is not installed");
        const string plaintext = "s3cr3t ☃ with sixteen+ bytes";
        var fromOpenssl = Openssl(plaintext, "-e");
        using var cipher = new SymmetricSecretCipher(Convert.FromHexString(KeyHex), "AES", "test key");

        Assert.Equal(fromOpenssl, cipher.Encrypt(Encoding.UTF8.GetBytes(plaintext)));
        Assert.Equal(plaintext, Encoding.UTF8.GetString(cipher.Decrypt(fromOpenssl, "alias")));
    }

    [Fact]
    public void Gcm_values_are_the_upstream_json_with_a_fresh_12_byte_iv_each_time()
    {
        using var cipher = new SymmetricSecretCipher(Convert.FromHexString(KeyHex), SymmetricSecretCipher.GcmAlgorithm, "test key");

        var first = cipher.Encrypt("value"u8);
        var second = cipher.Encrypt("value"u8);

        Assert.NotEqual(first, second);
        using var json = JsonDocument.Parse(Convert.FromBase64String(first));
        Assert.Equal(["cipherText", "iv"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(12, Convert.FromBase64String(json.RootElement.GetProperty("iv").GetString()!).Length);
        Assert.Equal(5 + 16, Convert.FromBase64String(json.RootElement.GetProperty("cipherText").GetString()!).Length);
    }

    [Fact]
    public void A_value_of_the_other_form_is_a_form_mismatch_naming_both_algorithms_but_no_value()
    {
        using var gcm = new SymmetricSecretCipher(Convert.FromHexString(KeyHex), SymmetricSecretCipher.GcmAlgorithm, "test key", "secret-conf.properties");
        using var ecb = new SymmetricSecretCipher(Convert.FromHexString(KeyHex), "AES/ECB/PKCS5Padding", "test key", "secret-conf.properties");
        var gcmValue = gcm.Encrypt("s3cr3t"u8);
        var ecbValue = ecb.Encrypt("s3cr3t"u8);

        var underEcb = Assert.Throws<CipherException>(() => ecb.Decrypt(gcmValue, "db"));
        var underGcm = Assert.Throws<CipherException>(() => gcm.Decrypt(ecbValue, "db"));

        Assert.Equal(CipherErrorKind.FormatMismatch, underEcb.Kind);
        Assert.Contains("AES/GCM/NoPadding", underEcb.Message, StringComparison.Ordinal);
        Assert.Contains("AES/ECB/PKCS5Padding", underEcb.Message, StringComparison.Ordinal);
        Assert.Equal(CipherErrorKind.FormatMismatch, underGcm.Kind);
        Assert.DoesNotContain("s3cr3t", underEcb.Message + underGcm.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(gcmValue, underEcb.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_gcm_value_or_another_key_does_not_decrypt()
    {
        using var cipher = new SymmetricSecretCipher(Convert.FromHexString(KeyHex), SymmetricSecretCipher.GcmAlgorithm, "test key");
        using var other = new SymmetricSecretCipher(new byte[32], SymmetricSecretCipher.GcmAlgorithm, "other key");
        var value = cipher.Encrypt("s3cr3t"u8);
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(value));
        var text = JsonDocument.Parse(json).RootElement.GetProperty("cipherText").GetString()!;
        var changedBytes = Convert.FromBase64String(text);
        changedBytes[0] ^= 1;
        var changed = Convert.ToBase64String(Encoding.UTF8.GetBytes(json.Replace(text, Convert.ToBase64String(changedBytes), StringComparison.Ordinal)));

        Assert.Equal(CipherErrorKind.DoesNotDecrypt, Assert.Throws<CipherException>(() => cipher.Decrypt(changed, "db")).Kind);
        Assert.Equal(CipherErrorKind.DoesNotDecrypt, Assert.Throws<CipherException>(() => other.Decrypt(value, "db")).Kind);
    }

    [Theory]
    [InlineData("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", KeyHex)]
    [InlineData("603DEB1015CA71BE2B73AEF0857D77811F352C073B6108D72D9810A30914DFF4", KeyHex)]
    [InlineData("abcdefghijklmnopqrstuvwxyz012345", "6162636465666768696a6b6c6d6e6f707172737475767778797a303132333435")]
    public void A_key_based_key_is_64_hex_digits_or_exactly_32_bytes_of_utf8(string text, string expectedHex)
    {
        Assert.Equal(expectedHex, Convert.ToHexStringLower(SymmetricSecretCipher.KeyFromText(text, "k")), ignoreCase: true);
    }

    [Theory]
    [InlineData("short-key")]
    [InlineData("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff")]
    [InlineData("ééééééééééééééééé")]
    public void Any_other_key_based_key_is_a_wrong_length_error_that_never_shows_the_key(string text)
    {
        var error = Assert.Throws<CipherException>(() => SymmetricSecretCipher.KeyFromText(text, "key.based.password"));

        Assert.Equal(CipherErrorKind.WrongKeySize, error.Kind);
        Assert.DoesNotContain(text, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("aes/gcm/nopadding")]
    [InlineData("AES/CBC/PKCS5Padding")]
    [InlineData("RSA")]
    public void Algorithms_securevault_cannot_use_are_refused(string algorithm)
    {
        Assert.Null(SymmetricSecretCipher.TryParseAlgorithm(algorithm));
        Assert.Throws<CipherException>(() => new SymmetricSecretCipher(new byte[32], algorithm, "k"));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(24)]
    [InlineData(32)]
    public void Keys_of_16_24_and_32_bytes_are_taken(int bytes)
    {
        using var cipher = new SymmetricSecretCipher(new byte[bytes], "AES", "k");

        Assert.Equal(bytes * 8, cipher.KeySizeBits);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    [InlineData(33)]
    public void Keys_of_other_lengths_are_refused_naming_key_and_length(int bytes)
    {
        var error = Assert.Throws<CipherException>(() => new SymmetricSecretCipher(new byte[bytes], "AES", "symmetric.key"));

        Assert.Equal(CipherErrorKind.WrongKeySize, error.Kind);
        Assert.Equal($"the AES key symmetric.key is {bytes} bytes; AES needs 16, 24 or 32", error.Message);
    }

    [Fact]
    public void An_unknown_algorithm_is_refused_listing_the_accepted_ones()
    {
        var error = Assert.Throws<CipherException>(() => new SymmetricSecretCipher(new byte[32], "AES/CBC/PKCS5Padding", "k"));

        Assert.Equal(CipherErrorKind.UnknownTransformation, error.Kind);
        Assert.Equal("unknown symmetric algorithm 'AES/CBC/PKCS5Padding'; use one of AES/GCM/NoPadding, AES, AES/ECB/PKCS5Padding", error.Message);
    }

    [Theory]
    [InlineData(" AES ", "AES")]
    [InlineData("AES/ECB/PKCS5Padding", "AES/ECB/PKCS5Padding")]
    [InlineData("AES/GCM/NoPadding", "AES/GCM/NoPadding")]
    public void An_accepted_algorithm_is_kept_in_its_accepted_spelling(string algorithm, string expected)
    {
        using var cipher = new SymmetricSecretCipher(new byte[32], algorithm, "k");

        Assert.Equal(expected, cipher.Algorithm);
    }

    [Fact]
    public void A_key_based_key_of_the_wrong_length_names_its_character_count()
    {
        var error = Assert.Throws<CipherException>(() => SymmetricSecretCipher.KeyFromText("short-key", "key.based.password"));

        Assert.Equal("the key of key.based.password is neither 64 hexadecimal digits nor exactly 32 bytes of UTF-8 (9 characters); MI's securevault refuses it", error.Message);
    }

    [Fact]
    public void Missing_arguments_are_refused_with_their_names()
    {
        using var cipher = new SymmetricSecretCipher(new byte[32], "AES", "k");

        Assert.Equal("algorithm", Assert.Throws<ArgumentNullException>(() => new SymmetricSecretCipher(new byte[32], null!, "k")).ParamName);
        Assert.Equal("keyName", Assert.Throws<ArgumentNullException>(() => new SymmetricSecretCipher(new byte[32], "AES", null!)).ParamName);
        Assert.Equal("keyName", Assert.Throws<ArgumentNullException>(() => SymmetricSecretCipher.KeyFromText(KeyHex, null!)).ParamName);
        Assert.Equal("ciphertext", Assert.Throws<ArgumentNullException>(() => cipher.Decrypt(null!, "a")).ParamName);
        Assert.Equal("alias", Assert.Throws<ArgumentNullException>(() => cipher.Decrypt("AAAA", null!)).ParamName);
        Assert.Equal("ciphertexts", Assert.Throws<ArgumentNullException>(() => cipher.DecryptAll(null!)).ParamName);
    }

    [Fact]
    public void A_disposed_cipher_neither_encrypts_nor_decrypts()
    {
        var cipher = new SymmetricSecretCipher(Convert.FromHexString(KeyHex), "AES", "k");
        var value = cipher.Encrypt("s3cr3t"u8);

        cipher.Dispose();

        Assert.Throws<ObjectDisposedException>(() => cipher.Encrypt("s3cr3t"u8));
        Assert.Throws<ObjectDisposedException>(() => cipher.Decrypt(value, "a"));
    }

    [Fact]
    public void A_plain_base64_value_under_gcm_names_the_configuration_by_default()
    {
        using var gcm = new SymmetricSecretCipher(Convert.FromHexString(KeyHex), SymmetricSecretCipher.GcmAlgorithm, "test key");
        using var ecb = new SymmetricSecretCipher(Convert.FromHexString(KeyHex), "AES", "test key");

        var error = Assert.Throws<CipherException>(() => gcm.Decrypt(ecb.Encrypt("s3cr3t"u8), "db"));

        Assert.Equal(
            "secret 'db' has the form of AES (plain base64, not the AES/GCM/NoPadding JSON form) but the configuration says AES/GCM/NoPadding; MI would give no text for it",
            error.Message);
    }

    [Fact]
    public void A_form_mismatch_names_the_setting_source_given()
    {
        using var gcm = new SymmetricSecretCipher(Convert.FromHexString(KeyHex), SymmetricSecretCipher.GcmAlgorithm, "test key");
        using var ecb = new SymmetricSecretCipher(Convert.FromHexString(KeyHex), "AES/ECB/PKCS5Padding", "test key", "secret-conf.properties");

        var error = Assert.Throws<CipherException>(() => ecb.Decrypt(gcm.Encrypt("s3cr3t"u8), "db"));

        Assert.Equal(
            "secret 'db' has the form of AES/GCM/NoPadding but secret-conf.properties says AES/ECB/PKCS5Padding; MI would give no text for it",
            error.Message);
        Assert.Equal("set secretRepositories.file.algorithm to the algorithm the secrets were made with, or encrypt them again", error.Hint);
    }

    [Theory]
    [InlineData("AA==")]
    [InlineData("e30=")]
    [InlineData("ew==")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAA=")]
    public void An_ecb_value_that_is_not_whole_16_byte_blocks_does_not_decrypt(string value)
    {
        // One byte, "{}", "{" and 17 bytes: none is a whole number of AES blocks, nor the GCM JSON.
        using var cipher = new SymmetricSecretCipher(Convert.FromHexString(KeyHex), "AES", "test key");

        var error = Assert.Throws<CipherException>(() => cipher.Decrypt(value, "db"));

        Assert.Equal(CipherErrorKind.DoesNotDecrypt, error.Kind);
        Assert.Equal("secret 'db' does not decrypt with the AES key test key (AES): it was made with another key, or changed", error.Message);
    }

    [Theory]
    [InlineData("e30=")]
    [InlineData("ew==")]
    [InlineData("AA==")]
    public void Under_gcm_the_shortest_values_are_the_plain_base64_form(string value)
    {
        // "{}" is JSON without the two members, "{" no JSON, one zero byte no object: none is the GCM form.
        using var cipher = new SymmetricSecretCipher(Convert.FromHexString(KeyHex), SymmetricSecretCipher.GcmAlgorithm, "test key");

        var error = Assert.Throws<CipherException>(() => cipher.Decrypt(value, "db"));

        Assert.Equal(CipherErrorKind.FormatMismatch, error.Kind);
        Assert.Equal(
            "secret 'db' has the form of AES (plain base64, not the AES/GCM/NoPadding JSON form) but the configuration says AES/GCM/NoPadding; MI would give no text for it",
            error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("s3cr3t")]
    public void Gcm_values_decrypt_to_what_was_encrypted(string plaintext)
    {
        using var cipher = new SymmetricSecretCipher(Convert.FromHexString(KeyHex), SymmetricSecretCipher.GcmAlgorithm, "test key");

        Assert.Equal(plaintext, Encoding.UTF8.GetString(cipher.Decrypt(cipher.Encrypt(Encoding.UTF8.GetBytes(plaintext)), "db")));
    }

    [Theory]
    [InlineData(12)]
    [InlineData(16)]
    [InlineData(128)]
    public void Gcm_values_made_by_BouncyCastle_with_any_iv_length_decrypt(int ivBytes)
    {
        // Upstream's Cipher Tool writes 128-byte IVs; .NET's AesGcm takes 12 only, BouncyCastle any length.
        var iv = new byte[ivBytes];
        new Random(ivBytes).NextBytes(iv);
        var value = Gcm(Convert.FromHexString(KeyHex), iv, "s3cr3t ☃"u8.ToArray());
        using var cipher = new SymmetricSecretCipher(Convert.FromHexString(KeyHex), SymmetricSecretCipher.GcmAlgorithm, "test key");

        Assert.Equal("s3cr3t ☃", Encoding.UTF8.GetString(cipher.Decrypt(value, "db")));
    }

    [Theory]
    [InlineData(12)]
    [InlineData(128)]
    public void Gcm_values_of_another_key_do_not_decrypt_whatever_the_iv_length(int ivBytes)
    {
        var value = Gcm(new byte[32], new byte[ivBytes], "s3cr3t"u8.ToArray());
        using var cipher = new SymmetricSecretCipher(Convert.FromHexString(KeyHex), SymmetricSecretCipher.GcmAlgorithm, "test key");

        var error = Assert.Throws<CipherException>(() => cipher.Decrypt(value, "db"));

        Assert.Equal(CipherErrorKind.DoesNotDecrypt, error.Kind);
        Assert.Equal("secret 'db' does not decrypt with the AES key test key (AES/GCM/NoPadding): it was made with another key, or changed", error.Message);
    }

    [Theory]
    [InlineData(15, 12)]
    [InlineData(16, 0)]
    public void Gcm_values_shorter_than_a_tag_or_without_an_iv_do_not_decrypt(int sealedBytes, int ivBytes)
    {
        using var cipher = new SymmetricSecretCipher(Convert.FromHexString(KeyHex), SymmetricSecretCipher.GcmAlgorithm, "test key");

        var error = Assert.Throws<CipherException>(() => cipher.Decrypt(GcmForm(new byte[sealedBytes], new byte[ivBytes]), "db"));

        Assert.Equal(CipherErrorKind.DoesNotDecrypt, error.Kind);
    }

    [Fact]
    public void An_empty_ecb_value_does_not_decrypt()
    {
        using var cipher = new SymmetricSecretCipher(Convert.FromHexString(KeyHex), "AES", "test key");

        var error = Assert.Throws<CipherException>(() => cipher.Decrypt("", "db"));

        Assert.Equal("secret 'db' does not decrypt with the AES key test key (AES): it was made with another key, or changed", error.Message);
    }

    /// <summary>The upstream JSON form, sealed by BouncyCastle's GCM (ciphertext || 16-byte tag).</summary>
    private static string Gcm(byte[] key, byte[] iv, byte[] plaintext)
    {
        var gcm = new GcmBlockCipher(new AesEngine());
        gcm.Init(true, new AeadParameters(new KeyParameter(key), 128, iv));
        var sealedBytes = new byte[gcm.GetOutputSize(plaintext.Length)];
        var n = gcm.ProcessBytes(plaintext, 0, plaintext.Length, sealedBytes, 0);
        gcm.DoFinal(sealedBytes, n);
        return GcmForm(sealedBytes, iv);
    }

    /// <summary>base64 of upstream's JSON: {"cipherText": base64(sealed bytes), "iv": base64(iv)}.</summary>
    private static string GcmForm(byte[] sealedBytes, byte[] iv) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"cipherText\":\"" + Convert.ToBase64String(sealedBytes) + "\",\"iv\":\"" + Convert.ToBase64String(iv) + "\"}"));

    private static string Openssl(string input, string direction)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "enc", direction, "-aes-256-ecb", "-K", KeyHex, "-nosalt", "-base64", "-A" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.BaseStream.Write(Encoding.UTF8.GetBytes(input));
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output.Trim();
    }
}
