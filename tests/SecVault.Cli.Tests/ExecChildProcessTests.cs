using System.ComponentModel;
using SecVault.Exec;

namespace SecVault.Cli.Tests;

/// <summary>
/// <see cref="ChildProcess"/> in this process: the working folder, the environment, and SIGINT/SIGTERM forwarding (the
/// child signals this process, which must pass the signal on and keep running). In one collection with the other tests
/// that change process-wide state, so no other test runs meanwhile.
/// </summary>
[Collection(ProcessWideState.Name)]
public sealed class ExecChildProcessTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("secvault-exec-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [SkippableFact]
    public void Run_starts_the_command_in_the_working_folder_with_its_arguments()
    {
        Skip.If(OperatingSystem.IsWindows(), "POSIX shell");
        var folder = Path.GetFullPath(Directory.CreateDirectory(Path.Combine(_folder, "work")).FullName);

        var exit = ChildProcess.Run(["/bin/sh", "-c", "[ \"$(pwd -P)\" = \"$1\" ] && [ \"$2\" = 'two words' ] && exit 7; exit 1", "sh", folder, "two words"], folder, []);

        Assert.Equal(7, exit);
    }

    [SkippableFact]
    public void Run_adds_the_variables_and_withholds_the_keystore_password_variables_of_this_process()
    {
        Skip.If(OperatingSystem.IsWindows(), "POSIX shell");
        var saved = (Environment.GetEnvironmentVariable("MI_KEYSTORE_PASSWORD"), Environment.GetEnvironmentVariable("MI_KEY_PASSWORD"));
        Environment.SetEnvironmentVariable("MI_KEYSTORE_PASSWORD", "store-pass");
        Environment.SetEnvironmentVariable("MI_KEY_PASSWORD", "key-pass");
        try
        {
            var exit = ChildProcess.Run(
                ["/bin/sh", "-c", "[ -z \"${MI_KEYSTORE_PASSWORD+set}\" ] && [ -z \"${MI_KEY_PASSWORD+set}\" ] && [ \"$APP_TOKEN\" = 'v a l' ] && exit 5; exit 1"],
                _folder,
                [new("APP_TOKEN", "v a l")]);

            Assert.Equal(5, exit);
        }
        finally
        {
            Environment.SetEnvironmentVariable("MI_KEYSTORE_PASSWORD", saved.Item1);
            Environment.SetEnvironmentVariable("MI_KEY_PASSWORD", saved.Item2);
        }
    }

    [SkippableFact]
    public void Run_passes_SIGTERM_this_process_gets_on_to_the_child_and_returns_the_child_exit_code()
    {
        Assert.Equal(42, RunChildThatSignalsThisProcess("TERM", 42));
    }

    [SkippableFact]
    public void Run_passes_SIGINT_this_process_gets_on_to_the_child_as_SIGINT()
    {
        // A background job (a script's '&') starts with SIGINT ignored; this process then never sees it, nor can the child trap it.
        Skip.If(Signals.IgnoredHere(2), "SIGINT is ignored in this process (started as a background job)");
        Assert.Equal(43, RunChildThatSignalsThisProcess("INT", 43));
    }

    [SkippableFact]
    public void Run_refuses_a_file_that_is_not_executable_rather_than_open_it()
    {
        Skip.If(OperatingSystem.IsWindows(), "POSIX permissions");
        var notes = Path.Combine(_folder, "notes.txt");
        File.WriteAllText(notes, "not a program\n");

        Assert.Throws<Win32Exception>(() => ChildProcess.Run([notes], _folder, []));
    }

    /// <summary>
    /// Runs a child that traps <paramref name="signal"/> (exiting with <paramref name="childExit"/>), waits a second so
    /// this process has seen it start, sends the signal to its parent (this process), then waits at most ~10 s for it
    /// to come back; a signal that is not passed on, or passed on as another, ends it with another code.
    /// </summary>
    private int RunChildThatSignalsThisProcess(string signal, int childExit)
    {
        Skip.If(OperatingSystem.IsWindows(), "POSIX signals");
        var script = $"trap 'exit {childExit}' {signal}; sleep 1; kill -{signal} $PPID; i=0; while [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done; exit 1";
        return ChildProcess.Run(["/bin/sh", "-c", script], _folder, []);
    }

    [Fact]
    public void Run_refuses_a_missing_command_line_or_variables_and_an_empty_command_line()
    {
        Assert.Equal("commandLine", Assert.Throws<ArgumentNullException>(() => ChildProcess.Run(null!, _folder, [])).ParamName);
        Assert.Equal("variables", Assert.Throws<ArgumentNullException>(() => ChildProcess.Run(["/bin/true"], _folder, null!)).ParamName);
        Assert.Equal("start", Assert.Throws<ArgumentNullException>(() => ChildProcess.Run(null!)).ParamName);
        var empty = Assert.Throws<ArgumentOutOfRangeException>(() => ChildProcess.Run([], _folder, []));
        Assert.Equal("commandLine", empty.ParamName);
        Assert.StartsWith("The command line has no command.", empty.Message, StringComparison.Ordinal);
    }
}

/// <summary>Tests that change process-wide state (environment variables, signals): run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideState
{
    /// <summary>The collection's name.</summary>
    public const string Name = "process-wide state";
}
