using System.Text;

namespace SecVault.Hosting;

/// <summary>The process's own console.</summary>
public sealed class SystemConsole : IConsole
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Wraps the process streams as UTF-8 without a byte-order mark.</summary>
    public SystemConsole()
    {
        // On a terminal, visible and hidden reads must share the runtime's terminal reader, or typed-ahead
        // (pasted) answers are split between two buffers and lost.
        StdIn = Console.IsInputRedirected ? new StreamReader(Console.OpenStandardInput(), Utf8) : Console.In;
        StdOut = new StreamWriter(Console.OpenStandardOutput(), Utf8) { AutoFlush = true, NewLine = "\n" };
        StdErr = new StreamWriter(Console.OpenStandardError(), Utf8) { AutoFlush = true, NewLine = "\n" };
    }

    /// <inheritdoc/>
    public TextReader StdIn { get; }

    /// <inheritdoc/>
    public TextWriter StdOut { get; }

    /// <inheritdoc/>
    public TextWriter StdErr { get; }

    /// <inheritdoc/>
    public bool IsInputTerminal => !Console.IsInputRedirected;

    /// <inheritdoc/>
    public bool IsErrorTerminal => !Console.IsErrorRedirected;

    /// <inheritdoc/>
    public string? ReadHidden(string prompt)
    {
        StdErr.Write(prompt);
        if (!IsInputTerminal)
        {
            return StdIn.ReadLine();
        }

        // ReadKey(intercept: true) reads without echo; the runtime restores the terminal mode on exit and Ctrl+C.
        var buffer = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (buffer.Length > 0)
                {
                    buffer.Length--;
                }

                continue;
            }

            if (key.Key == ConsoleKey.D && key.Modifiers.HasFlag(ConsoleModifiers.Control) && buffer.Length == 0)
            {
                StdErr.WriteLine();
                return null;
            }

            if (!char.IsControl(key.KeyChar))
            {
                buffer.Append(key.KeyChar);
            }
        }

        StdErr.WriteLine();
        var value = buffer.ToString();
        buffer.Clear();
        return value;
    }

    /// <inheritdoc/>
    public string? ReadVisible(string prompt)
    {
        StdErr.Write(prompt);
        return StdIn.ReadLine();
    }
}
