namespace SecVault.Hosting;

/// <summary>The standard streams and terminal of a command, injectable so commands run in process under test.</summary>
public interface IConsole
{
    /// <summary>Standard input.</summary>
    TextReader StdIn { get; }

    /// <summary>Standard output: data only.</summary>
    TextWriter StdOut { get; }

    /// <summary>Standard error: prompts, progress and diagnostics.</summary>
    TextWriter StdErr { get; }

    /// <summary>True when standard input is an interactive terminal.</summary>
    bool IsInputTerminal { get; }

    /// <summary>True when standard error is a terminal (colour and progress are drawn only then).</summary>
    bool IsErrorTerminal { get; }

    /// <summary>Writes <paramref name="prompt"/> to standard error and reads a line without echo; null at end of input.</summary>
    string? ReadHidden(string prompt);

    /// <summary>Writes <paramref name="prompt"/> to standard error and reads a visible line; null at end of input.</summary>
    string? ReadVisible(string prompt);
}
