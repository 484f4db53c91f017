using System.Text;
using SecVault.Ciphers;
using SecVault.Diagnostics;
using SecVault.Home;
using SecVault.Hosting;
using SecVault.IO;
using SecVault.Placeholders;
using SecVault.Testing;
using SecVault.Vault;

namespace SecVault.Tests.Vault;

public sealed class ConfigureOperationTests
{
    private const string Password = "wso2carbon";
    private const string Toml = "[secrets]\na = \"[one]\"\nb = \"$sys{x}\"\n";
    internal static readonly DateTimeOffset Now = new(2025, 11, 27, 22, 51, 3, TimeSpan.Zero);

    internal static VaultTarget Load(TempMiHome home)
    {
        var mi = MiHome.FromPath(home.Path, MiHomeSource.Option, home.Path);
        return VaultTarget.Load(mi, mi.DeploymentTomlPath, Sources(mi));
    }

    /// <summary>Placeholder sources for <paramref name="mi"/> with <paramref name="environment"/> (none by default) as the process environment.</summary>
    internal static VariableSources Sources(MiHome mi, IReadOnlyDictionary<string, string>? environment = null) =>
        new(new DictionaryEnvironment(environment ?? new Dictionary<string, string>()), SystemProperties.For(mi));

    [Fact]
    public void Prepare_computes_both_files_and_writes_nothing()
    {
        using var home = new TempMiHome(Toml);
        var target = Load(home);
        using var key = VaultKey.Open(target.Keystore, Password);

        var operation = ConfigureOperation.Prepare(target, key, Password, Transformation.Default, Now);

        Assert.True(operation.WritesDeploymentToml);
        Assert.True(operation.WritesSecretConf);
        Assert.Equal(["a"], operation.EncryptedAliases);
        Assert.Equal(1, operation.Dynamic);
        Assert.Equal("encrypted 1 secret (a); 0 already encrypted; 1 dynamic", operation.Summary);
        Assert.Equal(Toml, File.ReadAllText(home.DeploymentTomlPath));
        Assert.Null(home.SecretConf);
    }

    [Fact]
    public void PrepareRotation_refuses_the_alias_the_settings_already_select_in_any_case_and_writes_nothing()
    {
        using var home = new TempMiHome(Toml);
        var target = Load(home);
        using var key = VaultKey.Open(target.Keystore, Password);

        var error = Assert.Throws<VaultException>(() => ConfigureOperation.PrepareRotation(target, key, Password, "WSO2Carbon", Transformation.Default, Now));

        Assert.Equal("-Dold.alias is 'wso2carbon', the alias the keystore settings already select; nothing to rotate", error.Message);
        Assert.Equal(Toml, File.ReadAllText(home.DeploymentTomlPath));
    }

    [Fact]
    public void The_summary_of_a_huge_table_names_the_first_twenty_aliases_and_counts_the_rest()
    {
        var toml = "[secrets]\n" + string.Concat(Enumerable.Range(0, 25).Select(i => $"s{i:D2} = \"[v{i}]\"\n"));
        using var home = new TempMiHome(toml);
        var target = Load(home);
        using var key = VaultKey.Open(target.Keystore, Password);

        var operation = ConfigureOperation.Prepare(target, key, Password, Transformation.Default, Now);

        var first = string.Join(", ", Enumerable.Range(0, 20).Select(i => $"s{i:D2}"));
        Assert.Equal($"encrypted 25 secrets ({first} and 5 more); 0 already encrypted; 0 dynamic", operation.Summary);
    }

    [Theory]
    [InlineData(20, "")]
    [InlineData(21, " and 1 more")]
    public void The_summary_names_up_to_twenty_aliases_and_counts_the_rest(int count, string rest)
    {
        var toml = "[secrets]\n" + string.Concat(Enumerable.Range(0, count).Select(i => $"s{i:D2} = \"[v{i}]\"\n"));
        using var home = new TempMiHome(toml);

        var operation = Prepare(home);

        var first = string.Join(", ", Enumerable.Range(0, 20).Select(i => $"s{i:D2}"));
        Assert.Equal($"encrypted {count} secrets ({first}{rest}); 0 already encrypted; 0 dynamic", operation.Summary);
    }

    [Fact]
    public void Without_existing_ciphertexts_the_key_password_is_not_used_and_nothing_is_warned()
    {
        using var home = new TempMiHome(Toml);
        var target = Load(home);
        using var key = VaultKey.Open(target.Keystore, Password);

        var operation = ConfigureOperation.Prepare(target, key, "not-the-key-password", Transformation.Default, Now);

        Assert.Empty(operation.Warnings);
        Assert.Equal(["a"], operation.EncryptedAliases);
    }

    [Fact]
    public void A_secret_conf_that_cannot_be_written_when_deployment_toml_is_not_rewritten_leaves_deployment_toml_alone()
    {
        var toml = $"[secrets]\nold = \"{Convert.ToBase64String(new byte[256])}\"\n";
        using var home = new TempMiHome(toml);
        var written = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(home.DeploymentTomlPath, written);
        var operation = Prepare(home, out var key);
        using var open = key;
        var security = Path.GetDirectoryName(home.SecretConfPath)!;
        File.WriteAllText(security, "a file where conf/security should be");

        var e = Assert.Throws<FileWriteException>(() => operation.Commit());

        Assert.False(operation.WritesDeploymentToml);
        Assert.Equal($"cannot write {security}: {security} is a regular file, not a folder", e.Message);
        Assert.Equal(written, File.GetLastWriteTimeUtc(home.DeploymentTomlPath));
        Assert.Equal(toml, File.ReadAllText(home.DeploymentTomlPath));
    }

    [Fact]
    public void A_ref_inside_secrets_is_a_value_to_encrypt_not_a_reference_to_resolve()
    {
        using var home = new TempMiHome("[secrets]\nr = \"$ref{no.such.key}\"\n");

        var operation = Prepare(home);

        var warning = Assert.Single(operation.Warnings);
        Assert.Equal("r", warning.Subject);
        Assert.DoesNotContain("no.such.key", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_refuses_a_deployment_toml_changed_since_it_was_read()
    {
        using var home = new TempMiHome(Toml);
        var target = Load(home);
        using var key = VaultKey.Open(target.Keystore, Password);
        var operation = ConfigureOperation.Prepare(target, key, Password, Transformation.Default, Now);
        File.WriteAllText(home.DeploymentTomlPath, Toml + "# someone else\n");

        var e = Assert.Throws<FileWriteException>(() => operation.Commit());

        Assert.Contains("changed by another process", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("# someone else\n", File.ReadAllText(home.DeploymentTomlPath), StringComparison.Ordinal);
        Assert.Null(home.SecretConf);
        Assert.Empty(home.TemporaryFiles());
    }

    [Fact]
    public void Secret_conf_that_differs_only_in_its_date_line_is_left_untouched()
    {
        using var home = new TempMiHome(Toml);
        var target = Load(home);
        using (var key = VaultKey.Open(target.Keystore, Password))
        {
            ConfigureOperation.Prepare(target, key, Password, Transformation.Default, Now).Commit();
        }

        var target2 = Load(home);
        using var key2 = VaultKey.Open(target2.Keystore, Password);
        var later = ConfigureOperation.Prepare(target2, key2, Password, Transformation.Default, Now.AddDays(3));
        Assert.False(later.WritesDeploymentToml);
        Assert.False(later.WritesSecretConf);

        var pkcs1 = ConfigureOperation.Prepare(target2, key2, Password, Transformation.Pkcs1, Now.AddDays(3), diagnosePadding: true);
        Assert.True(pkcs1.WritesSecretConf);
        Assert.Contains("algorithm=RSA/ECB/PKCS1Padding", Encoding.ASCII.GetString(pkcs1.NewSecretConf!), StringComparison.Ordinal);
        Assert.Contains(pkcs1.Warnings, w => w.Subject == "a" && w.Message.Contains("was encrypted with RSA/ECB/OAEPwithSHA1andMGF1Padding", StringComparison.Ordinal));
        var uniform = ConfigureOperation.Prepare(target2, key2, Password, Transformation.Pkcs1, Now.AddDays(3));
        Assert.Contains(uniform.Warnings, w => w.Subject == "a" && w.Message.Contains("does not decrypt with the vault's key and transformation", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void A_new_conf_security_folder_and_secret_conf_are_private()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix modes only");
        using var home = new TempMiHome(Toml);
        var target = Load(home);
        using var key = VaultKey.Open(target.Keystore, Password);
        ConfigureOperation.Prepare(target, key, Password, Transformation.Default, Now).Commit();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(home.SecretConfPath)!));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(home.SecretConfPath));
    }

    [Fact]
    public void Existing_values_that_are_not_base64_or_from_another_key_get_a_warning_each()
    {
        var other = Convert.ToBase64String(new byte[256]);
        using var home = new TempMiHome($"[secrets]\nbad = \"@x\"\nforeign = \"{other}\"\nempty = \"[]\"\n");
        var target = Load(home);
        using var key = VaultKey.Open(target.Keystore, Password);

        var operation = ConfigureOperation.Prepare(target, key, Password, Transformation.Default, Now);

        Assert.Equal(3, operation.AlreadyEncrypted);
        Assert.Equal("encrypted 0 secrets; 3 already encrypted; 0 dynamic", operation.Summary);
        Assert.Equal(
            [
                ("bad", 2, "secret 'bad' is not base64: unexpected character at position 1; left as it is"),
                ("empty", 4, "secret 'empty' is '[]', a plain-text marker with nothing in it: there is no secret to encrypt and no ciphertext to decrypt; left as it is"),
            ],
            operation.Warnings.Where(w => w.Subject != "foreign").Select(w => (w.Subject, w.Line, w.Message)));
        Assert.Contains(operation.Warnings, w => w.Subject == "foreign" && w.Message.StartsWith("secret 'foreign' does not decrypt with the vault's key and transformation (key 'wso2carbon', SHA-256 ", StringComparison.Ordinal));
        Assert.False(operation.WritesDeploymentToml);
    }

    [Theory]
    [InlineData("port = 8080", "port is an integer")]
    [InlineData("port = true", "port is a boolean")]
    public void A_non_string_secret_is_a_vault_error_with_alias_and_position(string line, string what)
    {
        using var home = new TempMiHome($"[secrets]\nok = \"[x]\"\n{line}\n");
        var target = Load(home);
        using var key = VaultKey.Open(target.Keystore, Password);

        var e = Assert.Throws<VaultException>(() => ConfigureOperation.Prepare(target, key, Password, Transformation.Default, Now));

        Assert.Equal(VaultErrorKind.InvalidSecret, e.Kind);
        Assert.Equal("port", e.Alias);
        Assert.Equal((3, 8), (e.Line, e.Column));
        Assert.Equal($"conf/deployment.toml:3:8: [secrets] {what}; it must be a string", e.Message);
    }

    [Fact]
    public void The_article_of_an_empty_word_is_a()
    {
        Assert.Equal("a", VaultText.Article(string.Empty));
    }

    [Fact]
    public void Prepare_checks_its_arguments_before_it_reads_the_secrets()
    {
        // The table has a non-string secret: a missing argument must be named before that is found.
        using var home = new TempMiHome("[secrets]\nport = 8080\n");
        var target = Load(home);
        using var key = VaultKey.Open(target.Keystore, Password);

        Assert.Throws<ArgumentNullException>("target", () => ConfigureOperation.Prepare(null!, key, Password, Transformation.Default, Now));
        Assert.Throws<ArgumentNullException>("key", () => ConfigureOperation.Prepare(target, null!, Password, Transformation.Default, Now));
        Assert.Throws<ArgumentNullException>("transformation", () => ConfigureOperation.Prepare(target, key, Password, null!, Now));
    }

    [Fact]
    public void A_secret_over_the_key_limit_in_UTF8_bytes_is_named_first_in_file_order_and_nothing_is_written()
    {
        // OAEP with SHA-1 and a 2,048-bit key takes at most 256 - 2 * 20 - 2 = 214 bytes (RFC 8017, 7.1.1).
        var fits = new string('a', 214);
        var overInBytesOnly = new string('\u00e9', 108);
        var toml = $"[secrets]\nfits = \"[{fits}]\"\nwide = \"[{overInBytesOnly}]\"\nlong = \"[{fits}b]\"\n";
        using var home = new TempMiHome(toml);
        var target = Load(home);
        using var key = VaultKey.Open(target.Keystore, Password);

        var e = Assert.Throws<VaultException>(() => ConfigureOperation.Prepare(target, key, Password, Transformation.Default, Now));

        Assert.Equal((VaultErrorKind.InvalidSecret, "wide", 3, 8), (e.Kind, e.Alias, e.Line, e.Column));
        Assert.Equal(CipherErrorKind.SecretTooLong, Assert.IsType<CipherException>(e.InnerException).Kind);
        Assert.Equal("conf/deployment.toml:3:8: secret for alias 'wide' is 216 bytes; RSA/ECB/OAEPwithSHA1andMGF1Padding with a 2048-bit key allows at most 214", e.Message);
        Assert.StartsWith("use a larger key", e.Hint);
        Assert.Equal(toml, File.ReadAllText(home.DeploymentTomlPath));
        Assert.Null(home.SecretConf);
    }

    [Fact]
    public void A_non_string_secret_is_reported_before_an_over_long_one_that_comes_earlier()
    {
        using var home = new TempMiHome($"[secrets]\nlong = \"[{new string('a', 215)}]\"\nport = 8080\n");
        var target = Load(home);
        using var key = VaultKey.Open(target.Keystore, Password);

        var e = Assert.Throws<VaultException>(() => ConfigureOperation.Prepare(target, key, Password, Transformation.Default, Now));

        Assert.Equal(("port", VaultErrorKind.InvalidSecret), (e.Alias, e.Kind));
    }

    [Fact]
    public void A_secret_conf_that_cannot_be_written_puts_deployment_toml_back_and_says_so()
    {
        using var home = new TempMiHome(Toml);
        var operation = Prepare(home, out var key);
        using var open = key;
        File.WriteAllText(Path.GetDirectoryName(home.SecretConfPath)!, "a file where conf/security should be");

        var e = Assert.Throws<FileWriteException>(() => operation.Commit());

        Assert.EndsWith($"; {home.DeploymentTomlPath} was put back as it was before this run", e.Message, StringComparison.Ordinal);
        Assert.Equal(home.SecretConfPath, e.Path);
        Assert.Equal(Toml, File.ReadAllText(home.DeploymentTomlPath));
        Assert.Empty(home.TemporaryFiles());
    }

    [Fact]
    public void Commit_refuses_a_secret_conf_changed_since_it_was_read_before_writing_anything()
    {
        using var home = new TempMiHome(Toml);
        Directory.CreateDirectory(Path.GetDirectoryName(home.SecretConfPath)!);
        File.WriteAllText(home.SecretConfPath, "secretRepositories=file\n");
        var operation = Prepare(home, out var key);
        using var open = key;
        File.WriteAllText(home.SecretConfPath, "# someone else\n");

        var e = Assert.Throws<FileWriteException>(() => operation.Commit());

        Assert.Equal($"{home.SecretConfPath} was changed by another process since it was read; nothing was written", e.Message);
        Assert.Equal("run the command again", e.Hint);
        Assert.Equal(Toml, File.ReadAllText(home.DeploymentTomlPath));
        Assert.Equal("# someone else\n", File.ReadAllText(home.SecretConfPath));
    }

    [Fact]
    public void A_table_without_secrets_a_JCEKS_identity_keystore_and_aliases_MI_cannot_render_are_warnings()
    {
        const string Settings = "[keystore.primary]\nfile_name = \"wso2carbon.jceks\"\ntype = \"JCEKS\"\n";
        using var empty = new TempMiHome(Settings, "jceks-rsa2048", "repository/resources/security/wso2carbon.jceks");
        using var aliases = new TempMiHome("[secrets]\na.b = \"[x]\"\n\"#c\" = \"[y]\"\nfine = \"[z]\"\n");

        var none = Prepare(empty);
        var flawed = Prepare(aliases);

        Assert.Equal(
            [
                ("secrets", "no [secrets] table; nothing to encrypt, the vault is configured anyway"),
                ("keystore.identity.type", "the keystore is JCEKS; upstream MI's vault cannot load a JCEKS identity keystore"),
            ],
            none.Warnings.Select(w => (w.Subject, w.Message)));
        Assert.True(none.WritesSecretConf);
        Assert.False(none.WritesDeploymentToml);
        Assert.Equal(
            [
                ("a.b", 2, "alias 'a.b' has a dot; upstream MI cannot render it into cipher-text.properties"),
                ("#c", 3, "alias '#c' starts with '#'; upstream MI reads cipher-text.properties as Java properties and cannot find it"),
            ],
            flawed.Warnings.Select(w => (w.Subject, w.Line, w.Message)));
        Assert.Equal(["a.b", "#c", "fine"], flawed.EncryptedAliases);
    }

    [Fact]
    public void Existing_ciphertexts_are_not_checked_when_the_key_password_is_wrong_and_that_is_a_warning()
    {
        using var home = new TempMiHome($"[secrets]\nold = \"{Convert.ToBase64String(new byte[256])}\"\nnew = \"[x]\"\n");
        var target = Load(home);
        using var key = VaultKey.Open(target.Keystore, Password);

        var operation = ConfigureOperation.Prepare(target, key, "not-the-key-password", Transformation.Default, Now);

        var warning = Assert.Single(operation.Warnings);
        Assert.Equal("wso2carbon", warning.Subject);
        Assert.StartsWith("existing ciphertexts not checked: ", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-key-password", warning.Message, StringComparison.Ordinal);
        Assert.Equal(["new"], operation.EncryptedAliases);
    }

    [Fact]
    public void A_broken_ref_outside_secrets_and_the_keystore_settings_is_a_warning_not_an_error()
    {
        using var home = new TempMiHome("[server]\nname = \"$ref{no.such.key}\"\n\n[secrets]\na = \"[one]\"\n");

        var operation = Prepare(home);

        var warning = Assert.Single(operation.Warnings);
        Assert.Equal(ProblemSeverity.Warning, warning.Severity);
        Assert.Equal((2, 8), (warning.Line, warning.Column));
        Assert.Contains("no key no.such.key in deployment.toml", warning.Message, StringComparison.Ordinal);
        Assert.Equal(["a"], operation.EncryptedAliases);
    }

    /// <summary>Prepares a configure with the home's keystore, for looking at (the key is closed again: no Commit).</summary>
    [Fact]
    public void A_trusted_certificate_alias_encrypts_but_warns_that_MI_needs_the_key_pair()
    {
        const string Settings = "[keystore.primary]\nalias = \"trusted-ca\"\npassword = \"multipass\"\n[secrets]\na = \"[one]\"\n";
        using var home = new TempMiHome(Settings, "jks-multi");
        var target = Load(home);
        using var key = VaultKey.Open(target.Keystore, "multipass");

        var operation = ConfigureOperation.Prepare(target, key, "multipass", Transformation.Default, Now);

        var warning = Assert.Single(operation.Warnings);
        Assert.Equal(
            ("keystore.identity.alias", "'trusted-ca' in keystore repository/resources/security/wso2carbon.jks is a trusted certificate without its private key: MI cannot decrypt these secrets with this keystore; deploy one that holds the key pair"),
            (warning.Subject, warning.Message));
        Assert.True(operation.WritesDeploymentToml);
    }

    private static ConfigureOperation Prepare(TempMiHome home)
    {
        var operation = Prepare(home, out var key);
        key.Dispose();
        return operation;
    }

    /// <summary>Prepares a configure with the home's keystore, whose <paramref name="key"/> Commit needs open.</summary>
    private static ConfigureOperation Prepare(TempMiHome home, out VaultKey key)
    {
        var target = Load(home);
        key = VaultKey.Open(target.Keystore, Password);
        return ConfigureOperation.Prepare(target, key, Password, Transformation.Default, Now);
    }
}
