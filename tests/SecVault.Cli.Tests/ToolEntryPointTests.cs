using System.Diagnostics;
using SecVault.Hosting;
using SecVault.Testing;

namespace SecVault.Cli.Tests;

/// <summary><see cref="ToolEntryPoint"/> and <see cref="ProcessHardening"/>, in process and against the built <c>mi</c>.</summary>
public sealed class ToolEntryPointTests
{
    public static TheoryData<Exception> Failures => new()
    {
        new InvalidOperationException("secret-in-the-message"),
#pragma warning disable CA2201 // Simulates the runtime's exception: the handler must survive it too.
        new OutOfMemoryException("secret-in-the-message"),
#pragma warning restore CA2201
        new IOException("secret-in-the-message", new UnauthorizedAccessException("inner-secret")),
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Run_turns_any_escaping_exception_into_one_line_naming_its_type_and_exit_1(Exception failure)
    {
        using var error = new StringWriter { NewLine = "\n" };

        var exit = ToolEntryPoint.Run("mi", () => throw failure, error);

        Assert.Equal(1, exit);
        Assert.Equal($"mi: error: unexpected failure ({failure.GetType().Name}); nothing more is known\n", error.ToString());
    }

    [Fact]
    public void Run_returns_the_tool_exit_code_and_writes_nothing_when_nothing_escapes()
    {
        using var error = new StringWriter();

        Assert.Equal(42, ToolEntryPoint.Run("ciphertool", () => 42, error));
        Assert.Equal(string.Empty, error.ToString());
    }

    [SkippableFact]
    public void Mi_as_a_process_has_no_core_file_no_ptrace_attach_and_no_diagnostic_socket_while_it_waits()
    {
        Skip.If(ProcessHardeningProbe.WhyNot is not null, ProcessHardeningProbe.WhyNot);
        // The probe may run mi as another user, who cannot enter a checkout made in a mktemp -d folder.
        var vectors = Path.GetDirectoryName(VectorManifest.KeystorePath(VectorManifest.Load().Keystore("jks-rsa2048")))!;
        var keystore = Path.Combine(ToolProcess.CopyOpenToOthers(vectors), "jks-rsa2048.jks");

        var view = ProcessHardeningProbe.Observe("mi", "secret", "init", "--keystore", keystore, "--alias", "wso2carbon", "--password-stdin");

        Assert.True(view.CoreLimitIsZero, view.Detail);
        Assert.True(view.NotDumpable, view.Detail);
        Assert.True(view.DiagnosticSocketGone, view.Detail);
    }

    [SkippableFact]
    public void Mi_as_a_process_turns_an_exception_on_another_thread_into_one_line_and_exit_1()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "the startup hook waits on /proc/self/limits");
        var keystore = VectorManifest.KeystorePath(VectorManifest.Load().Keystore("jks-rsa2048"));
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var arg in (string[])[MiHarness.MiDll, "secret", "init", "--keystore", keystore, "--alias", "wso2carbon", "--password-stdin"])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_STARTUP_HOOKS"] = typeof(StartupHook).Assembly.Location;
        start.Environment[StartupHook.Variable] = "1";

        // Standard input stays open, so mi waits for the password until the hook's thread fails.
        using var mi = Process.Start(start)!;
        try
        {
            var stdout = mi.StandardOutput.ReadToEndAsync();
            var stderr = mi.StandardError.ReadToEndAsync();
            Assert.True(mi.WaitForExit(TimeSpan.FromMinutes(2)), "mi did not exit");

            Assert.Equal(1, mi.ExitCode);
            Assert.Equal("mi: error: unexpected failure (InvalidOperationException); nothing more is known\n", stderr.Result);
            Assert.Equal(string.Empty, stdout.Result);
        }
        finally
        {
            if (!mi.HasExited)
            {
                mi.Kill(entireProcessTree: true);
            }
        }
    }
}
