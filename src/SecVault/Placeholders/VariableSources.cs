using SecVault.Hosting;

namespace SecVault.Placeholders;

/// <summary>Where <c>$env{}</c> and <c>$sys{}</c> placeholders take their values from.</summary>
public sealed class VariableSources(IEnvironment environment, IReadOnlyDictionary<string, string> systemProperties)
{
    /// <summary>Environment variables.</summary>
    public IEnvironment Environment { get; } = environment ?? throw new ArgumentNullException(nameof(environment));

    /// <summary>System properties (built-ins and <c>-D</c> overrides).</summary>
    public IReadOnlyDictionary<string, string> SystemProperties { get; } = systemProperties ?? throw new ArgumentNullException(nameof(systemProperties));
}
