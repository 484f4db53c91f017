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
    [InlineData("a\u001Fb", SecretOutputFormat.Console, SecretInputErrorKind.UnusableAlias)]
    [InlineData("a\u007Fb", SecretOutputFormat.Console, SecretInputErrorKind.UnusableAlias)]
    [InlineData("a\u0085b", SecretOutputFormat.Console, SecretInputErrorKind.UnusableAlias)]
    [InlineData("a\u009Fb", SecretOutputFormat.Console, SecretInputErrorKind.UnusableAlias)]
    [InlineData("a b", SecretOutputFormat.Kubernetes, SecretInputErrorKind.InvalidKubernetesKey)]
    [InlineData("..a", SecretOutputFormat.Kubernetes, SecretInputErrorKind.InvalidKubernetesKey)]
    [InlineData("   ", SecretOutputFormat.Console, SecretInputErrorKind.EmptyAlias)]
    public void Prepare_refuses_aliases_that_cannot_be_used(string alias, SecretOutputFormat format, SecretInputErrorKind expected)
    {
        var ex = Assert.Throws<SecretInputException>(() => SecretBatch.Prepare([E(alias, "x")], format, "in"));

        Assert.Equal(expected, ex.Kind);
        Assert.DoesNotContain('\u0001', ex.Message);
    }

    [Theory]
    [InlineData("a b~")]
    [InlineData("a\u00A0b")]
    public void Prepare_accepts_the_characters_either_side_of_the_control_ranges(string alias) =>
        Assert.Equal(alias, SecretBatch.Prepare([E(alias, "x")], SecretOutputFormat.Console, "in").Entries.Single().Alias);

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
    public void Encrypt_and_EncryptInBatches_refuse_a_null_encryptor()
    {
        var batch = SecretBatch.Prepare([E("a", "x")], SecretOutputFormat.Console, "in");

        Assert.Throws<ArgumentNullException>("encryptor", () => batch.Encrypt(null!));
        Assert.Throws<ArgumentNullException>("encryptor", () => batch.EncryptInBatches(null!, (_, _) => { }));
        using var rsa = RSA.Create(2048);
        Assert.Throws<ArgumentNullException>("write", () => batch.EncryptInBatches(new SecretEncryptor(rsa, Transformation.OaepSha1), null!));
    }

    [Fact]
    public void EncryptInBatches_checks_every_length_before_it_returns_and_keeps_input_order()
    {
        using var rsa = RSA.Create(2048);
        var encryptor = new SecretEncryptor(rsa, Transformation.OaepSha1, Transformation.OaepSha1.CliName);
        var tooLong = SecretBatch.Prepare([E("ok", "x"), E("big", new string('x', 215))], SecretOutputFormat.Console, "in");

        var written = new List<string>();
        Assert.Equal("big", Assert.Throws<CipherException>(() => tooLong.EncryptInBatches(encryptor, (alias, _) => written.Add(alias))).Alias);
        Assert.Empty(written);

        // More entries than one batch, so the reused buffer is handed out more than once.
        var entries = Enumerable.Range(0, 600).Select(i => E($"a{i}", $"secret-{i}-\u00e9", i + 1)).ToList();
        var encrypted = new List<(string Alias, string Ciphertext)>();
        SecretBatch.Prepare(entries, SecretOutputFormat.Console, "in").EncryptInBatches(encryptor, (alias, ciphertext) => encrypted.Add((alias, System.Text.Encoding.ASCII.GetString(ciphertext))));
        Assert.Equal(entries.Select(e => e.Alias), encrypted.Select(e => e.Alias));
        var decrypted = encrypted.Select(e => System.Text.Encoding.UTF8.GetString(rsa.Decrypt(Convert.FromBase64String(e.Ciphertext), RSAEncryptionPadding.OaepSHA1)));
        Assert.Equal(entries.Select(e => e.Secret), decrypted);
    }

    [Fact]
    public void An_entry_prints_only_its_alias()
    {
        Assert.Equal("db", E("db", "hunter2").ToString());
    }

    [Fact]
    public void Prepare_refuses_null_arguments_and_an_empty_list()
    {
        Assert.Throws<ArgumentNullException>("entries", () => SecretBatch.Prepare(null!, SecretOutputFormat.Console, "in"));
        Assert.Throws<ArgumentNullException>("source", () => SecretBatch.Prepare([E("a", "x")], SecretOutputFormat.Console, null!));

        var ex = Assert.Throws<SecretInputException>(() => SecretBatch.Prepare([], SecretOutputFormat.Console, "in"));

        Assert.Equal(SecretInputErrorKind.NoEntries, ex.Kind);
        Assert.StartsWith("in holds no alias", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_refuses_an_empty_secret_naming_the_line_and_alias()
    {
        var ex = Assert.Throws<SecretInputException>(() => SecretBatch.Prepare([E("a", "x", 1), E("db", "", 4)], SecretOutputFormat.File, "in"));

        Assert.Equal(SecretInputErrorKind.EmptySecret, ex.Kind);
        Assert.Equal(4, ex.Line);
        Assert.Contains("in line 4", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'db'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(" pw")]
    [InlineData("pw\t")]
    [InlineData("\npw\n")]
    public void Prepare_warns_when_either_end_of_a_secret_is_whitespace(string secret)
    {
        var batch = SecretBatch.Prepare([E("db", secret)], SecretOutputFormat.File, "in");

        Assert.Equal("the secret for alias 'db' starts or ends with whitespace; it is encrypted as given", Assert.Single(batch.Warnings));
    }

    [Fact]
    public void Prepare_does_not_warn_about_whitespace_inside_a_secret()
    {
        Assert.Empty(SecretBatch.Prepare([E("db", "p w")], SecretOutputFormat.File, "in").Warnings);
    }

    [Theory]
    [InlineData("AZ")]
    [InlineData("az")]
    [InlineData("09")]
    [InlineData("a_b-c.d")]
    public void Prepare_does_not_ask_to_quote_an_alias_of_toml_bare_key_characters(string alias)
    {
        Assert.Empty(SecretBatch.Prepare([E(alias, "x")], SecretOutputFormat.File, "in").Warnings);
    }

    // The characters just outside the ranges A-Z, a-z and 0-9 in ASCII.
    [Theory]
    [InlineData("a@")]
    [InlineData("a[")]
    [InlineData("a`")]
    [InlineData("a{")]
    [InlineData("a/")]
    [InlineData("a:")]
    public void Prepare_asks_to_quote_an_alias_with_a_character_outside_the_bare_key_set(string alias)
    {
        var batch = SecretBatch.Prepare([E(alias, "x")], SecretOutputFormat.File, "in");

        Assert.Equal($"alias '{alias}' has characters other than A-Z a-z 0-9 _ - . and must be quoted in deployment.toml", Assert.Single(batch.Warnings));
    }

    [Fact]
    public void A_repeated_alias_without_line_numbers_is_reported_without_lines()
    {
        var batch = SecretBatch.Prepare([E("a", "1", 0), E("a", "2", 0)], SecretOutputFormat.Console, "stdin");

        Assert.Equal("stdin: alias 'a' is repeated; the last value is used", Assert.Single(batch.Warnings));
        Assert.Equal("2", batch.Entries.Single().Secret);
    }

    [Fact]
    public void An_entry_refuses_a_null_alias_or_secret_and_a_negative_line()
    {
        Assert.Throws<ArgumentNullException>("alias", () => new SecretInputEntry(null!, "x", 1));
        Assert.Throws<ArgumentNullException>("secret", () => new SecretInputEntry("a", null!, 1));
        Assert.Throws<ArgumentOutOfRangeException>("line", () => new SecretInputEntry("a", "x", -1));
    }
}
