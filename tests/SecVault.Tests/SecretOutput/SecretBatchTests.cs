using System.Security.Cryptography;
using SecVault.Ciphers;
using SecVault.SecretOutput;

namespace SecVault.Tests.SecretOutput;

public sealed class SecretBatchTests
{
    private static SecretInputEntry E(string alias, string secret, int line = 1) => new(alias, secret, line);

    [Fact]
    public void Prepare_keeps_the_first_position_and_the_last_value_of_a_repeated_alias()
    {
        var batch = SecretBatch.Prepare([E("a", "1", 1), E("b", "2", 2), E(" a ", "3", 3)], SecretOutputFormat.Console, "in");

        Assert.Equal(["a", "b"], batch.Entries.Select(e => e.Alias));
        Assert.Equal(["3", "2"], batch.Entries.Select(e => e.Secret));
        Assert.Equal("in: alias 'a' is repeated (lines 1 and 3); the last value is used", Assert.Single(batch.Warnings));
    }

    [Fact]
    public void Prepare_warns_about_edge_whitespace_and_toml_quoting_without_the_secret()
    {
        var batch = SecretBatch.Prepare([E("my alias", " pw\t")], SecretOutputFormat.File, "in");

        Assert.Equal(2, batch.Warnings.Count);
        Assert.All(batch.Warnings, w => Assert.DoesNotContain("pw", w, StringComparison.Ordinal));
        Assert.Equal(" pw\t", batch.Entries[0].Secret);
    }

    [Theory]
    [InlineData("a\u0001b", SecretOutputFormat.Console, SecretInputErrorKind.UnusableAlias)]
    [InlineData("a}", SecretOutputFormat.File, SecretInputErrorKind.UnusableAlias)]
    [InlineData("a b", SecretOutputFormat.Kubernetes, SecretInputErrorKind.InvalidKubernetesKey)]
    [InlineData("..a", SecretOutputFormat.Kubernetes, SecretInputErrorKind.InvalidKubernetesKey)]
    [InlineData("   ", SecretOutputFormat.Console, SecretInputErrorKind.EmptyAlias)]
    public void Prepare_refuses_aliases_that_cannot_be_used(string alias, SecretOutputFormat format, SecretInputErrorKind expected)
    {
        var ex = Assert.Throws<SecretInputException>(() => SecretBatch.Prepare([E(alias, "x")], format, "in"));

        Assert.Equal(expected, ex.Kind);
        Assert.DoesNotContain('\u0001', ex.Message);
    }

    [Fact]
    public void Prepare_accepts_any_alias_character_for_console_except_control_and_brace()
    {
        var batch = SecretBatch.Prepare([E("ключ.пароль", "x")], SecretOutputFormat.Console, "in");

        Assert.Equal("ключ.пароль", batch.Entries.Single().Alias);
    }

    [Fact]
    public void Encrypt_keeps_input_order_and_checks_every_length_first()
    {
        using var rsa = RSA.Create(2048);
        var encryptor = new SecretEncryptor(rsa, Transformation.OaepSha1, Transformation.OaepSha1.CliName);
        var entries = Enumerable.Range(0, 20).Select(i => E($"a{i}", $"secret-{i}", i + 1)).ToList();

        var encrypted = SecretBatch.Prepare(entries, SecretOutputFormat.Console, "in").Encrypt(encryptor);

        Assert.Equal(entries.Select(e => e.Alias), encrypted.Select(e => e.Alias));
        var decrypted = encrypted.Select(e => System.Text.Encoding.UTF8.GetString(rsa.Decrypt(Convert.FromBase64String(e.Ciphertext), RSAEncryptionPadding.OaepSHA1)));
        Assert.Equal(entries.Select(e => e.Secret), decrypted);

        var tooLong = SecretBatch.Prepare([E("ok", "x"), E("big", new string('x', 215))], SecretOutputFormat.Console, "in");
        var ex = Assert.Throws<CipherException>(() => tooLong.Encrypt(encryptor));
        Assert.Equal("big", ex.Alias);
    }

    [Fact]
    public void An_entry_prints_only_its_alias()
    {
        Assert.Equal("db", E("db", "hunter2").ToString());
    }
}
