using SecVault.Hosting;

namespace SecVault.Testing;

/// <summary>An in-memory console: scripted input, captured output and error, optional terminal answers.</summary>
public sealed class TestConsole : IConsole
{
    private readonly Queue<string?> _terminalAnswers;

    /// <summary>
    /// Creates a console; with <paramref name="terminalAnswers"/> its input behaves as a terminal, and with
    /// <paramref name="errorTerminal"/> its standard error does.
    /// </summary>
    public TestConsole(string stdin = "", IEnumerable<string?>? terminalAnswers = null, bool errorTerminal = false)
    {
        IsErrorTerminal = errorTerminal;
        StdIn = new StringReader(stdin);
        _terminalAnswers = new Queue<string?>(terminalAnswers ?? []);
        IsInputTerminal = terminalAnswers is not null;
    }

    /// <inheritdoc/>
    public TextReader StdIn { get; }

    /// <inheritdoc/>
    public TextWriter StdOut { get; } = new StringWriter { NewLine = "\n" };

    /// <inheritdoc/>
    public TextWriter StdErr { get; } = new StringWriter { NewLine = "\n" };

    /// <inheritdoc/>
    public bool IsInputTerminal { get; }

    /// <inheritdoc/>
    public bool IsErrorTerminal { get; }

    /// <summary>Everything written to standard output.</summary>
    public string OutText => StdOut.ToString()!;

    /// <summary>Everything written to standard error.</summary>
    public string ErrorText => StdErr.ToString()!;

    /// <inheritdoc/>
    public string? ReadHidden(string prompt) => Answer(prompt);

    /// <inheritdoc/>
    public string? ReadVisible(string prompt) => Answer(prompt);

    private string? Answer(string prompt)
    {
        StdErr.Write(prompt);
        if (IsInputTerminal)
        {
            return _terminalAnswers.Count > 0 ? _terminalAnswers.Dequeue() : null;
        }

        return StdIn.ReadLine();
    }
}
