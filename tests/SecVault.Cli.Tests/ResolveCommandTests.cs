using SecVault.Testing;

namespace SecVault.Cli.Tests;

public sealed class ResolveCommandTests : IDisposable
{
    private const string Mask = "********";

    private readonly RuntimeHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public void Resolve_as_a_process_prints_deployment_toml_with_placeholders_resolved_and_secrets_masked()
    {
        var result = _home.RunProcess("resolve", []);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.StdErr);
        var expected = _home.SoundToml
            .Replace("\"$secret{db_password}\"", $"\"{Mask}\"", StringComparison.Ordinal)
            .Replace("\"jdbc:h2:mem:x;password=$secret{admin_password}\"", $"\"jdbc:h2:mem:x;password={Mask}\"", StringComparison.Ordinal)
            .Replace("'$secret{api_key}'", $"\"{Mask}\"", StringComparison.Ordinal)
            .Replace("\"$sys{carbon.home}\"", $"\"{_home.Home.Path}\"", StringComparison.Ordinal);
        Assert.Equal(expected, result.StdOut);
        _home.AssertClean(result);
    }

    [Fact]
    public void Resolve_follows_ref_placeholders_and_masks_a_ref_to_a_secret_unless_shown()
    {
        _home.Home.WriteToml(_home.SoundToml
            + "[keystore.internal]\nfile_name = \"$ref{keystore.primary.file_name}\"\npassword = \"$ref{keystore.primary.password}\"\n"
            + "[monitoring]\njmx_hostname = \"$ref{server.hostname}\"\nurl = \"http://$ref{server.hostname}:$ref{server.offset}/\"\n");

        var masked = _home.Run("resolve", "--format", "flat");
        var shown = _home.Run("resolve", "--format", "flat", "--show-secrets");

        Assert.Equal(0, masked.ExitCode);
        Assert.EndsWith(
            "keystore:internal:file_name = repository/resources/security/wso2carbon.jks\nkeystore:internal:password = ********\n"
            + "monitoring:jmx_hostname = localhost\nmonitoring:url = http://localhost:10/\n",
            masked.StdOut,
            StringComparison.Ordinal);
        Assert.Contains($"keystore:internal:password = {RuntimeHome.DbPassword}\n", shown.StdOut, StringComparison.Ordinal);
        _home.AssertClean(masked);
    }

    [Fact]
    public void Resolve_show_secrets_prints_each_decrypted_value_as_a_toml_basic_string()
    {
        var result = _home.Run("resolve", "--show-secrets");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"password = \"{RuntimeHome.DbPassword}\" # the store\n", result.StdOut, StringComparison.Ordinal);
        Assert.Contains($"url = \"jdbc:h2:mem:x;password={_home.AdminPassword}\"\n", result.StdOut, StringComparison.Ordinal);
        Assert.Contains($"api = \"{RuntimeHome.ApiKey}\"\n", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("api_key = \"$env{API_KEY_CIPHERTEXT}\"\n", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_flat_prints_one_key_value_line_per_configuration_key_in_document_order()
    {
        var masked = _home.Run("resolve", "--format", "flat");
        var shown = _home.Run("resolve", "--format=FLAT", "--show-secrets");

        Assert.Equal(0, masked.ExitCode);
        Assert.Equal(
            "server:hostname = localhost\nserver:offset = 10\nkeystore:primary:password = ********\n" +
            "datasource:0:id = WSO2_DB\ndatasource:0:url = jdbc:h2:mem:x;password=********\ndatasource:0:api = ********\n" +
            $"datasource:0:home = {_home.Home.Path}\n",
            masked.StdOut);
        Assert.Contains($"keystore:primary:password = {RuntimeHome.DbPassword}\n", shown.StdOut, StringComparison.Ordinal);
        Assert.Contains($"datasource:0:api = {RuntimeHome.ApiKey}\n", shown.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_synapse_prints_the_artifact_with_its_lookups_masked_or_shown()
    {
        var artifact = _home.Mi.Work("api.xml");
        File.WriteAllText(artifact, "<api>\n  <header value=\"Basic {wso2:vault-lookup('admin_password')}\"/>\n  <property expression=\"wso2:vault-lookup('db_password')\"/>\n</api>\n");

        var masked = _home.Run("resolve", "--synapse", "api.xml");
        var shown = _home.Run("resolve", "--synapse", artifact, "--show-secrets");

        Assert.Equal(0, masked.ExitCode);
        Assert.Equal($"<api>\n  <header value=\"Basic {Mask}\"/>\n  <property expression=\"'{Mask}'\"/>\n</api>\n", masked.StdOut);
        Assert.Equal(0, shown.ExitCode);
        Assert.Contains($"<property expression=\"'{RuntimeHome.DbPassword}'\"/>", shown.StdOut, StringComparison.Ordinal);
        Assert.Contains("value=\"Basic a]b[c$secret{x}\"", shown.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_synapse_refuses_a_FILE_lookup_outside_the_MI_home_unless_allow_file_lookups_outside_root_is_given()
    {
        File.WriteAllText(_home.Mi.Work("outside.txt"), "outside-value");
        var name = Path.GetRelativePath(_home.Home.Path, _home.Mi.Work("outside.txt"));
        File.WriteAllText(_home.Mi.Work("api.xml"), $"<api>{{wso2:vault-lookup('{name}','FILE','false')}}</api>\n");

        var refused = _home.Run("resolve", "--synapse", "api.xml", "--show-secrets");
        var allowed = _home.Run("resolve", "--synapse", "api.xml", "--show-secrets", "--allow-file-lookups-outside-root");

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal(string.Empty, refused.StdOut);
        Assert.Contains($"mi: error: api.xml:1:6: wso2:vault-lookup('{name}','FILE','false'): file {_home.Home.Path}/{name} is outside the lookup root {_home.Home.Path}/", refused.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("outside-value", refused.StdErr, StringComparison.Ordinal);
        Assert.Equal(0, allowed.ExitCode);
        Assert.Equal("<api>outside-value</api>\n", allowed.StdOut);
    }

    [Fact]
    public void Resolve_as_a_process_on_errors_keeps_stdout_empty_and_lists_every_problem_on_stderr()
    {
        _home.Home.WriteToml(_home.SoundToml + "[x]\na = \"$env{NOT_DEFINED_ANYWHERE}\"\nb = \"$secret{no_such_alias}\"\n");

        var result = _home.RunProcess("resolve", ["--show-secrets"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.StdOut);
        var lines = result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("mi: error: conf/deployment.toml:19:5: environment variable NOT_DEFINED_ANYWHERE is not defined", lines);
        Assert.Contains("mi: error: conf/deployment.toml:20:5: $secret{no_such_alias}: no such alias in [secrets]", lines);
        _home.AssertClean(result);
    }

    [Fact]
    public void Resolve_synapse_on_errors_keeps_stdout_empty_and_names_the_lookup_position()
    {
        File.WriteAllText(_home.Mi.Work("api.xml"), "<api>\n <p v=\"{wso2:vault-lookup('NO_SUCH_VAR','ENV','false')}\"/>\n <p v=\"{wso2:vault-lookup('db_password')}\"/>\n</api>\n");

        var result = _home.Run("resolve", "--synapse", "api.xml", "--show-secrets");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.StdOut);
        Assert.StartsWith("mi: error: api.xml:2:", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("NO_SUCH_VAR", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_checks_the_homes_own_artifacts_as_verify_does_and_fails_on_a_lookup_that_does_not_resolve()
    {
        var folder = Path.Combine(_home.Home.Path, "repository", "deployment", "server", "synapse-configs", "default", "api");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "warned.xml"), "<api>\n <p v=\"{wso2:vault-lookup('db_password','ENV')}\"/>\n</api>\n");

        var warned = _home.Run("resolve");
        File.WriteAllText(Path.Combine(folder, "bad.xml"), "<api>\n <p v=\"{wso2:vault-lookup('NO_SUCH_VAR','ENV','false')}\"/>\n</api>\n");
        var failed = _home.Run("resolve");

        Assert.Equal(0, warned.ExitCode);
        Assert.NotEqual(string.Empty, warned.StdOut);
        Assert.StartsWith("mi: warning: repository/deployment/server/synapse-configs/default/api/warned.xml:2:", warned.StdErr, StringComparison.Ordinal);
        Assert.Equal(1, failed.ExitCode);
        Assert.Equal(string.Empty, failed.StdOut);
        Assert.Contains("mi: error: repository/deployment/server/synapse-configs/default/api/bad.xml:2:", failed.StdErr, StringComparison.Ordinal);
        Assert.Contains("NO_SUCH_VAR", failed.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_names_the_lookup_of_an_artifact_error_as_verify_does()
    {
        var folder = Path.Combine(_home.Home.Path, "repository", "deployment", "server", "synapse-configs", "default", "api");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "bad.xml"), "<api>\n <p v=\"{wso2:vault-lookup('no_such_alias')}\"/>\n</api>\n");
        File.WriteAllText(_home.Mi.Work("api.xml"), "<api>\n <p v=\"{wso2:vault-lookup('no_such_alias')}\"/>\n</api>\n");

        var home = _home.Run("resolve");
        var synapse = _home.Run("resolve", "--synapse", "api.xml");

        Assert.Equal(
            "mi: error: repository/deployment/server/synapse-configs/default/api/bad.xml:2:8: wso2:vault-lookup('no_such_alias'): no such alias in [secrets]\n",
            home.StdErr.Split("mi: hint:")[0]);
        Assert.Equal("mi: error: api.xml:2:8: wso2:vault-lookup('no_such_alias'): no such alias in [secrets]\n", synapse.StdErr.Split("mi: hint:")[0]);
    }

    [Fact]
    public void Resolve_reports_a_missing_synapse_file_as_an_error()
    {
        var result = _home.Run("resolve", "--synapse", "missing.xml");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.StdOut);
        Assert.StartsWith("mi: error: missing.xml: cannot read the artifact: ", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_with_a_wrong_password_fails_without_showing_it()
    {
        const string wrong = "not-the-password-123";
        var result = _home.Mi.Run(new TestConsole(wrong + "\n"), _home.Variables, _home.Args("resolve"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.StdOut);
        Assert.StartsWith("mi: error: ", result.StdErr, StringComparison.Ordinal);
        new SecretHygiene().Track(wrong).AssertClean("stderr", result.StdErr);
    }

    [Theory]
    [InlineData("--format", "yaml")]
    [InlineData("--format", "flat", "--synapse", "api.xml")]
    [InlineData("--unknown")]
    public void Resolve_rejects_bad_options_with_exit_2(params string[] args)
    {
        var result = _home.Run("resolve", args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.StdOut);
        Assert.StartsWith("mi: error: ", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_consumes_the_password_file_only_with_consume_password_file()
    {
        var passwordFile = _home.Home.Combine("password");
        File.WriteAllText(passwordFile, _home.Password + "\n");
        string[] args = ["secret", "resolve", "--home", _home.Home.Path];

        var kept = _home.Mi.Run(new TestConsole(), _home.Variables, args);
        var fileAfterKept = File.Exists(passwordFile);
        var consumed = _home.Mi.Run(new TestConsole(), _home.Variables, [.. args, "--consume-password-file"]);

        Assert.Equal(0, kept.ExitCode);
        Assert.True(fileAfterKept);
        Assert.Equal(0, consumed.ExitCode);
        Assert.False(File.Exists(passwordFile));
        Assert.False(File.Exists(_home.Home.Combine("password-tmp")));
    }
}
