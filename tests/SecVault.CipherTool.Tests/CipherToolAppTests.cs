using System.Text;
using SecVault.Ciphers;
using SecVault.Keystores;
using SecVault.Testing;
using SecVault.Toml;

namespace SecVault.CipherTool.Tests;

public sealed class CipherToolAppTests
{
    private const string Toml = """
        [server]
        hostname = "localhost"

        [secrets]
        db_password = "[s3cr3t-db]"  # prod DB
        api = "$env{API_CIPHERTEXT}"

        [transport.http]
        listener.port = 8290
        """;

    [Fact]
    public void Configure_encrypts_the_markers_reports_counts_and_writes_secret_conf()
    {
        using var home = new TempMiHome(Toml);
        var result = Tool.Configure(home);

        Assert.Equal(0, result.Exit);
        Assert.Equal(string.Empty, result.Out);
        Assert.Contains("ciphertool: using the MI home " + home.Path + " (from the command line)", result.Err, StringComparison.Ordinal);
        Assert.Contains("ciphertool: using the default keystore repository/resources/security/wso2carbon.jks (JKS, alias wso2carbon)", result.Err, StringComparison.Ordinal);
        Assert.Contains("ciphertool: encrypted 1 secret (db_password); 0 already encrypted; 1 dynamic", result.Err, StringComparison.Ordinal);
        Assert.Equal("s3cr3t-db", Decrypt(home, "db_password"));
        var conf = Encoding.ASCII.GetString(home.SecretConf!);
        Assert.StartsWith("#Thu Nov 27 22:51:03 UTC 2025", conf, StringComparison.Ordinal);
        Assert.Contains("secretRepositories.file.algorithm=RSA/ECB/OAEPwithSHA1andMGF1Padding", conf, StringComparison.Ordinal);
        Assert.Contains("keystore.identity.type=JKS", conf, StringComparison.Ordinal);
    }

    [Fact]
    public void Configure_with_PKCS1_writes_that_algorithm_and_ciphertexts_that_need_it()
    {
        using var home = new TempMiHome(Toml);
        var result = Tool.Configure(home, Tool.Password, "-Dorg.wso2.CipherTransformation=RSA/ECB/PKCS1Padding");

        Assert.Equal(0, result.Exit);
        Assert.Contains("secretRepositories.file.algorithm=RSA/ECB/PKCS1Padding", Encoding.ASCII.GetString(home.SecretConf!), StringComparison.Ordinal);
        Assert.Equal("s3cr3t-db", Decrypt(home, "db_password", Transformation.Pkcs1));
        var oaep = Assert.Throws<CipherException>(() => Decrypt(home, "db_password", Transformation.OaepSha1));
        Assert.Equal(CipherError.PaddingMismatch, oaep.Error);
    }

    [Fact]
    public void A_second_configure_run_changes_neither_file()
    {
        using var home = new TempMiHome(Toml);
        Assert.Equal(0, Tool.Configure(home).Exit);
        var toml = home.DeploymentToml;
        var conf = home.SecretConf;
        var confTime = File.GetLastWriteTimeUtc(home.SecretConfPath);

        var second = Tool.Configure(home);

        Assert.Equal(0, second.Exit);
        Assert.Contains("encrypted 0 secrets; 1 already encrypted; 1 dynamic", second.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", second.Err, StringComparison.Ordinal);
        Assert.Equal(toml, home.DeploymentToml);
        Assert.Equal(conf, home.SecretConf);
        Assert.Equal(confTime, File.GetLastWriteTimeUtc(home.SecretConfPath));
    }

    [Fact]
    public void Without_a_password_source_or_terminal_it_fails_at_once_with_a_hint()
    {
        // No MI home anywhere: the password check must come first.
        using var folder = new TempFolder();
        var result = Tool.Run(new TestConsole(), null, folder.Path, "-Dconfigure");

        Assert.Equal(1, result.Exit);
        Assert.Equal(
            "ciphertool: error: no keystore password: standard input is not a terminal\nciphertool: hint: use -Dpassword.stdin\n",
            result.Err);
    }

    [Fact]
    public void An_empty_standard_input_is_no_password()
    {
        using var home = new TempMiHome(Toml);
        var result = Tool.Run(home, string.Empty, "-Dpassword.stdin", "-Dconfigure");
        Assert.Equal(1, result.Exit);
        Assert.Contains("no keystore password: standard input is empty", result.Err, StringComparison.Ordinal);
        Assert.Null(home.SecretConf);
    }

    [Fact]
    public void The_password_option_works_and_warns_that_others_can_see_it()
    {
        using var home = new TempMiHome(Toml);
        var result = Tool.Run(home, string.Empty, "-Dconfigure", "-Dpassword=" + Tool.Password);
        Assert.Equal(0, result.Exit);
        Assert.Contains("ciphertool: warning: -Dpassword= is visible to other users", result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "Primary")]
    [InlineData("[keystore.internal]\nfile_name = \"repository/resources/security/wso2carbon.jks\"\n", "Internal")]
    public void On_a_terminal_the_password_is_asked_with_upstreams_prompt(string? keystoreTable, string role)
    {
        using var home = new TempMiHome((keystoreTable ?? string.Empty) + Toml);
        var console = new TestConsole(terminalAnswers: [Tool.Password]);
        var result = Tool.Run(console, null, home.Path, "-Dconfigure");

        Assert.Equal(0, result.Exit);
        Assert.Contains($"[Please Enter {role} KeyStore Password of Carbon Server : ]", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_prints_usage_on_standard_output_and_exits_0()
    {
        var result = Tool.Run(new TestConsole(), null, Path.GetTempPath(), "-help");
        Assert.Equal(0, result.Exit);
        Assert.Contains("-Dconfigure", result.Out, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Err);
    }

    [Fact]
    public void A_usage_error_exits_2_naming_the_option_with_a_hint()
    {
        var result = Tool.Run(new TestConsole(), null, Path.GetTempPath(), "-Dconfigure", "-Dtypo=1");
        Assert.Equal(2, result.Exit);
        Assert.Equal("ciphertool: error: unknown option '-Dtypo'\nciphertool: hint: run 'ciphertool -help' for the options\n", result.Err);
        Assert.Equal(string.Empty, result.Out);
    }

    [Fact]
    public void Without_any_MI_home_the_error_says_how_to_name_one()
    {
        using var folder = new TempFolder();
        var result = Tool.Run(new TestConsole("pw\n"), null, folder.Path, "-Dpassword.stdin", "-Dconfigure");
        Assert.Equal(1, result.Exit);
        Assert.Contains("ciphertool: error: cannot find the MI home", result.Err, StringComparison.Ordinal);
        Assert.Contains("ciphertool: hint: pass -Dcarbon.home=DIR or set CARBON_HOME", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void The_MI_home_comes_from_CARBON_HOME_and_deployment_toml_from_the_file_option()
    {
        using var home = new TempMiHome("[server]\n");
        var other = home.Folder.Combine("elsewhere.toml");
        File.WriteAllText(other, Toml);
        var env = new Dictionary<string, string> { ["CARBON_HOME"] = home.Path };
        var result = Tool.Run(new TestConsole(Tool.Password + "\n"), env, home.Folder.Path, "-Dpassword.stdin", "-Dconfigure", "-Ddeployment.config.file.path=" + other);

        Assert.Equal(0, result.Exit);
        Assert.Contains("(from CARBON_HOME)", result.Err, StringComparison.Ordinal);
        Assert.Equal("[server]\n", File.ReadAllText(home.DeploymentTomlPath));
        Assert.DoesNotContain("[s3cr3t-db]", File.ReadAllText(other), StringComparison.Ordinal);
    }

    [Fact]
    public void The_config_folder_option_points_at_deployment_toml()
    {
        using var home = new TempMiHome("[server]\n");
        var conf = home.Folder.Combine("conf2");
        Directory.CreateDirectory(conf);
        File.WriteAllText(Path.Combine(conf, "deployment.toml"), Toml);
        var result = Tool.Configure(home, Tool.Password, "-Dcarbon.config.dir.path=" + conf);

        Assert.Equal(0, result.Exit);
        Assert.Contains("encrypted 1 secret (db_password)", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Single_value_mode_reads_the_value_after_the_password_line_and_prints_only_the_ciphertext()
    {
        using var home = new TempMiHome(Toml);
        var result = Tool.Run(home, Tool.Password + "\nmy-value\n", "-Dpassword.stdin");

        Assert.Equal(0, result.Exit);
        Assert.EndsWith("Encrypted value is : ", result.Err, StringComparison.Ordinal);
        var ciphertext = result.Out.TrimEnd('\n');
        Assert.Equal(344, ciphertext.Length);
        Assert.Equal("my-value", DecryptText(ciphertext, Transformation.OaepSha1));
        Assert.Null(home.SecretConf);
    }

    [Fact]
    public void Single_value_mode_on_a_terminal_asks_twice_and_gives_up_after_three_mismatches()
    {
        using var home = new TempMiHome(Toml);
        var ok = Tool.Run(new TestConsole(terminalAnswers: [Tool.Password, "a", "b", "v", "v"]), null, home.Path);
        Assert.Equal(0, ok.Exit);
        Assert.Contains("Values do not match.", ok.Err, StringComparison.Ordinal);
        Assert.Equal("v", DecryptText(ok.Out.TrimEnd('\n'), Transformation.OaepSha1));

        var failed = Tool.Run(new TestConsole(terminalAnswers: [Tool.Password, "a", "b", string.Empty, "c", "d"]), null, home.Path);
        Assert.Equal(1, failed.Exit);
        Assert.Equal(string.Empty, failed.Out);
        Assert.Contains("ciphertool: error: values did not match after 3 tries", failed.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Single_value_mode_rejects_an_empty_or_over_limit_value()
    {
        using var home = new TempMiHome(Toml);
        var empty = Tool.Run(home, Tool.Password + "\n\n", "-Dpassword.stdin");
        Assert.Equal(1, empty.Exit);
        Assert.Contains("ciphertool: error: the value is empty", empty.Err, StringComparison.Ordinal);

        var tooLong = Tool.Run(home, Tool.Password + "\n" + new string('x', 215) + "\n", "-Dpassword.stdin");
        Assert.Equal(1, tooLong.Exit);
        Assert.Contains("the value is 215 bytes; RSA/ECB/OAEPwithSHA1andMGF1Padding with a 2048-bit key allows at most 214", tooLong.Err, StringComparison.Ordinal);
        Assert.Equal(string.Empty, tooLong.Out);
    }

    [Fact]
    public void Change_lists_aliases_marks_dynamic_ones_and_rewrites_only_the_chosen_value()
    {
        using var home = new TempMiHome(Toml);
        var before = home.DeploymentToml;
        var console = new TestConsole(terminalAnswers: [Tool.Password, "2", "1", "new-value", "new-value", string.Empty]);
        var result = Tool.Run(console, null, home.Path, "-Dchange");

        Assert.Equal(0, result.Exit);
        Assert.Contains("    1) db_password\n", result.Err, StringComparison.Ordinal);
        Assert.Contains("    2) api (dynamic, cannot be changed)", result.Err, StringComparison.Ordinal);
        Assert.Contains("'api' is dynamic and cannot be changed", result.Err, StringComparison.Ordinal);
        Assert.Contains("Enter new plain text value for db_password : ", result.Err, StringComparison.Ordinal);
        Assert.Contains("ciphertool: changed 1 secret (db_password)", result.Err, StringComparison.Ordinal);
        Assert.Equal("new-value", Decrypt(home, "db_password"));
        Assert.Contains("  # prod DB", File.ReadAllText(home.DeploymentTomlPath), StringComparison.Ordinal);
        Assert.NotEqual(before, home.DeploymentToml);
        Assert.Null(home.SecretConf);
    }

    [Fact]
    public void Change_writes_nothing_after_three_failed_tries()
    {
        using var home = new TempMiHome(Toml);
        var before = home.DeploymentToml;
        var console = new TestConsole(terminalAnswers: [Tool.Password, "1", "a", "b", "c", "d", "e", "f"]);
        var result = Tool.Run(console, null, home.Path, "-Dchange");

        Assert.Equal(1, result.Exit);
        Assert.Equal(before, home.DeploymentToml);
        Assert.Empty(home.TemporaryFiles());
    }

    [Fact]
    public void Change_needs_a_terminal()
    {
        using var home = new TempMiHome(Toml);
        var result = Tool.Run(home, Tool.Password + "\n", "-Dpassword.stdin", "-Dchange");
        Assert.Equal(1, result.Exit);
        Assert.Contains("-Dchange needs a terminal", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void No_secrets_table_warns_and_still_writes_secret_conf()
    {
        using var home = new TempMiHome("[server]\nhostname = \"x\"\n");
        var before = home.DeploymentToml;
        var result = Tool.Configure(home);

        Assert.Equal(0, result.Exit);
        Assert.Contains("ciphertool: warning: conf/deployment.toml: no [secrets] table", result.Err, StringComparison.Ordinal);
        Assert.NotNull(home.SecretConf);
        Assert.Equal(before, home.DeploymentToml);
    }

    [Fact]
    public void A_dotted_alias_gets_a_warning_naming_it()
    {
        using var home = new TempMiHome("[secrets]\ngroup.inner = \"[x]\"\n");
        var result = Tool.Configure(home);
        Assert.Equal(0, result.Exit);
        Assert.Contains("warning: conf/deployment.toml:2:15: alias 'group.inner' has a dot; upstream MI cannot render it", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void An_existing_ciphertext_made_with_the_other_padding_gets_a_warning_and_is_left_alone()
    {
        using var home = new TempMiHome(Toml);
        Assert.Equal(0, Tool.Configure(home, Tool.Password, "-Dorg.wso2.CipherTransformation=RSA").Exit);
        var toml = home.DeploymentToml;

        var result = Tool.Configure(home);

        Assert.Equal(0, result.Exit);
        Assert.Contains("warning: conf/deployment.toml:5:15: secret 'db_password' was encrypted with RSA/ECB/PKCS1Padding", result.Err, StringComparison.Ordinal);
        Assert.Equal(toml, home.DeploymentToml);
        Assert.Contains("algorithm=RSA/ECB/OAEPwithSHA1andMGF1Padding", Encoding.ASCII.GetString(home.SecretConf!), StringComparison.Ordinal);
    }

    [Fact]
    public void A_private_key_that_cannot_be_read_skips_the_check_with_one_warning()
    {
        using var home = new TempMiHome("[secrets]\na = \"not-base64!\"\nb = \"other\"\nc = \"[new]\"\n", "jks-distinct-key-password");
        var result = Tool.Configure(home, "storepass-1");

        Assert.Equal(0, result.Exit);
        Assert.Single(result.Err.Split('\n'), l => l.Contains("warning:", StringComparison.Ordinal));
        Assert.Contains("existing ciphertexts not checked", result.Err, StringComparison.Ordinal);
        Assert.Contains("encrypted 1 secret (c); 2 already encrypted", result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("p12-pbes2", "PKCS12", "conf/keys/identity.p12", "conf/keys/identity.p12")]
    [InlineData("jceks-rsa2048", "JCEKS", "repository/resources/security/internal.jceks", "internal.jceks")]
    [InlineData("jks-rsa2048", "JKS", "repository/resources/security/x/internal.jks", "${carbon.home}/repository/resources/security/x/internal.jks")]
    public void The_internal_keystore_can_be_PKCS12_JCEKS_or_a_carbon_home_path(string vector, string type, string copyTo, string fileName)
    {
        var toml = $"[keystore.internal]\nfile_name = \"{fileName}\"\ntype = \"{type}\"\nalias = \"wso2carbon\"\n\n" + Toml;
        using var home = new TempMiHome(toml, keystoreVector: null);
        var path = home.AddKeystore(vector, copyTo);
        var result = Tool.Configure(home);

        Assert.Equal(0, result.Exit);
        Assert.Contains($"using the internal keystore {fileName} ({type}, alias wso2carbon)", result.Err, StringComparison.Ordinal);
        var conf = Encoding.ASCII.GetString(home.SecretConf!);
        Assert.Contains("keystore.identity.type=" + type, conf, StringComparison.Ordinal);
        // Inside the home, the location is written relative to it (with '/'), so the home can move.
        Assert.Contains("keystore.identity.location=" + copyTo + Environment.NewLine, conf, StringComparison.Ordinal);
        Assert.Equal(type == "JCEKS", result.Err.Contains("upstream MI's vault cannot load a JCEKS", StringComparison.Ordinal));
        Assert.Equal("s3cr3t-db", Decrypt(home, "db_password", keystore: path));
    }

    [Fact]
    public void An_absolute_keystore_path_and_env_placeholders_in_file_name_are_honoured()
    {
        using var home = new TempMiHome("[server]\n", keystoreVector: null);
        var path = home.AddKeystore("jks-rsa2048", "../keys/abs.jks");
        File.WriteAllText(home.DeploymentTomlPath, "[keystore.primary]\nfile_name = \"$env{KEYS}/abs.jks\"\n\n" + Toml);
        var env = new Dictionary<string, string> { ["KEYS"] = Path.GetDirectoryName(path)! };
        var result = Tool.Run(new TestConsole(Tool.Password + "\n"), env, home.Path, "-Dpassword.stdin", "-Dconfigure");

        Assert.Equal(0, result.Exit);
        Assert.Contains($"using the primary keystore {path} (JKS, alias wso2carbon)", result.Err, StringComparison.Ordinal);
        Assert.Equal("s3cr3t-db", Decrypt(home, "db_password", keystore: path));
    }

    private static string Decrypt(TempMiHome home, string alias, Transformation? transformation = null, string? keystore = null)
    {
        var document = DeploymentToml.Parse(home.DeploymentToml, "deployment.toml");
        var value = document.Secrets.Single(s => s.Alias == alias).Value!;
        return DecryptText(value, transformation ?? Transformation.OaepSha1, keystore ?? Path.Combine(home.Path, TempMiHome.DefaultKeystore));
    }

    private static string DecryptText(string ciphertext, Transformation transformation, string? keystorePath = null)
    {
        var store = keystorePath is null
            ? Keystore.Load(VectorManifest.KeystorePath(VectorManifest.Load().Keystore("jks-rsa2048")), Tool.Password)
            : Keystore.Load(keystorePath, Tool.Password);
        var entry = store.GetEntry("wso2carbon");
        using var rsa = entry.GetRsaPrivateKey(Tool.Password);
        return new SecretDecryptor(rsa, transformation, entry.Alias, entry.CertificateSha256).DecryptToString(ciphertext, "test");
    }
}
