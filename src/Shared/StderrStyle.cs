using SecVault.Hosting;

namespace SecVault.Tools;

/// <summary>
/// How the executables write <c>&lt;tool&gt;: error|warning|hint: message</c> lines: the level in colour only when
/// standard error is a terminal and <c>NO_COLOR</c> is unset or empty (https://no-color.org), plain otherwise.
/// </summary>
internal sealed class StderrStyle
{
    private const string Reset = "\u001b[0m";

    private StderrStyle(bool colour)
    {
        Colour = colour;
    }

    /// <summary>No colour.</summary>
    public static StderrStyle Plain { get; } = new(false);

    /// <summary>True when the level words are coloured.</summary>
    public bool Colour { get; }

    /// <summary>The style for <paramref name="console"/>'s standard error under <paramref name="environment"/>.</summary>
    public static StderrStyle For(IConsole console, IEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(environment);
        return console.IsErrorTerminal && string.IsNullOrEmpty(environment.GetVariable("NO_COLOR")) ? new StderrStyle(true) : Plain;
    }

    /// <summary><c>tool: level: message</c>, the <c>level:</c> coloured when <see cref="Colour"/>.</summary>
    public string Line(string tool, string level, string message)
    {
        if (!Colour)
        {
            return $"{tool}: {level}: {message}";
        }

        var code = level switch
        {
            "error" => "1;31",
            "warning" => "1;33",
            _ => "1;36",
        };
        return $"{tool}: \u001b[{code}m{level}:{Reset} {message}";
    }
}
