using SecVault.CliConfig;
using SecVault.Testing;

namespace SecVault.Cli.Tests;

public sealed class InitCommandTests : IDisposable
{
    private readonly MiHarness _mi = new();

    public void Dispose() => _mi.Dispose();

    [Theory]
    [InlineData("jks-rsa2048", "wso2carbon", "JKS")]
    [InlineData("p12-pbes2", "wso2carbon", "PKCS12")]
    [InlineData("p12-legacy", "wso2carbon", "PKCS12")]
    [InlineData("p12-openssl", "wso2carbon", "PKCS12")]
    [InlineData("jceks-rsa2048", "wso2carbon", "JCEKS")]
    [InlineData("jks-unicode-password", "wso2carbon", "JKS")]
    [InlineData("jks-distinct-key-password", "wso2carbon", "JKS")]
    [InlineData("jks-multi", "Second", "JKS")]
    [InlineData("p12-multi", "first", "PKCS12")]
    [InlineData("jks-multi", "trusted-ca", "JKS")]
    [InlineData("jks-rsa4096", "wso2carbon", "JKS")]
    public void Init_as_a_process_stores_the_certificate_of_each_vector_keystore(string name, string alias, string type)
    {
        var vector = _mi.Manifest.Keystore(name);

        var result = _mi.RunProcess(
            vector.StorePassword + "\n",
            "secret", "init", "--keystore", VectorManifest.KeystorePath(vector), "--alias", alias, "--password-stdin");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.StdOut);
        Assert.Contains("Key Store initialization completed.", result.StdErr, StringComparison.Ordinal);
        var entry = vector.Entry(alias);
        Assert.Contains(entry.CertificateSha256!, result.StdErr, StringComparison.Ordinal);
        Assert.Contains($"{entry.KeySize} bits", result.StdErr, StringComparison.Ordinal);
        var info = new CliConfigStore(_mi.ConfigFolder).Load();
        Assert.Equal(type, info.KeystoreType.ToString().ToUpperInvariant());
        Assert.Equal(entry.CertificateSha256, info.CertificateSha256);
        Assert.Equal(VectorManifest.KeystorePath(vector), info.KeystorePath);
        Assert.Equal(entry.Alias, info.KeyAlias, ignoreCase: true);
    }

    [SkippableFact]
    public void Init_creates_a_private_folder_and_file()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix modes only");
        Assert.Equal(0, _mi.Init("jks-rsa2048").ExitCode);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_mi.ConfigFolder));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_mi.ConfigFile));
    }

    [SkippableFact]
    public void Init_warns_when_the_existing_folder_is_open_to_others_and_makes_the_file_private()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix modes only");
        Directory.CreateDirectory(_mi.ConfigFolder);
        File.SetUnixFileMode(_mi.ConfigFolder, (UnixFileMode)Convert.ToInt32("755", 8));
        File.WriteAllText(_mi.ConfigFile, "old");
        File.SetUnixFileMode(_mi.ConfigFile, (UnixFileMode)Convert.ToInt32("644", 8));

        var result = _mi.Init("jks-rsa2048");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("mi: warning: " + _mi.ConfigFolder + " is open to other users", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_mi.ConfigFile));
    }

    [SkippableFact]
    public void Init_as_another_user_names_a_keystore_behind_a_closed_folder_as_unreadable_not_as_missing()
    {
        Skip.IfNot(Ownership.IsRoot, "needs root to keep a folder from another user");
        using var temp = new TempFolder();
        var closed = Directory.CreateDirectory(temp.Combine("closed"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute).FullName;
        File.SetUnixFileMode(temp.Path, (UnixFileMode)Convert.ToInt32("755", 8));
        var keystore = Path.Combine(closed, "store.jks");
        File.Copy(VectorManifest.KeystorePath(_mi.Manifest.Keystore("jks-rsa2048")), keystore);

        var result = ToolProcess.RunAsUser(Ownership.OtherUser, "mi", Path.GetTempPath(), "x\n",
            new Dictionary<string, string?> { ["HOME"] = temp.Combine("nobody-home"), ["MI_CLI_HOME"] = temp.Combine("nobody-home", ".wum-mi") },
            "secret", "init", "--keystore", keystore, "--alias", "wso2carbon", "--password-stdin");

        Assert.Equal(1, result.Exit);
        Assert.Equal($"mi: error: cannot read keystore {keystore}: Access to the path '{keystore}' is denied.\n", result.Err);
        Assert.False(Directory.Exists(temp.Combine("nobody-home")));
    }

    [Fact]
    public void Init_prompts_in_the_documented_order_and_takes_the_guessed_type_on_enter()
    {
        var vector = _mi.Manifest.Keystore("p12-pbes2");
        var console = new TestConsole(terminalAnswers: [VectorManifest.KeystorePath(vector), "", "  wso2carbon  ", vector.StorePassword]);

        var result = _mi.Run(console, "secret", "init");

        Assert.Equal(0, result.ExitCode);
        var prompts = new[] { "Enter Key Store location: ", "Enter Key Store type [PKCS12]: ", "Enter Key alias: ", "Enter Key Store password: " };
        var positions = prompts.Select(p => result.StdErr.IndexOf(p, StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0));
        Assert.Equal(positions.Order().ToList(), positions);
        Assert.Equal("wso2carbon", new CliConfigStore(_mi.ConfigFolder).Load().KeyAlias);
    }

    [Fact]
    public void Init_reports_a_missing_keystore_file_before_asking_for_the_type_alias_or_password()
    {
        var missing = _mi.Work("no-such.jks");
        var console = new TestConsole(terminalAnswers: [missing, "JKS", "wso2carbon", "pw"]);

        var result = _mi.Run(console, "secret", "init");

        Assert.Equal(1, result.ExitCode);
        Assert.EndsWith($"mi: error: keystore {missing} does not exist\n", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("Enter Key Store type", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("password", result.StdErr, StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(_mi.ConfigFile));
    }

    [Fact]
    public void Init_expands_a_leading_tilde_and_stores_an_absolute_path()
    {
        var vector = _mi.Manifest.Keystore("jks-rsa2048");
        File.Copy(VectorManifest.KeystorePath(vector), Path.Combine(_mi.Home, "keys.jks"));
        var console = new TestConsole(vector.StorePassword + "\n");

        var result = _mi.Run(console, "secret", "init", "--keystore", " ~/keys.jks ", "--alias", "wso2carbon", "--password-stdin");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Path.Combine(_mi.Home, "keys.jks"), new CliConfigStore(_mi.ConfigFolder).Load().KeystorePath);
    }

    [Fact]
    public void Init_without_a_terminal_names_the_missing_option_as_a_usage_error()
    {
        var result = _mi.Run(new TestConsole("pw\n"), "secret", "init", "--alias", "wso2carbon", "--password-stdin");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("mi: error: --keystore is required", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_without_a_terminal_or_password_stdin_fails_at_once_with_a_hint()
    {
        var vector = _mi.Manifest.Keystore("jks-rsa2048");

        var result = _mi.RunProcess(string.Empty, "secret", "init", "--keystore", VectorManifest.KeystorePath(vector), "--alias", "wso2carbon");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("mi: hint: pipe the password with --password-stdin", result.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(_mi.ConfigFile));
    }

    [Fact]
    public void A_wrong_password_exits_1_and_keeps_the_previous_configuration()
    {
        Assert.Equal(0, _mi.Init("jks-rsa2048").ExitCode);
        var before = File.ReadAllBytes(_mi.ConfigFile);
        var other = _mi.Manifest.Keystore("jks-multi");

        var result = _mi.Run(
            new TestConsole("not-the-password\n"),
            "secret", "init", "--keystore", VectorManifest.KeystorePath(other), "--alias", "first", "--password-stdin");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("wrong password", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(_mi.ConfigFile));
    }

    [Theory]
    [InlineData("jks-ec", "wso2carbon", "EC")]
    [InlineData("jceks-secretkey", "wso2carbon", "secret")]
    [InlineData("jks-rsa2048", "nosuchalias", "nosuchalias")]
    public void Init_refuses_an_entry_it_cannot_encrypt_with(string name, string alias, string expected)
    {
        var result = _mi.Init(name, alias);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(_mi.ConfigFile));
    }

    [Fact]
    public void Init_refuses_a_type_option_that_does_not_match_the_content()
    {
        var result = _mi.Init("jceks-rsa2048", "wso2carbon", "--type", "PKCS12");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("declared as PKCS12 but its content is JCEKS", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_type_option_is_a_usage_error()
    {
        var result = _mi.Init("jks-rsa2048", "wso2carbon", "--type", "BKS");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown keystore type 'BKS'", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expired_certificate_warns_but_initialises()
    {
        var result = _mi.Init("jks-expired");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("mi: warning: the certificate of alias 'wso2carbon' expired on", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_never_reads_the_upstream_file()
    {
        var upstream = Path.Combine(_mi.Home, ".wso2mi", "keystore");
        Directory.CreateDirectory(upstream);
        File.WriteAllText(Path.Combine(upstream, "keystore_info.yaml"), "this: [is not read");

        Assert.Equal(0, _mi.Init("jks-rsa2048").ExitCode);
    }
}
