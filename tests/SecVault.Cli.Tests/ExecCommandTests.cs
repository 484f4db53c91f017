using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using SecVault.Testing;

namespace SecVault.Cli.Tests;

public sealed class ExecCommandTests : IDisposable
{
    private readonly RuntimeHome _home = new();

    public void Dispose() => _home.Dispose();

    /// <summary>A shell test that <paramref name="variable"/> holds <paramref name="value"/>, comparing hashes so no value is in argv.</summary>
    private static string Holds(string variable, string value)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
        return $"test \"$(printf %s \"${variable}\" | sha256sum | cut -d' ' -f1)\" = {hash}";
    }

    private MiResult Exec(params string[] args) => _home.Run("exec", args);

    [SkippableFact]
    public void Exec_gives_the_child_every_decrypted_secret_as_a_variable_named_after_its_alias()
    {
        SkipUnlessPosix();
        var script = string.Join(" && ", Holds("db_password", RuntimeHome.DbPassword), Holds("admin_password", _home.AdminPassword), Holds("api_key", RuntimeHome.ApiKey));

        var result = Exec("--", "sh", "-c", script);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.StdOut);
        Assert.Equal(string.Empty, result.StdErr);
    }

    [SkippableFact]
    public void Exec_only_passes_the_named_aliases()
    {
        SkipUnlessPosix();

        var result = Exec("--only", "db_password, api_key", "--", "sh", "-c",
            $"{Holds("db_password", RuntimeHome.DbPassword)} && {Holds("api_key", RuntimeHome.ApiKey)} && test -z \"${{admin_password+set}}\"");

        Assert.Equal(0, result.ExitCode);
    }

    [SkippableFact]
    public void Exec_prefix_is_prepended_and_characters_outside_the_portable_set_become_underscores()
    {
        SkipUnlessPosix();
        _home.Home.WriteToml(_home.SoundToml.Replace("db_password = ", "\"db.pass-word\" = ", StringComparison.Ordinal)
            .Replace("$secret{db_password}", "$secret{db.pass-word}", StringComparison.Ordinal));

        var result = Exec("--prefix", "APP.", "--only", "db.pass-word", "--", "sh", "-c", Holds("APP_db_pass_word", RuntimeHome.DbPassword));

        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void Exec_refuses_two_aliases_on_one_variable_before_starting_the_command()
    {
        _home.Home.WriteToml(_home.SoundToml.Replace("api_key = ", $"\"db-password\" = \"{_home.DbCiphertext}\"\napi_key = ", StringComparison.Ordinal));
        var marker = _home.Mi.Work("started");

        var result = Exec("--", "touch", marker);

        Assert.Equal(1, result.ExitCode);
        Assert.False(File.Exists(marker));
        Assert.Contains("mi: error: aliases 'db_password', 'db-password' all become environment variable db_password", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("mi: hint: ", result.StdErr, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Exec_refuses_a_variable_the_environment_defines_unless_override_is_given()
    {
        SkipUnlessPosix();
        var variables = _home.Variables;
        variables["db_password"] = "from the environment";
        var marker = _home.Mi.Work("started");

        var refused = _home.Run(variables, "exec", "--", "touch", marker);
        var markerAfterRefusal = File.Exists(marker);
        var overridden = _home.Run(variables, "exec", "--override", "--", "sh", "-c", Holds("db_password", RuntimeHome.DbPassword));

        Assert.Equal(1, refused.ExitCode);
        Assert.False(markerAfterRefusal);
        Assert.Contains("environment variable db_password (alias 'db_password') is already defined", refused.StdErr, StringComparison.Ordinal);
        Assert.Contains("--override", refused.StdErr, StringComparison.Ordinal);
        Assert.Equal(0, overridden.ExitCode);
    }

    [SkippableFact]
    public void Exec_returns_the_child_exit_code()
    {
        SkipUnlessPosix();

        Assert.Equal(42, Exec("--", "sh", "-c", "exit 42").ExitCode);
        Assert.Equal(0, Exec("--", "true").ExitCode);
    }

    [SkippableFact]
    public void Exec_returns_128_plus_the_signal_when_the_child_is_killed()
    {
        SkipUnlessPosix();

        Assert.Equal(128 + 9, Exec("--", "sh", "-c", "kill -9 $$").ExitCode);
    }

    [Fact]
    public void Exec_fails_with_1_when_the_command_cannot_start()
    {
        var result = Exec("--", "secvault-no-such-command-xyz");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("mi: error: cannot start 'secvault-no-such-command-xyz': ", result.StdErr, StringComparison.Ordinal);
        _home.AssertClean(result);
    }

    [Fact]
    public void Exec_on_a_resolution_error_lists_the_problems_and_does_not_start_the_command()
    {
        var marker = _home.Mi.Work("started");
        var variables = _home.Variables;
        variables.Remove("API_KEY_CIPHERTEXT");

        var result = _home.Run(variables, "exec", "--only", "api_key,no_such_alias", "--", "touch", marker);

        Assert.Equal(1, result.ExitCode);
        Assert.False(File.Exists(marker));
        Assert.Contains("API_KEY_CIPHERTEXT", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("no_such_alias", result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("exec")]
    [InlineData("exec", "--only", "a,,b", "--", "true")]
    [InlineData("exec", "-c", "x")]
    public void Exec_rejects_bad_usage_with_exit_2(params string[] args)
    {
        var result = _home.Mi.Run(new TestConsole(), _home.Variables, ["secret", .. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("mi: error: ", result.StdErr, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Exec_as_a_process_leaves_standard_input_after_the_password_line_to_the_child()
    {
        SkipUnlessPosix();

        var result = _home.RunProcess("exec", ["--", "cat"], "first line for the child\r\nsecond ✓\n");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("first line for the child\r\nsecond ✓\n", result.StdOut);
        Assert.Equal(string.Empty, result.StdErr);
    }

    [SkippableFact]
    public void Exec_as_a_process_keeps_secrets_out_of_the_arguments_of_mi_and_the_child()
    {
        SkipUnlessPosix();
        Skip.IfNot(File.Exists("/proc/self/cmdline"), "no /proc");
        var checks = new[] { ("db_password", RuntimeHome.DbPassword), ("api_key", RuntimeHome.ApiKey) }
            .Select(c => $"case \"$(tr '\\0' ' ' < /proc/$$/cmdline; tr '\\0' ' ' < /proc/$PPID/cmdline)\" in *\"${c.Item1}\"*) exit 3;; esac");
        var script = string.Join("; ", checks) + $"; {Holds("db_password", RuntimeHome.DbPassword)} && tr '\\0' '\\n' < /proc/$PPID/cmdline";

        var result = _home.RunProcess("exec", ["--", "sh", "-c", script]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("mi.dll\nsecret\nexec\n", result.StdOut, StringComparison.Ordinal);
        _home.AssertClean(result);
    }

    [SkippableTheory]
    [InlineData("TERM", 7)]
    [InlineData("INT", 8)]
    public void Exec_as_a_process_forwards_a_signal_to_the_child_and_returns_its_exit_code(string signal, int childExit)
    {
        SkipUnlessPosix();
        // A background job (a script's '&') starts with SIGINT ignored, and .NET then keeps it ignored, as every Unix
        // program does: mi would never see it. GNU env restores the default before mi starts.
        var restoreInterrupt = Signals.IgnoredHere(2);
        var start = new ProcessStartInfo(restoreInterrupt ? "env" : "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _home.Mi.WorkFolder,
        };
        foreach (var arg in (string[])[.. restoreInterrupt ? ["--default-signal=INT", "dotnet"] : Array.Empty<string>(), MiHarness.MiDll, .. _home.Args("exec", "--", "sh", "-c", $"trap 'exit {childExit}' {signal}; echo ready; while :; do sleep 0.05; done")])
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in _home.Variables)
        {
            start.Environment[name] = value;
        }

        using var mi = Process.Start(start)!;
        try
        {
            mi.StandardInput.Write(_home.Password + "\n");
            mi.StandardInput.Close();
            var stderr = mi.StandardError.ReadToEndAsync();
            Assert.Equal("ready", mi.StandardOutput.ReadLine());

            using (var kill = Process.Start("kill", ["-" + signal, mi.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                kill.WaitForExit();
            }

            Assert.True(mi.WaitForExit(TimeSpan.FromMinutes(1)), "mi did not exit after the signal");
            Assert.Equal(childExit, mi.ExitCode);
            Assert.Equal(string.Empty, stderr.Result);
        }
        finally
        {
            if (!mi.HasExited)
            {
                mi.Kill(entireProcessTree: true);
            }
        }
    }

    [Theory]
    [InlineData("LD_PRELOAD")]
    [InlineData("BASH_ENV")]
    [InlineData("PYTHONPATH")]
    public void Exec_refuses_a_denylisted_alias_by_name_and_does_not_start_the_command(string alias)
    {
        _home.WriteTomlWith((alias, _home.DbCiphertext));

        var result = ExecRefusedBeforeStart("--override");

        var lines = result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"mi: error: alias '{alias}' would set environment variable {alias}, which ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("mi: hint: put a prefix on every name with --prefix", lines[1], StringComparison.Ordinal);
        _home.AssertClean(result);
    }

    [SkippableFact]
    public void Exec_with_a_prefix_exports_a_denylisted_alias_under_the_prefixed_name_only()
    {
        SkipUnlessPosix();
        _home.WriteTomlWith(("LD_PRELOAD", _home.DbCiphertext));

        var result = Exec("--prefix", "APP_", "--", "sh", "-c", $"{Holds("APP_LD_PRELOAD", RuntimeHome.DbPassword)} && test -z \"${{LD_PRELOAD+set}}\"");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.StdErr);
    }

    [SkippableFact]
    public void Exec_as_a_process_never_passes_the_keystore_password_variables_to_the_child()
    {
        SkipUnlessPosix();
        var variables = _home.Variables;
        variables["MI_KEYSTORE_PASSWORD"] = _home.Password;
        variables["MI_KEY_PASSWORD"] = "key-password-for-the-test";

        var result = _home.Mi.RunProcess(_home.Password + "\n", variables, _home.Args("exec", "--", "env"));

        Assert.Equal(0, result.ExitCode);
        var names = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=')[0]).ToList();
        Assert.Contains("db_password", names);
        Assert.Contains("MI_CLI_HOME", names);
        Assert.DoesNotContain("MI_KEYSTORE_PASSWORD", names);
        Assert.DoesNotContain("MI_KEY_PASSWORD", names);
        Assert.DoesNotContain(_home.Password, result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Exec_refuses_an_empty_command_with_a_usage_error_before_reading_the_password()
    {
        var console = new TestConsole(_home.Password + "\n");

        var result = _home.Mi.Run(console, _home.Variables, _home.Args("exec", "--", string.Empty));

        Assert.Equal(2, result.ExitCode);
        var lines = result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("mi: error: the command to run is empty", lines[0]);
        Assert.DoesNotContain(lines, l => l.StartsWith("mi: error: ", StringComparison.Ordinal) && l != lines[0]);
        Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(_home.Password, console.StdIn.ReadLine());
    }

    [Fact]
    public void Exec_refuses_a_secret_holding_a_NUL_character_naming_the_alias_and_does_not_start_the_command()
    {
        const string Secret = "before-nul\0after-nul";
        _home.WriteTomlWith(("nul_secret", _home.Home.Encrypt(Secret)));

        var result = ExecRefusedBeforeStart();

        Assert.StartsWith("mi: error: the secret of alias 'nul_secret' holds a NUL character, which an environment variable cannot carry\nmi: hint: ", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("before-nul", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("after-nul", result.StdErr, StringComparison.Ordinal);
    }

    /// <summary>Runs <c>exec args -- touch marker</c>, asserting exit 1 and that the command never started.</summary>
    private MiResult ExecRefusedBeforeStart(params string[] args)
    {
        var marker = _home.Mi.Work("started");

        var result = Exec([.. args, "--", "touch", marker]);

        Assert.Equal(1, result.ExitCode);
        Assert.False(File.Exists(marker));
        return result;
    }

    private static void SkipUnlessPosix() => Skip.If(OperatingSystem.IsWindows(), "needs a POSIX shell");
}
