using SecVault.Testing;

namespace SecVault.CipherTool.Tests;

/// <summary>The built ciphertool.dll run as a process, as users run it.</summary>
public sealed class CipherToolProcessTests
{
    private const string Toml = "[secrets]\n# kept\ndb_password = \"[s3cr3t]\"  # prod\n\n[server]\nhostname = \"x\"\n";

    [Fact]
    public void Configure_as_a_process_reads_the_password_from_stdin_and_exits_0()
    {
        using var home = new TempMiHome(Toml);
        var (exit, stdout, stderr) = RunProcess(Tool.Password + "\n", "-Dcarbon.home=" + home.Path, "-Dpassword.stdin", "-Dconfigure");

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("ciphertool: encrypted 1 secret (db_password); 0 already encrypted; 0 dynamic", stderr, StringComparison.Ordinal);
        Assert.Contains("  # prod\n\n[server]\nhostname = \"x\"\n", File.ReadAllText(home.DeploymentTomlPath), StringComparison.Ordinal);
        Assert.NotNull(home.SecretConf);
    }

    [Fact]
    public void Single_value_mode_as_a_process_prints_only_the_ciphertext_on_stdout()
    {
        using var home = new TempMiHome(Toml);
        var (exit, stdout, stderr) = RunProcess(Tool.Password + "\nvalue\n", "-Dcarbon.home=" + home.Path, "-Dpassword.stdin");

        Assert.Equal(0, exit);
        Assert.Matches("^[A-Za-z0-9+/]{342}==\n$", stdout);
        Assert.EndsWith("Encrypted value is : ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_process_with_redirected_stdin_and_no_password_option_fails_at_once()
    {
        // The MI home is found first (issue 13), so the home must exist for the password check to be reached.
        using var home = new TempMiHome(Toml);
        var (exit, stdout, stderr) = RunProcess(string.Empty, "-Dcarbon.home=" + home.Path, "-Dconfigure");
        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal("ciphertool: error: no keystore password: standard input is not a terminal\nciphertool: hint: use -Dpassword.stdin\n", stderr);
    }

    [Fact]
    public void A_usage_error_as_a_process_exits_2()
    {
        var (exit, _, stderr) = RunProcess(string.Empty, "-Dsecurity.jce.provider=BC");
        Assert.Equal(2, exit);
        Assert.Contains("'-Dsecurity.jce.provider' is not supported by SecVault", stderr, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_process_has_no_core_file_no_ptrace_attach_and_no_diagnostic_socket_while_it_waits()
    {
        Skip.If(ProcessHardeningProbe.WhyNot is not null, ProcessHardeningProbe.WhyNot);

        // A copy every user can read: as root the probe runs the tool as "nobody", and the checkout may be closed to others.
        var home = ToolProcess.CopyOpenToOthers(Path.Combine(Repo.Root, "samples", "mi-home"));
        var view = ProcessHardeningProbe.Observe("ciphertool", "-Dcarbon.home=" + home, "-Dpassword.stdin");

        Assert.True(view.CoreLimitIsZero, view.Detail);
        Assert.True(view.NotDumpable, view.Detail);
        Assert.True(view.DiagnosticSocketGone, view.Detail);
    }

    [SkippableFact]
    public void A_rotation_whose_secret_conf_cannot_be_written_puts_deployment_toml_back_and_says_so()
    {
        Skip.IfNot(Ownership.IsRoot, "needs root to give the home to another user and keep one folder from them");
        var keystore = VectorManifest.Load().Keystore("jks-multi");
        using var home = new TempMiHome("[keystore.primary]\nalias = \"first\"\n\n" + Toml, "jks-multi");
        Assert.Equal(0, ToolProcess.Run("ciphertool", home.Path, keystore.StorePassword + "\n", null, "-Dcarbon.home=" + home.Path, "-Dpassword.stdin", "-Dconfigure").Exit);
        File.WriteAllText(home.DeploymentTomlPath, File.ReadAllText(home.DeploymentTomlPath).Replace("alias = \"first\"", "alias = \"second\"", StringComparison.Ordinal));
        var before = (home.DeploymentToml, home.SecretConf!);

        // Everything goes to "nobody" but secret-conf.properties' folder: the rotation writes deployment.toml, then
        // cannot write beside secret-conf.properties.
        var root = home.Folder.Path;
        foreach (var path in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Prepend(root))
        {
            Ownership.GiveTo(path, Ownership.OtherUser);
        }

        Ownership.GiveTo(Path.GetDirectoryName(home.SecretConfPath)!, 0);
        var result = ToolProcess.RunAsUser(Ownership.OtherUser, "ciphertool", home.Path, keystore.StorePassword + "\n", null,
            "-Dcarbon.home=" + home.Path, "-Dpassword.stdin", "-Drotate", "-Dold.alias=first");

        Assert.Equal(1, result.Exit);
        Assert.Contains("ciphertool: error: ", result.Err, StringComparison.Ordinal);
        Assert.Contains(home.SecretConfPath, result.Err, StringComparison.Ordinal);
        Assert.Contains($"{home.DeploymentTomlPath} was put back as it was before this run", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
        Assert.Equal(before.Item1, home.DeploymentToml);
        Assert.Equal(before.Item2, home.SecretConf);
        Assert.Empty(home.TemporaryFiles());
    }

    private static (int Exit, string Out, string Err) RunProcess(string stdin, params string[] args)
    {
        var result = ToolProcess.Run("ciphertool", Path.GetTempPath(), stdin, null, args);
        return (result.Exit, result.Out, result.Err);
    }
}
