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

    [Theory]
    [InlineData("stdin")]
    [InlineData("environment")]
    public void An_old_key_with_its_own_password_in_init_s_keystore_needs_only_that_password_and_the_jdk_decrypts_the_new_values(string source)
    {
        var vector = _mi.Manifest.Keystore("jks-distinct-key-password");
        var keystore = Path.Combine(_mi.WorkFolder, "both.jks");
        Directory.CreateDirectory(_mi.WorkFolder);
        File.Copy(VectorManifest.KeystorePath(vector), keystore);
        // A second key of the same keystore, whose password is the store password.
        JavaInterop.Keytool("-genkeypair", "-keystore", keystore, "-storetype", "JKS", "-storepass", vector.StorePassword, "-keypass", vector.StorePassword,
            "-alias", "fresh", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=fresh", "-validity", "30");
        string[] init = ["secret", "init", "--keystore", keystore, "--password-stdin", "--alias"];
        Assert.Equal(0, _mi.Run(new TestConsole(vector.StorePassword + "\n"), [.. init, "wso2carbon"]).ExitCode);
        Assert.Equal(0, _mi.Run(new TestConsole("db_password\ns3cr3t\n"), "secret", "create", "-o", "file").ExitCode);
        Assert.Equal(0, _mi.Run(new TestConsole(vector.StorePassword + "\n"), [.. init, "fresh"]).ExitCode);
        var variables = _mi.Variables;
        var stdin = vector.StorePassword + "\n" + vector.KeyPassword + "\n";
        if (source == "environment")
        {
            // The old key's password alone: its store password is the one already given.
            variables["MI_OLD_KEY_PASSWORD"] = vector.KeyPassword;
            stdin = vector.StorePassword + "\n";
        }

        var result = _mi.Run(new TestConsole(stdin), variables, "secret", "rotate", "--old-alias", "wso2carbon", "--password-stdin", "-Dold.key.password=true");

        Assert.True(result.ExitCode == 0, result.StdErr);
        var ciphertext = File.ReadAllText(_mi.Work("security", "wso2-secrets.properties")).Split(" = ", 2)[1].TrimEnd('\n');
        var plaintext = JavaInterop.Decrypt(keystore, "JKS", "fresh", IndependentDecryptor.OaepSha1, ciphertext, vector.StorePassword, vector.StorePassword);
        Assert.Equal("s3cr3t", System.Text.Encoding.UTF8.GetString(plaintext));
    }

    [Fact]
    public void An_old_key_password_announced_but_given_nowhere_fails_naming_the_old_key_and_writes_nothing()
    {
        Assert.Equal(0, _mi.Init("jks-multi", "first").ExitCode);
        Assert.Equal(0, _mi.Run(new TestConsole("db_password\ns3cr3t\n"), "secret", "create", "-o", "file").ExitCode);
        var before = File.ReadAllBytes(_mi.Work("security", "wso2-secrets.properties"));
        Assert.Equal(0, _mi.Init("jks-multi", "second").ExitCode);

        var result = _mi.Run(new TestConsole(_mi.Manifest.Keystore("jks-multi").StorePassword + "\n"), "secret", "rotate", "--old-alias", "first", "--password-stdin", "-Dold.key.password=true");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("mi: error: no password for the old key (-Dold.key.password=true): standard input is not a terminal and no other source gives it", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("hint: the old key is in the keystore stored by init, so only its key password is read", result.StdErr, StringComparison.Ordinal);
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
    public void With_home_the_encrypted_synapse_file_secrets_are_rotated_with_the_files_and_openssl_decrypts_them()
    {
        var (home, secretFile, plainFile) = SynapseHome();
        var properties = _mi.Work("security", "wso2-secrets.properties");
        Assert.Equal(0, _mi.Init("jks-multi", "second").ExitCode);

        var result = _mi.Run(new TestConsole(_mi.Manifest.Keystore("jks-multi").StorePassword + "\n"), "secret", "rotate", "--old-alias", "first", "--password-stdin", "--home", home);

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("Synapse: 1 encrypted FILE secret(s) to rotate; 1 plain FILE and 1 DOCKER lookup(s) are not vault-encrypted and are left alone", result.StdErr, StringComparison.Ordinal);
        var rotated = File.ReadAllText(secretFile);
        Assert.EndsWith("\n", rotated, StringComparison.Ordinal);
        Assert.Equal("file-s3cr3t", MiHarness.Decrypt("jks-multi", "second", rotated.TrimEnd('\n')));
        Assert.Equal("s3cr3t", MiHarness.Decrypt("jks-multi", "second", File.ReadAllText(properties).Split(" = ", 2)[1].TrimEnd('\n')));
        Assert.Equal("plain value\n", File.ReadAllText(plainFile));
    }

    [Fact]
    public void A_synapse_file_secret_neither_key_decrypts_stops_the_run_and_every_file_is_left_as_it_was()
    {
        var (home, secretFile, _) = SynapseHome();
        var properties = _mi.Work("security", "wso2-secrets.properties");
        File.WriteAllText(secretFile, Convert.ToBase64String(new byte[256]) + "\n");
        var before = (File.ReadAllBytes(properties), File.ReadAllBytes(secretFile));
        Assert.Equal(0, _mi.Init("jks-multi", "second").ExitCode);

        var result = _mi.Run(new TestConsole(_mi.Manifest.Keystore("jks-multi").StorePassword + "\n"), "secret", "rotate", "--old-alias", "first", "--password-stdin", "--home", home);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("decrypts with neither the old key nor the new one; nothing was written", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(before.Item1, File.ReadAllBytes(properties));
        Assert.Equal(before.Item2, File.ReadAllBytes(secretFile));
    }

    [Fact]
    public void A_synapse_file_secret_reached_through_a_link_out_of_the_root_is_refused_and_nothing_is_written()
    {
        var (home, secretFile, _) = SynapseHome();
        var outside = _mi.Work("outside-secret");
        File.Move(secretFile, outside);
        File.CreateSymbolicLink(secretFile, outside);
        var before = File.ReadAllBytes(_mi.Work("security", "wso2-secrets.properties"));
        var outsideBefore = File.ReadAllBytes(outside);
        Assert.Equal(0, _mi.Init("jks-multi", "second").ExitCode);

        var result = _mi.Run(new TestConsole(_mi.Manifest.Keystore("jks-multi").StorePassword + "\n"), "secret", "rotate", "--old-alias", "first", "--password-stdin", "--home", home);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is outside the lookup root", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(_mi.Work("security", "wso2-secrets.properties")));
        Assert.Equal(outsideBefore, File.ReadAllBytes(outside));
    }

    [SkippableFact]
    public void A_synapse_file_that_cannot_be_written_puts_the_files_already_written_back_and_names_them()
    {
        Skip.IfNot(Ownership.IsRoot, "needs root to give the files to another user and keep one folder from them");
        var jks = _mi.Manifest.Keystore("jks-multi");
        var keystore = Path.Combine(_mi.WorkFolder, "keys.jks");
        Directory.CreateDirectory(_mi.WorkFolder);
        File.Copy(VectorManifest.KeystorePath(jks), keystore);
        string[] init = ["secret", "init", "--keystore", keystore, "--password-stdin", "--alias"];
        Assert.Equal(0, _mi.Run(new TestConsole(jks.StorePassword + "\n"), [.. init, "first"]).ExitCode);
        var (home, secretFile, _) = SynapseHome(initialize: false);
        Assert.Equal(0, _mi.Run(new TestConsole(jks.StorePassword + "\n"), [.. init, "second"]).ExitCode);
        var properties = _mi.Work("security", "wso2-secrets.properties");
        var before = (File.ReadAllBytes(properties), File.ReadAllBytes(secretFile));

        // Everything goes to "nobody" but the FILE secret's folder: the rotation reads it, then cannot write beside it.
        var root = Path.GetDirectoryName(_mi.WorkFolder)!;
        foreach (var path in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Prepend(root))
        {
            Ownership.GiveTo(path, Ownership.OtherUser);
        }

        Ownership.GiveTo(Path.GetDirectoryName(secretFile)!, 0);
        var result = ToolProcess.RunAsUser(Ownership.OtherUser, "mi", _mi.WorkFolder, jks.StorePassword + "\n",
            new Dictionary<string, string?>(_mi.Variables.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))),
            "secret", "rotate", "--old-alias", "first", "--password-stdin", "--home", home);

        Assert.Equal(1, result.Exit);
        Assert.Contains(secretFile, result.Err, StringComparison.Ordinal);
        Assert.True(result.Err.Contains($"{properties} was restored", StringComparison.Ordinal), result.Err);
        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
        Assert.Equal(before.Item1, File.ReadAllBytes(properties));
        Assert.Equal(before.Item2, File.ReadAllBytes(secretFile));
        Assert.Equal("s3cr3t", MiHarness.Decrypt("jks-multi", "first", File.ReadAllText(properties).Split(" = ", 2)[1].TrimEnd('\n')));
        Assert.Equal([properties], Directory.GetFileSystemEntries(_mi.Work("security")));
        Assert.Equal([secretFile], Directory.GetFileSystemEntries(Path.GetDirectoryName(secretFile)!));
    }

    /// <summary>
    /// An MI home whose API reads an encrypted FILE secret (flag 'True'), a plain FILE value and a DOCKER secret, with
    /// the encrypted one and a properties file made by create under 'first'.
    /// </summary>
    private (string Home, string SecretFile, string PlainFile) SynapseHome(bool initialize = true)
    {
        if (initialize)
        {
            Assert.Equal(0, _mi.Init("jks-multi", "first").ExitCode);
        }

        Assert.Equal(0, _mi.Run(new TestConsole("db_password\ns3cr3t\n"), "secret", "create", "-o", "file").ExitCode);
        var console = _mi.Run(new TestConsole("file_secret\nfile-s3cr3t\n"), "secret", "create", "-o", "console");
        var ciphertext = MiHarness.ConsoleLines(console.StdOut).Single().Ciphertext;
        var home = _mi.Work("mi-home");
        var api = Path.Combine(home, "repository", "deployment", "server", "synapse-configs", "default", "api");
        Directory.CreateDirectory(api);
        File.WriteAllText(Path.Combine(api, "a.xml"), """
            <api xmlns="http://ws.apache.org/ns/synapse" name="a" context="/a"><resource methods="GET"><inSequence>
              <property name="s" expression="wso2:vault-lookup('secrets/db','FILE','True')"/>
              <property name="p" expression="wso2:vault-lookup('plain','FILE','false')"/>
              <property name="d" expression="wso2:vault-lookup('docker_secret','DOCKER','true')"/>
            </inSequence></resource></api>
            """);
        Directory.CreateDirectory(Path.Combine(home, "secrets"));
        var secretFile = Path.Combine(home, "secrets", "db");
        File.WriteAllText(secretFile, ciphertext + "\n");
        var plainFile = Path.Combine(home, "plain");
        File.WriteAllText(plainFile, "plain value\n");
        return (home, secretFile, plainFile);
    }

    [Fact]
    public void Rotate_takes_no_other_system_property()
    {
        var result = _mi.Run(new TestConsole(), "secret", "rotate", "-Dfoo=bar");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'rotate' takes -Dkey.password=true, -Dold.key.password=true and -Dei.secret.file.root.dir only, not -Dfoo", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_root_without_home_is_a_usage_error_not_silently_ignored()
    {
        var result = _mi.Run(new TestConsole(), "secret", "rotate", "-Dei.secret.file.root.dir=/srv/secrets");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("mi: error: -Dei.secret.file.root.dir places the FILE secrets of --home's Synapse artifacts; give --home DIR too", result.StdErr, StringComparison.Ordinal);
    }
}
