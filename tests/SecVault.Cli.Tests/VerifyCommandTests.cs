using SecVault.Testing;

namespace SecVault.Cli.Tests;

public sealed class VerifyCommandTests : IDisposable
{
    private readonly RuntimeHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public void Verify_as_a_process_passes_a_sound_home_with_no_findings_and_the_counts_on_stderr()
    {
        var result = _home.RunProcess("verify", []);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.StdOut);
        Assert.Equal("0 errors, 0 warnings\n", result.StdErr);
        _home.AssertClean(result);
    }

    [Fact]
    public void Verify_as_a_process_warns_that_the_identity_certificate_has_expired_by_the_system_clock()
    {
        // jks-expired's certificate ended 23 months before the vectors were generated (keytool -startdate -2y -validity 30).
        using var mi = new MiHarness();
        using var home = new TestMiHome("jks-expired");
        home.WriteToml("[keystore.tls]\npassword = \"$secret{db}\"\n[secrets]\ndb = \"" + home.Encrypt("s3cret") + "\"\n");

        var result = mi.RunProcess(home.Keystore.StorePassword + "\n", ["secret", "verify", "--home", home.Path, "--password-stdin"]);

        Assert.Equal(0, result.ExitCode);
        var line = Assert.Single(result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("warning conf/security/secret-conf.properties keystore.identity.alias: the identity certificate 'wso2carbon' in keystore " + home.KeystorePath + " expired on ", line, StringComparison.Ordinal);
        Assert.EndsWith("then run 'ciphertool -Drotate -Dold.alias=wso2carbon'", line, StringComparison.Ordinal);
        Assert.Equal("0 errors, 1 warning\n", result.StdErr);
    }

    [Fact]
    public void Verify_accepts_ref_placeholders_and_reports_a_dangling_one_as_a_located_error()
    {
        _home.Home.WriteToml(_home.SoundToml + "[keystore.internal]\npassword = \"$ref{keystore.primary.password}\"\nalias = \"$ref{keystore.primary.alias}\"\n");
        var sound = _home.Run("verify");
        _home.Home.WriteToml(_home.SoundToml + "[monitoring]\nhost = \"$ref{server.host}\"\n");
        var dangling = _home.Run("verify");

        Assert.Equal(0, sound.ExitCode);
        Assert.Equal("0 errors, 0 warnings\n", sound.StdErr);
        Assert.Equal(1, dangling.ExitCode);
        Assert.Equal(
            "error conf/deployment.toml:19:8 server.host: $ref{server.host}: no key server.host in deployment.toml, and MI has no default for it\n",
            dangling.StdOut);
    }

    [Fact]
    public void Verify_as_a_process_reports_a_padding_mismatch_naming_both_transformations_and_exits_1()
    {
        using var mismatch = new RuntimeHome(RuntimeHome.Pkcs1);

        var result = mismatch.RunProcess("verify", ["--diagnose-padding"]);

        Assert.Equal(1, result.ExitCode);
        var lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var db = Assert.Single(lines, l => l.Contains(" db_password: ", StringComparison.Ordinal));
        Assert.StartsWith("error conf/deployment.toml:", db, StringComparison.Ordinal);
        Assert.Contains("was encrypted with RSA/ECB/OAEPwithSHA1andMGF1Padding, but secret-conf.properties says RSA/ECB/PKCS1Padding", db, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains(" admin_password: ", StringComparison.Ordinal) && l.Contains("PKCS1Padding", StringComparison.Ordinal));
        Assert.EndsWith("errors, 0 warnings\n", result.StdErr, StringComparison.Ordinal);
        mismatch.AssertClean(result);
    }

    [Fact]
    public void Verify_without_a_terminal_reports_the_other_padding_and_garbage_with_one_message_unless_asked_to_diagnose()
    {
        using var oaep = new RuntimeHome();
        var garbage = new byte[256];
        new Random(11).NextBytes(garbage);
        garbage[0] = 0x01;
        oaep.Home.WriteToml(oaep.SoundToml.Replace("[secrets]\n", $"[secrets]\npkcs1 = \"{oaep.Home.Encrypt("p", RuntimeHome.Pkcs1)}\"\ngarbage = \"{Convert.ToBase64String(garbage)}\"\n", StringComparison.Ordinal));

        static string Finding(MiResult result, string alias) => result.StdOut.Split('\n')
            .Single(l => l.StartsWith("error ", StringComparison.Ordinal) && l.Contains($" {alias}: ", StringComparison.Ordinal))
            .Split($" {alias}: ")[1].Replace($"'{alias}'", "'X'", StringComparison.Ordinal);

        var piped = oaep.Run("verify");
        var asked = oaep.Run("verify", "--diagnose-padding");
        var terminal = oaep.Mi.Run(new TestConsole(terminalAnswers: [oaep.Password]), oaep.Variables, ["secret", "verify", "--home", oaep.Home.Path]);

        Assert.Equal(Finding(piped, "garbage"), Finding(piped, "pkcs1"));
        Assert.Contains("does not decrypt with the vault's key and transformation", Finding(piped, "pkcs1"), StringComparison.Ordinal);
        Assert.Contains("was encrypted with RSA/ECB/PKCS1Padding", Finding(asked, "pkcs1"), StringComparison.Ordinal);
        Assert.NotEqual(Finding(asked, "garbage"), Finding(asked, "pkcs1"));
        Assert.Contains("was encrypted with RSA/ECB/PKCS1Padding", Finding(terminal, "pkcs1"), StringComparison.Ordinal);
        oaep.AssertClean(piped);
    }

    [Fact]
    public void Verify_lines_name_severity_path_line_column_and_subject()
    {
        _home.Home.WriteToml(_home.SoundToml + "[x]\ny = \"$env{NOT_DEFINED_ANYWHERE}\"\n");

        var result = _home.Run("verify");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("error conf/deployment.toml:19:5 NOT_DEFINED_ANYWHERE: environment variable NOT_DEFINED_ANYWHERE is not defined", line);
        Assert.EndsWith("1 error, 0 warnings\n", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_exits_0_on_warnings_alone_and_1_with_strict()
    {
        _home.Home.WriteToml(_home.SoundToml.Replace("$secret{db_password}", "$secret{db_password }", StringComparison.Ordinal));

        var relaxed = _home.Run("verify");
        var strict = _home.Run("verify", "--strict");

        Assert.Equal(0, relaxed.ExitCode);
        Assert.StartsWith("warning conf/deployment.toml:6:12 db_password: ", relaxed.StdOut, StringComparison.Ordinal);
        Assert.EndsWith("0 errors, 1 warning\n", relaxed.StdErr, StringComparison.Ordinal);
        Assert.Equal(1, strict.ExitCode);
        Assert.Equal(relaxed.StdOut, strict.StdOut);
    }

    [Fact]
    public void Verify_checks_every_artifact_below_a_synapse_folder_by_position()
    {
        var folder = _home.Home.Combine("repository", "deployment", "server", "synapse-configs", "default", "api");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "A.xml"), "<api>\n  <property value=\"{wso2:vault-lookup('db_password')}\"/>\n</api>\n");
        File.WriteAllText(Path.Combine(folder, "B.xml"), "<api>\n <property expression=\"wso2:vault-lookup('NO_SUCH_VAR', 'ENV', 'false')\"/>\n</api>\n");
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "{wso2:vault-lookup('ignored')}");

        var result = _home.Run("verify", "--synapse", _home.Home.Combine("repository", "deployment"));

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error {Path.Combine("repository", "deployment", "server", "synapse-configs", "default", "api", "B.xml")}:2:", line, StringComparison.Ordinal);
        Assert.Contains("NO_SUCH_VAR", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_without_synapse_checks_the_homes_data_services_and_names_a_missing_secretAlias_by_position()
    {
        var folder = _home.Home.Combine("repository", "deployment", "server", "dataservices");
        Directory.CreateDirectory(folder);
        File.WriteAllText(
            Path.Combine(folder, "Orders.dbs"),
            "<data name=\"Orders\" xmlns:svns=\"http://org.wso2.securevault/configuration\">\n <config id=\"db\">\n  <property name=\"password\" svns:secretAlias=\"orders_db\"/>\n </config>\n</data>\n");

        var result = _home.Run("verify");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            $"error {Path.Combine("repository", "deployment", "server", "dataservices", "Orders.dbs")}:3:29 svns:secretAlias=\"orders_db\": no such alias in [secrets]\n",
            result.StdOut);
    }

    [Fact]
    public void Verify_reads_system_properties_given_with_D()
    {
        _home.Home.WriteToml(_home.SoundToml + "[x]\ny = \"$sys{env.name}\"\n");

        var without = _home.Run("verify");
        var with = _home.Run("verify", "-Denv.name=prod");

        Assert.Equal(1, without.ExitCode);
        Assert.Contains("system property env.name is not defined", without.StdOut, StringComparison.Ordinal);
        Assert.Equal(0, with.ExitCode);
    }

    [Fact]
    public void Verify_never_consumes_a_password_file_and_has_no_option_to()
    {
        var passwordFile = _home.Home.Combine("password");
        File.WriteAllText(passwordFile, _home.Password + "\n");

        var result = _home.Mi.Run(new TestConsole(), _home.Variables, "secret", "verify", "--home", _home.Home.Path);
        var consume = _home.Mi.Run(new TestConsole(), _home.Variables, "secret", "verify", "--home", _home.Home.Path, "--consume-password-file");

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(passwordFile));
        Assert.Equal(2, consume.ExitCode);
        Assert.True(File.Exists(passwordFile));
    }

    [Fact]
    public void Verify_finds_the_home_in_CARBON_HOME_when_home_is_not_given()
    {
        var variables = _home.Variables;
        variables["CARBON_HOME"] = _home.Home.Path;

        var result = _home.Mi.Run(new TestConsole(_home.Password + "\n"), variables, "secret", "verify", "--password-stdin");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("0 errors, 0 warnings\n", result.StdErr);
    }

    [Fact]
    public void Verify_without_an_MI_home_fails_with_exit_1_and_a_hint()
    {
        var result = _home.Mi.Run(new TestConsole(), _home.Variables, "secret", "verify");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.StdOut);
        Assert.StartsWith("mi: error: ", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("mi: hint: ", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_without_a_password_source_reports_it_as_an_error_finding()
    {
        var result = _home.Mi.Run(new TestConsole(), _home.Variables, "secret", "verify", "--home", _home.Home.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no password for keystore", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_warns_about_every_alias_exec_would_refuse_without_printing_the_secret()
    {
        const string Secret = "before-nul\0after-nul";
        _home.WriteTomlWith(("LD_PRELOAD", _home.DbCiphertext), ("\"1password\"", _home.DbCiphertext), ("nul_secret", _home.Home.Encrypt(Secret)));

        var result = _home.Run("verify");

        var lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("warning conf/deployment.toml:", StringComparison.Ordinal)
            && l.EndsWith(" LD_PRELOAD: mi secret exec refuses this alias unless --prefix is given: environment variable LD_PRELOAD changes how programs load code (LD_*)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("warning ", StringComparison.Ordinal)
            && l.EndsWith(" 1password: mi secret exec refuses this alias unless --prefix is given: 1password is not a portable variable name (it starts with a digit)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("warning ", StringComparison.Ordinal)
            && l.EndsWith(" nul_secret: the secret holds a NUL character; mi secret exec refuses to export it", StringComparison.Ordinal));
        Assert.DoesNotContain("error ", result.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("-nul", result.StdOut + result.StdErr, StringComparison.Ordinal);
        _home.AssertClean(result);
    }
}
