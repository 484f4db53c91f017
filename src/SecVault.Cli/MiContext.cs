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
    }

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
    public void Warning(string message) => Console.StdErr.WriteLine(MiText.CliWarning(message));

    /// <summary>Writes <c>mi: error: message</c> and, when given, <c>mi: hint: hint</c> to standard error.</summary>
    public void Error(string message, string? hint = null)
    {
        Console.StdErr.WriteLine(MiText.CliError(message));
        if (!string.IsNullOrEmpty(hint))
        {
            Console.StdErr.WriteLine(MiText.CliHint(hint));
        }
    }

    /// <summary>Writes an informational line to standard error (never data).</summary>
    public void Info(string message) => Console.StdErr.WriteLine(message);
}
