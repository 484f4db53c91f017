using System.Diagnostics;
using System.Text.Json;
using System.Text;
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
