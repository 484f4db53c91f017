using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Text;
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
        Assert.Equal("s3cr3t-db", Decrypt(home, "db_password", IndependentDecryptor.Pkcs1));
        // openssl's OAEP decoding refuses it: the ciphertext really carries PKCS #1 v1.5 padding.
        Assert.Throws<InvalidOperationException>(() => Decrypt(home, "db_password", IndependentDecryptor.OaepSha1));
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
        using var home = new TempMiHome(Toml);
        var result = Tool.Run(new TestConsole(), null, home.Path, "-Dconfigure");

        Assert.Equal(1, result.Exit);
        Assert.Equal(
            "ciphertool: error: no keystore password: standard input is not a terminal\nciphertool: hint: use -Dpassword.stdin\n",
            result.Err);
    }

    [Fact]
    public void A_missing_MI_home_is_reported_as_such_before_any_password_check()
    {
        using var folder = new TempFolder();
        var missing = Path.Combine(folder.Path, "nowhere");

        var result = Tool.Run(new TestConsole(), null, folder.Path, "-Dcarbon.home=" + missing, "-Dconfigure");

        Assert.Equal(1, result.Exit);
        Assert.Equal($"ciphertool: error: no MI home at {missing} (given by the command line): not a folder\n", result.Err);
    }

    [Theory]
    [InlineData("--version")]
    [InlineData("-version")]
    public void Version_prints_the_informational_version_of_ciphertool_and_exits_0(string option)
    {
        var expected = typeof(CipherToolApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        var result = Tool.Run(new TestConsole(), null, Path.GetTempPath(), option);

        Assert.Equal(new ToolResult(0, expected + "\n", string.Empty), result);
    }

    [Fact]
    public void Help_lists_the_exit_codes_and_environment_variables()
    {
        var result = Tool.Run(new TestConsole(), null, Path.GetTempPath(), "-help");

        Assert.Equal(0, result.Exit);
        foreach (var line in new[]
        {
            "  0    success", "  1    failure", "  2    usage error", "  130  interrupted (Ctrl+C)",
            "  CARBON_HOME, MI_HOME ", "  SECVAULT_NATIVE_RSA ", "MI_KEYSTORE_PASSWORD and MI_KEY_PASSWORD are read by 'mi secret'", "NO_COLOR",
        })
        {
            Assert.Contains(line, result.Out, StringComparison.Ordinal);
        }
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
        Assert.Equal("my-value", DecryptText(ciphertext));
        Assert.Null(home.SecretConf);
    }

    [Fact]
    public void Single_value_mode_on_a_terminal_asks_twice_and_gives_up_after_three_mismatches()
    {
        using var home = new TempMiHome(Toml);
        var ok = Tool.Run(new TestConsole(terminalAnswers: [Tool.Password, "a", "b", "v", "v"]), null, home.Path);
        Assert.Equal(0, ok.Exit);
        Assert.Contains("Values do not match.", ok.Err, StringComparison.Ordinal);
        Assert.Equal("v", DecryptText(ok.Out.TrimEnd('\n')));

        var failed = Tool.Run(new TestConsole(terminalAnswers: [Tool.Password, "a", "b", string.Empty, "c", "d"]), null, home.Path);
        Assert.Equal(1, failed.Exit);
        Assert.Equal(string.Empty, failed.Out);
        Assert.Contains("ciphertool: error: no answer was accepted after 3 tries; nothing was written", failed.Err, StringComparison.Ordinal);
        Assert.Equal(2, failed.Err.Split("Values do not match.").Length - 1);
        Assert.Single(failed.Err.Split("The value is empty.").Skip(1));
    }

    [Fact]
    public void Single_value_mode_stops_at_once_when_input_ends_at_a_prompt()
    {
        using var home = new TempMiHome(Toml);

        var result = Tool.Run(new TestConsole(terminalAnswers: [Tool.Password, "a", "b", "c"]), null, home.Path);

        Assert.Equal(1, result.Exit);
        Assert.Equal(string.Empty, result.Out);
        Assert.EndsWith("[Please Enter Value Again : ]ciphertool: error: input ended at a prompt; nothing was written\n", result.Err, StringComparison.Ordinal);
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
    public void Neither_a_stray_argument_nor_a_wrong_alias_answer_is_echoed()
    {
        using var home = new TempMiHome(Toml);
        const string Canary = "canary-hunter2-value";

        var stray = Tool.Run(home, string.Empty, "-Dconfigure", "-Dpassword", Canary);
        var console = new TestConsole(terminalAnswers: [Tool.Password, Canary, string.Empty]);
        var answer = Tool.Run(console, null, home.Path, "-Dchange");

        Assert.Equal(2, stray.Exit);
        Assert.Contains("argument 3 is not an option", stray.Err, StringComparison.Ordinal);
        Assert.Contains("not one of the numbers listed", answer.Err, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, stray.Err + stray.Out + answer.Err + answer.Out, StringComparison.Ordinal);
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
    public void An_alias_upstream_mi_cannot_look_up_gets_a_warning_naming_it()
    {
        using var home = new TempMiHome("[secrets]\n\"db password\" = \"[x]\"\n\"a=b\" = \"[y]\"\n\"#c\" = \"[z]\"\nok = \"[w]\"\n");
        var result = Tool.Configure(home);

        Assert.Equal(0, result.Exit);
        Assert.Contains("warning: conf/deployment.toml:2:17: alias 'db password' has ' '; upstream MI reads cipher-text.properties as Java properties and cannot find it", result.Err, StringComparison.Ordinal);
        Assert.Contains("warning: conf/deployment.toml:3:9: alias 'a=b' has '='; upstream MI", result.Err, StringComparison.Ordinal);
        Assert.Contains("warning: conf/deployment.toml:4:8: alias '#c' starts with '#'; upstream MI", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("'ok'", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void An_existing_ciphertext_made_with_the_other_padding_gets_a_warning_and_is_left_alone()
    {
        using var home = new TempMiHome(Toml);
        Assert.Equal(0, Tool.Configure(home, Tool.Password, "-Dorg.wso2.CipherTransformation=RSA").Exit);
        var toml = home.DeploymentToml;

        var result = Tool.Configure(home, Tool.Password, "-Ddiagnose.padding");

        Assert.Equal(0, result.Exit);
        Assert.Contains("warning: conf/deployment.toml:5:15: secret 'db_password' was encrypted with RSA/ECB/PKCS1Padding", result.Err, StringComparison.Ordinal);
        Assert.Equal(toml, home.DeploymentToml);
        Assert.Contains("algorithm=RSA/ECB/OAEPwithSHA1andMGF1Padding", Encoding.ASCII.GetString(home.SecretConf!), StringComparison.Ordinal);
    }

    [Fact]
    public void Configure_without_a_terminal_warns_alike_for_a_ciphertext_of_the_other_padding_and_garbage()
    {
        using var home = new TempMiHome(Toml);
        Assert.Equal(0, Tool.Configure(home, Tool.Password, "-Dorg.wso2.CipherTransformation=RSA").Exit);
        var garbage = new byte[256];
        new Random(5).NextBytes(garbage);
        garbage[0] = 0x01;
        var document = Encoding.UTF8.GetString(home.DeploymentToml);
        var pkcs1 = DeploymentToml.Parse(home.DeploymentToml, "deployment.toml").Secrets.Single(s => s.Alias == "db_password").Value!;
        File.WriteAllText(
            home.DeploymentTomlPath,
            document.Replace("[secrets]\n", $"[secrets]\ngarbage = \"{Convert.ToBase64String(garbage)}\"\n", StringComparison.Ordinal));

        string Warning(string alias, ToolResult result) => result.Err.Split('\n')
            .Single(l => l.Contains($"secret '{alias}'", StringComparison.Ordinal))
            .Replace(alias, "X", StringComparison.Ordinal).Split(": ", 4)[3];

        var uniform = Tool.Configure(home);
        var diagnosed = Tool.Configure(home, Tool.Password, "-Ddiagnose.padding=true");

        Assert.Equal(0, uniform.Exit);
        Assert.Equal(Warning("garbage", uniform), Warning("db_password", uniform));
        Assert.Contains("does not decrypt with the vault's key and transformation", Warning("db_password", uniform), StringComparison.Ordinal);
        Assert.NotEqual(Warning("garbage", diagnosed), Warning("db_password", diagnosed));
        Assert.DoesNotContain(pkcs1, uniform.Err, StringComparison.Ordinal);
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
        Assert.Equal("s3cr3t-db", Decrypt(home, "db_password", vector: vector));
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
        Assert.Equal("s3cr3t-db", Decrypt(home, "db_password"));
    }

    /// <summary>
    /// Decrypts the alias's value in deployment.toml with openssl and the vector's private key (no SecVault code),
    /// so a ciphertext SecVault's own decryptor would accept but upstream MI would not fails here.
    /// </summary>
    [Fact]
    public void Configure_of_several_batches_keeps_each_ciphertext_with_its_alias_and_every_other_byte()
    {
        // Three batches of the streamed configure (1,024 a batch), in basic and literal quoting, with comments and CRLF.
        const int Count = 2100;
        var source = new StringBuilder("[server]\nhostname = \"localhost\"\n\n[secrets]\n");
        for (var i = 0; i < Count; i++)
        {
            source.Append(CultureInfo.InvariantCulture, $"s{i:D4} = ").Append(i % 3 == 0 ? $"'[value-{i}]'" : $"\"[value-{i}]\"")
                .Append(i % 5 == 0 ? "  # note\r\n" : "\n");
        }

        source.Append("\n[transport.http]\nlistener.port = 8290\n");
        using var home = new TempMiHome(source.ToString());

        var result = Tool.Configure(home);

        Assert.Equal(0, result.Exit);
        Assert.Contains($"encrypted {Count} secrets", result.Err, StringComparison.Ordinal);
        var output = File.ReadAllText(home.DeploymentTomlPath);
        var literal = new Regex("= (\"[^\"\n]*\"|'[^'\n]*')");
        Assert.Equal(literal.Replace(source.ToString(), "= <value>"), literal.Replace(output, "= <value>"));
        var ciphertexts = Regex.Matches(output, "^s(\\d{4}) = [\"']([A-Za-z0-9+/=]{344})[\"']", RegexOptions.Multiline);
        Assert.Equal(Count, ciphertexts.Count);
        foreach (var i in new[] { 0, 1, 1023, 1024, 1025, 2047, 2048, Count - 1 })
        {
            Assert.Equal(i.ToString("D4", CultureInfo.InvariantCulture), ciphertexts[i].Groups[1].Value);
            Assert.Equal($"value-{i}", DecryptText(ciphertexts[i].Groups[2].Value));
        }
    }

    private static string Decrypt(TempMiHome home, string alias, string transformation = IndependentDecryptor.OaepSha1, string vector = "jks-rsa2048")
    {
        var text = File.ReadAllText(home.DeploymentTomlPath);
        var value = Regex.Match(text, "^" + Regex.Escape(alias) + " = \"([^\"]*)\"", RegexOptions.Multiline).Groups[1].Value;
        Assert.NotEqual(string.Empty, value);
        return IndependentDecryptor.Decrypt(vector, "wso2carbon", value, transformation);
    }

    private static string DecryptText(string ciphertext) => IndependentDecryptor.Decrypt("jks-rsa2048", "wso2carbon", ciphertext);
}
