namespace SecVault.Hosting;

/// <summary>Source of environment variables, injected so tests never touch process-wide state.</summary>
public interface IEnvironment
{
    /// <summary>The variable's value, or null when it is not defined.</summary>
    string? GetVariable(string name);
}

/// <summary>The process environment.</summary>
public sealed class ProcessEnvironment : IEnvironment
{
    /// <summary>The shared instance.</summary>
    public static ProcessEnvironment Instance { get; } = new();

    private ProcessEnvironment()
    {
    }

    /// <inheritdoc/>
    public string? GetVariable(string name) => Environment.GetEnvironmentVariable(name);
}

/// <summary>A fixed set of variables, for tests and embedding.</summary>
internal sealed class DictionaryEnvironment(IReadOnlyDictionary<string, string> variables) : IEnvironment
{
    /// <inheritdoc/>
    public string? GetVariable(string name) => variables.TryGetValue(name, out var value) ? value : null;
}
