using System.Text;

namespace SecVault.Hosting;

/// <summary>
/// The frame of both executables' <c>Main</c>: <see cref="ProcessHardening"/> first, then the tool; any exception that
/// escapes it, on any thread, becomes one line <c>&lt;tool&gt;: error: unexpected failure (Type)</c> and exit code 1,
/// never a stack trace. Only the type is named: an unknown exception's message may hold a secret.
/// </summary>
public static class ToolEntryPoint
{
    private const int Failure = 1;

    /// <summary>Hardens the process, installs the last-resort handlers and runs <paramref name="main"/>; returns its exit code.</summary>
    public static int Run(string tool, Func<int> main)
    {
        ArgumentException.ThrowIfNullOrEmpty(tool);
        ArgumentNullException.ThrowIfNull(main);
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            // Exiting here keeps the runtime from printing the exception and aborting (with a core dump, where allowed).
            WriteLastResort(tool, e.ExceptionObject.GetType().Name);
            Environment.Exit(Failure);
        };
        _ = ProcessHardening.Apply();
        return Run(tool, main, null);
    }

    /// <summary>The one line (without the tool's prefix) for an exception no handler expected: its type only, never its message.</summary>
    public static string UnexpectedFailure(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return HostingText.Unexpected(exception.GetType().Name);
    }

    /// <summary>Runs <paramref name="main"/>, turning any exception into the last-resort line on <paramref name="error"/> (default: standard error).</summary>
    internal static int Run(string tool, Func<int> main, TextWriter? error)
    {
        try
        {
            return main();
        }
#pragma warning disable CA1031 // The last line of defence: never a stack trace, never an exception message that might hold a value.
        catch (Exception e)
#pragma warning restore CA1031
        {
            if (error is null)
            {
                WriteLastResort(tool, e.GetType().Name);
            }
            else
            {
                error.WriteLine(HostingText.ToolUnexpected(tool, e.GetType().Name));
            }

            return Failure;
        }
    }

    private static void WriteLastResort(string tool, string exceptionType)
    {
        try
        {
            // A fresh stream: the tool's own writer may be what failed.
            using var stderr = Console.OpenStandardError();
            stderr.Write(Encoding.UTF8.GetBytes(HostingText.ToolUnexpected(tool, exceptionType) + "\n"));
        }
#pragma warning disable CA1031 // Nothing is left to report to.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
