using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using SecVault.IO;

namespace SecVault.Exec;

/// <summary>Runs the command of <c>mi secret exec</c>: standard streams inherited, SIGINT and SIGTERM forwarded.</summary>
internal static class ChildProcess
{
    /// <summary>
    /// Starts <paramref name="commandLine"/> in <paramref name="workingFolder"/> with this process's environment, less the
    /// keystore password variables (<see cref="ExportDenylist.Withheld"/>), plus <paramref name="variables"/>; see
    /// <see cref="Run(ProcessStartInfo)"/>.
    /// </summary>
    /// <exception cref="Win32Exception">The command cannot be started.</exception>
    public static int Run(IReadOnlyList<string> commandLine, string workingFolder, IEnumerable<KeyValuePair<string, string>> variables)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        ArgumentNullException.ThrowIfNull(variables);
        // A list pattern, not ThrowIfZero(commandLine.Count): Stryker mutates the property Count into the method Sum, the
        // generic ThrowIfZero then cannot infer its type, and Stryker, unable to pin that error on one mutant, would drop
        // every mutant of the method.
        if (commandLine is [])
        {
            throw new ArgumentOutOfRangeException(nameof(commandLine), "The command line has no command.");
        }

        var start = new ProcessStartInfo(commandLine[0]) { UseShellExecute = false, WorkingDirectory = workingFolder };
        foreach (var argument in commandLine.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        // The child gets the keystore password no more than it gets the command line of mi.
        foreach (var name in ExportDenylist.Withheld)
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in variables)
        {
            start.Environment[name] = value;
        }

        return Run(start);
    }

    /// <summary>
    /// Starts <paramref name="start"/>, forwards SIGINT and SIGTERM to it (one that comes before the child starts is sent
    /// once it has), waits for it and returns its exit code (.NET reports a child killed by a signal as 128 + signal).
    /// </summary>
    /// <exception cref="Win32Exception">The command cannot be started.</exception>
    public static int Run(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        var forwarder = new SignalForwarder();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, forwarder.Handle);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, forwarder.Handle);
        using var child = Process.Start(start) ?? throw new Win32Exception();
        forwarder.Started(child);
        child.WaitForExit();
        return child.ExitCode;
    }

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

                // Stryker disable once Statement: once _child is set, Handle sends at once and nothing reads _pending again.
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
            var number = signal == PosixSignal.SIGINT ? Posix.SignalInterrupt : Posix.SignalTerminate;
            try
            {
                if (!child.HasExited)
                {
                    _ = Posix.SendSignal(child.Id, number);
                }
            }
            catch (InvalidOperationException)
            {
                // The child already exited.
            }
        }
    }
}
