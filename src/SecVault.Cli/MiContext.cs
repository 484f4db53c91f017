using SecVault.Tools;
using SecVault.Hosting;

namespace SecVault.Cli;

/// <summary>What a command may touch: the console, the environment, the current folder and the clock.</summary>
internal sealed class MiContext
{
    /// <summary>Creates a context; <paramref name="time"/> defaults to the system clock.</summary>
    public MiContext(IConsole console, IEnvironment environment, string currentFolder, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentException.ThrowIfNullOrEmpty(currentFolder);
        Console = console;
        Environment = environment;
        CurrentFolder = Path.GetFullPath(currentFolder);
        Time = time ?? TimeProvider.System;
        Style = StderrStyle.For(console, environment);
    }

    /// <summary>Whether <c>error:</c>, <c>warning:</c> and <c>hint:</c> are coloured (stderr a terminal, NO_COLOR unset).</summary>
    public StderrStyle Style { get; }

    /// <summary>The fewest items for which bulk work draws a progress line (on a terminal only).</summary>
    public int ProgressThreshold { get; init; } = ProgressLine.DefaultThreshold;

    /// <summary>A progress line on standard error for bulk work (silent unless standard error is a terminal).</summary>
    public ProgressLine Progress(string verb) => new(Console, verb, ProgressThreshold);

    /// <summary>Standard streams and terminal.</summary>
    public IConsole Console { get; }

    /// <summary>Environment variables.</summary>
    public IEnvironment Environment { get; }

    /// <summary>The absolute folder relative paths are resolved against.</summary>
    public string CurrentFolder { get; }

    /// <summary>The clock (certificate expiry).</summary>
    public TimeProvider Time { get; }

    /// <summary>An absolute path: <paramref name="path"/> as given when rooted, else below <see cref="CurrentFolder"/>.</summary>
    public string FullPath(string path) => Path.GetFullPath(path, CurrentFolder);

    /// <summary>Writes <c>mi: warning: message</c> to standard error.</summary>
    public void Warning(string message) => Console.StdErr.WriteLine(Style.Line(MiText.Tool, "warning", message));

    /// <summary>Writes <c>mi: error: message</c> and, when given, <c>mi: hint: hint</c> to standard error.</summary>
    public void Error(string message, string? hint = null)
    {
        Console.StdErr.WriteLine(Style.Line(MiText.Tool, "error", message));
        Hint(hint);
    }

    /// <summary>Writes <c>mi: hint: hint</c> to standard error, when there is one.</summary>
    public void Hint(string? hint)
    {
        if (!string.IsNullOrEmpty(hint))
        {
            Console.StdErr.WriteLine(Style.Line(MiText.Tool, "hint", hint));
        }
    }

    /// <summary>Writes an informational line to standard error (never data).</summary>
    public void Info(string message) => Console.StdErr.WriteLine(message);
}
