using System.CommandLine;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using SecVault.Diagnostics;
using SecVault.Exec;
using SecVault.Hosting;
using SecVault.Resolution;

namespace SecVault.Cli;

/// <summary>
/// <c>mi secret exec</c>: starts a command with the decrypted <c>[secrets]</c> values as environment variables. The
/// command inherits the standard streams, gets SIGINT and SIGTERM forwarded, and its exit code is returned.
/// Secrets go only into the child's environment: never into arguments or files.
/// </summary>
internal sealed class ExecCommand
{
    private readonly MiContext _context;
    private readonly RuntimeOptions _runtime = new(canConsume: true, readsSynapse: false);
    private readonly Option<string[]> _only = new("--only")
    {
        Description = MiText.CliExecOnlyOption,
        HelpName = "A,B",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<string?> _prefix = new("--prefix") { Description = MiText.CliExecPrefixOption, HelpName = "P" };
    private readonly Option<bool> _override = new("--override") { Description = MiText.CliExecOverrideOption };
    private readonly Argument<string[]> _command = new("command") { Description = MiText.CliExecCommandArgument, Arity = ArgumentArity.OneOrMore };

    private ExecCommand(MiContext context)
    {
        _context = context;
    }

    /// <summary>Builds the command for <see cref="MiApp.SecretCommands"/>.</summary>
    public static Command Build(MiContext context)
    {
        var exec = new ExecCommand(context);
        var command = new Command("exec", MiText.CliExecDescription) { exec._only, exec._prefix, exec._override, exec._command };
        exec._runtime.AddTo(command);
        command.SetAction(exec.Run);
        return command;
    }

    private int Run(ParseResult parseResult)
    {
        var only = ReadOnly(parseResult.GetValue(_only));
        var prefix = parseResult.GetValue(_prefix) ?? string.Empty;
        var commandLine = parseResult.GetValue(_command) ?? [];
        if (commandLine.Length == 0 || commandLine[0].Length == 0)
        {
            throw new UsageException(ExecText.CliExecEmptyCommand);
        }

        // The process's own standard input is read byte-wise, so the child still gets every byte after the password line.
        var passwordInput = _context.Console is SystemConsole ? new UnbufferedLineReader(Console.OpenStandardInput()) : null;
        var options = _runtime.ResolverOptions(parseResult, _context, passwordInput);
        var home = _runtime.FindHome(parseResult, _context);

        IReadOnlyList<SecretVariable> variables;
        IReadOnlyDictionary<string, string> secrets;
        using (var resolver = new MiHomeResolver(home, options))
        {
            try
            {
                // Names are checked before the keystore password is asked for.
                variables = SecretVariables.Plan(only ?? resolver.Secrets.Aliases, prefix, _context.Environment, parseResult.GetValue(_override));
                secrets = resolver.DecryptSecrets(only);
                SecretVariables.CheckValues(variables, secrets);
            }
            catch (SecVaultResolutionException ex)
            {
                return RuntimeOptions.ReportProblems(_context, ex);
            }
            catch (SecretVariableException ex)
            {
                foreach (var conflict in ex.Conflicts)
                {
                    _context.Error(conflict.ToString());
                }

                _context.Hint(ex.Hint);
                return ExitCodes.Failure;
            }
        }

        var start = new ProcessStartInfo(commandLine[0]) { UseShellExecute = false, WorkingDirectory = _context.CurrentFolder };
        foreach (var argument in commandLine.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        // The child gets the keystore password no more than it gets the command line of mi.
        foreach (var name in ExportDenylist.Withheld)
        {
            start.Environment.Remove(name);
        }

        foreach (var variable in variables)
        {
            start.Environment[variable.Name] = secrets[variable.Alias];
        }

        return Run(start, commandLine[0]);
    }

    private static List<string>? ReadOnly(string[]? values)
    {
        if (values is null || values.Length == 0)
        {
            return null;
        }

        var aliases = values.SelectMany(v => v.Split(',')).Select(a => a.Trim()).ToList();
        return aliases.Any(a => a.Length == 0) ? throw new UsageException(MiText.CliExecEmptyOnly) : aliases;
    }

    private int Run(ProcessStartInfo start, string name)
    {
        var forwarder = new SignalForwarder();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, forwarder.Handle);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, forwarder.Handle);
        Process child;
        try
        {
            child = Process.Start(start) ?? throw new Win32Exception();
        }
        catch (Win32Exception ex)
        {
            _context.Error(MiText.CliExecCannotStart(name, ex.Message));
            return ExitCodes.Failure;
        }

        using (child)
        {
            forwarder.Started(child);
            child.WaitForExit();

            // .NET reports a child killed by a signal as 128 + signal.
            return child.ExitCode;
        }
    }

    /// <summary>Forwards SIGINT and SIGTERM to the child; one that comes before the child starts is sent once it has.</summary>
    private sealed class SignalForwarder
    {
        private readonly Lock _gate = new();
        private readonly List<PosixSignal> _pending = [];
        private Process? _child;

        public void Handle(PosixSignalContext context)
        {
            // mi keeps running until the child exits, and returns its exit code.
            context.Cancel = true;
            lock (_gate)
            {
                if (_child is null)
                {
                    _pending.Add(context.Signal);
                }
                else
                {
                    Send(_child, context.Signal);
                }
            }
        }

        public void Started(Process child)
        {
            lock (_gate)
            {
                _child = child;
                foreach (var signal in _pending)
                {
                    Send(child, signal);
                }

                _pending.Clear();
            }
        }

        private static void Send(Process child, PosixSignal signal)
        {
            // On Windows the child shares the console and gets Ctrl+C itself.
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            // PosixSignal values are abstract; the numbers are those of Linux and macOS.
            var number = signal == PosixSignal.SIGINT ? NativeProcess.SignalInterrupt : NativeProcess.SignalTerminate;
            try
            {
                if (!child.HasExited)
                {
                    _ = NativeProcess.Kill(child.Id, number);
                }
            }
            catch (InvalidOperationException)
            {
                // The child already exited.
            }
        }
    }
}
