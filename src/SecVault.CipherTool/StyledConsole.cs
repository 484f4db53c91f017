using SecVault.Tools;
using SecVault.Hosting;

namespace SecVault.CipherTool;

/// <summary>A console that carries the stderr style of one run, so every diagnostic line of ciphertool uses it.</summary>
internal sealed class StyledConsole(IConsole inner, StderrStyle style) : IConsole
{
    /// <summary>Whether error, warning and hint lines are coloured.</summary>
    public StderrStyle Style { get; } = style;

    /// <inheritdoc/>
    public TextReader StdIn => inner.StdIn;

    /// <inheritdoc/>
    public TextWriter StdOut => inner.StdOut;

    /// <inheritdoc/>
    public TextWriter StdErr => inner.StdErr;

    /// <inheritdoc/>
    public bool IsInputTerminal => inner.IsInputTerminal;

    /// <inheritdoc/>
    public bool IsErrorTerminal => inner.IsErrorTerminal;

    /// <inheritdoc/>
    public string? ReadHidden(string prompt) => inner.ReadHidden(prompt);

    /// <inheritdoc/>
    public string? ReadVisible(string prompt) => inner.ReadVisible(prompt);
}
