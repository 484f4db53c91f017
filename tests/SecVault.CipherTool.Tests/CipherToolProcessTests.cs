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

    private static (int Exit, string Out, string Err) RunProcess(string stdin, params string[] args)
    {
        var result = ToolProcess.Run("ciphertool", Path.GetTempPath(), stdin, null, args);
        return (result.Exit, result.Out, result.Err);
    }
}
