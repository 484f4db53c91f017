using SecVault.Testing;

namespace SecVault.Cli.Tests;

public sealed class RotateCommandTests : IDisposable
{
    private readonly MiHarness _mi = new();

    public void Dispose() => _mi.Dispose();

    [Fact]
    public void Rotate_moves_the_files_create_wrote_to_the_key_init_stored_and_openssl_decrypts_them_with_it()
    {
        var password = _mi.Manifest.Keystore("jks-multi").StorePassword;
        Assert.Equal(0, _mi.Init("jks-multi", "first").ExitCode);
        Assert.Equal(0, _mi.Run(new TestConsole("db_password\ns3cr3t\n"), "secret", "create", "-o", "file").ExitCode);
        Assert.Equal(0, _mi.Run(new TestConsole("db_password\ns3cr3t\n"), "secret", "create", "-o", "k8").ExitCode);
        Assert.Equal(0, _mi.Init("jks-multi", "second").ExitCode);

        var result = _mi.Run(new TestConsole(password + "\n"), "secret", "rotate", "--old-alias", "first", "--password-stdin");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("wso2-secrets.properties: re-encrypted 1 value(s); 0 already under the new key", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("wso2-secrets.yaml: re-encrypted 1 value(s)", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", result.StdErr + result.StdOut, StringComparison.Ordinal);
        var properties = File.ReadAllText(_mi.Work("security", "wso2-secrets.properties"));
        Assert.Equal("s3cr3t", MiHarness.Decrypt("jks-multi", "second", properties.Split(" = ", 2)[1].TrimEnd('\n')));
        var yamlLine = File.ReadAllLines(_mi.Work("security", "wso2-secrets.yaml")).Single(l => l.StartsWith("  db_password: ", StringComparison.Ordinal));
        Assert.Equal("s3cr3t", MiHarness.Decrypt("jks-multi", "second", yamlLine["  db_password: ".Length..]));
    }

    [Fact]
    public void Without_a_password_source_or_a_terminal_rotate_fails_at_once_and_writes_nothing()
    {
        Assert.Equal(0, _mi.Init("jks-multi", "first").ExitCode);
        Assert.Equal(0, _mi.Run(new TestConsole("db_password\ns3cr3t\n"), "secret", "create", "-o", "file").ExitCode);
        var before = File.ReadAllBytes(_mi.Work("security", "wso2-secrets.properties"));
        Assert.Equal(0, _mi.Init("jks-multi", "second").ExitCode);

        var result = _mi.Run(new TestConsole(), "secret", "rotate", "--old-alias", "first");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("mi: error: no password for the keystore stored by 'mi secret init'", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(_mi.Work("security", "wso2-secrets.properties")));
    }

    [Fact]
    public void Rotating_to_the_key_the_files_are_already_under_is_a_usage_error()
    {
        Assert.Equal(0, _mi.Init("jks-multi", "first").ExitCode);
        Assert.Equal(0, _mi.Run(new TestConsole("db_password\ns3cr3t\n"), "secret", "create", "-o", "file").ExitCode);

        var result = _mi.Run(new TestConsole(_mi.Manifest.Keystore("jks-multi").StorePassword + "\n"), "secret", "rotate", "--password-stdin");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("the old key 'first' is the key stored by 'mi secret init'; nothing to rotate", result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stdin")]
    [InlineData("environment")]
    public void An_old_key_with_its_own_key_password_is_rotated_and_openssl_decrypts_the_new_values(string source)
    {
        var old = _mi.Manifest.Keystore("jks-distinct-key-password");
        Assert.Equal(0, _mi.Init("jks-distinct-key-password").ExitCode);
        Assert.Equal(0, _mi.Run(new TestConsole("db_password\ns3cr3t\n"), "secret", "create", "-o", "file").ExitCode);
        Assert.Equal(0, _mi.Init("jks-multi", "second").ExitCode);
        var newPassword = _mi.Manifest.Keystore("jks-multi").StorePassword;
        var variables = _mi.Variables;
        var stdin = newPassword + "\n" + old.StorePassword + "\n" + old.KeyPassword + "\n";
        string[] args = ["secret", "rotate", "--old-keystore", VectorManifest.KeystorePath(old), "--old-alias", "wso2carbon", "--password-stdin", "-Dold.key.password=true"];
        if (source == "environment")
        {
            // MI_OLD_KEY_PASSWORD, once set, is the old key's password without -Dold.key.password, as MI_KEY_PASSWORD is.
            variables["MI_OLD_KEYSTORE_PASSWORD"] = old.StorePassword;
            variables["MI_OLD_KEY_PASSWORD"] = old.KeyPassword;
            stdin = newPassword + "\n";
            args = args[..^1];
        }

        var result = _mi.Run(new TestConsole(stdin), variables, args);

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("wso2-secrets.properties: re-encrypted 1 value(s); 0 already under the new key", result.StdErr, StringComparison.Ordinal);
        var properties = File.ReadAllText(_mi.Work("security", "wso2-secrets.properties"));
        Assert.Equal("s3cr3t", MiHarness.Decrypt("jks-multi", "second", properties.Split(" = ", 2)[1].TrimEnd('\n')));
    }

    [Fact]
    public void Without_the_old_key_password_line_rotate_fails_naming_it_and_writes_nothing()
    {
        var old = _mi.Manifest.Keystore("jks-distinct-key-password");
        Assert.Equal(0, _mi.Init("jks-distinct-key-password").ExitCode);
        Assert.Equal(0, _mi.Run(new TestConsole("db_password\ns3cr3t\n"), "secret", "create", "-o", "file").ExitCode);
        var before = File.ReadAllBytes(_mi.Work("security", "wso2-secrets.properties"));
        Assert.Equal(0, _mi.Init("jks-multi", "second").ExitCode);

        var result = _mi.Run(
            new TestConsole(_mi.Manifest.Keystore("jks-multi").StorePassword + "\n" + old.StorePassword + "\n"),
            "secret", "rotate", "--old-keystore", VectorManifest.KeystorePath(old), "--old-alias", "wso2carbon", "--password-stdin", "-Dold.key.password=true");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("mi: error: no private key password for the old keystore on standard input (the line after its keystore password)", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(_mi.Work("security", "wso2-secrets.properties")));
    }

    [Fact]
    public void With_key_password_true_the_new_key_s_own_password_is_the_second_line_and_the_old_keystore_s_the_third()
    {
        var target = _mi.Manifest.Keystore("jks-distinct-key-password");
        var old = _mi.Manifest.Keystore("jks-multi");
        Assert.Equal(0, _mi.Init("jks-multi", "first").ExitCode);
        Assert.Equal(0, _mi.Run(new TestConsole("db_password\ns3cr3t\n"), "secret", "create", "-o", "file").ExitCode);
        Assert.Equal(0, _mi.Init("jks-distinct-key-password").ExitCode);

        var result = _mi.Run(
            new TestConsole(target.StorePassword + "\n" + target.KeyPassword + "\n" + old.StorePassword + "\n"),
            "secret", "rotate", "--old-keystore", VectorManifest.KeystorePath(old), "--old-alias", "first", "--password-stdin", "-Dkey.password=true");

        Assert.True(result.ExitCode == 0, result.StdErr);
        var properties = File.ReadAllText(_mi.Work("security", "wso2-secrets.properties"));
        Assert.Equal("s3cr3t", MiHarness.Decrypt("jks-distinct-key-password", "wso2carbon", properties.Split(" = ", 2)[1].TrimEnd('\n')));
    }

    [Fact]
    public void Rotate_takes_no_other_system_property()
    {
        var result = _mi.Run(new TestConsole(), "secret", "rotate", "-Dfoo=bar");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'rotate' takes -Dkey.password=true and -Dold.key.password=true only, not -Dfoo", result.StdErr, StringComparison.Ordinal);
    }
}
