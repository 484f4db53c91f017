using SecVault.Diagnostics;
using SecVault.Toml;

namespace SecVault.Resolution;

/// <summary>A deployment.toml with every placeholder outside <c>[secrets]</c> resolved.</summary>
public sealed class ResolvedConfiguration
{
    /// <summary>What a substituted secret shows as when masked.</summary>
    public const string Mask = "********";

    private readonly DeploymentToml _document;

    internal ResolvedConfiguration(DeploymentToml document, IReadOnlyList<ResolvedValue> values, IReadOnlyList<Problem> warnings)
    {
        _document = document;
        Values = values;
        Warnings = warnings;
    }

    /// <summary>Every scalar outside <c>[secrets]</c>, in document order.</summary>
    public IReadOnlyList<ResolvedValue> Values { get; }

    /// <summary>Advisory problems found while resolving.</summary>
    public IReadOnlyList<Problem> Warnings { get; }

    /// <summary>The document's bytes with each resolved string rewritten in place as a TOML basic string; every other byte kept.</summary>
    public byte[] RenderToml(bool showSecrets) => _document.Rewrite(
        Values.Where(v => v.HadPlaceholders)
            .Select(v => new LiteralReplacement(v.Leaf.LiteralSpan, v.Display(showSecrets), ReplacementStyle.BasicString)));

    /// <summary><c>key</c>/<c>value</c> pairs with IConfiguration keys, in document order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Flat(bool showSecrets) =>
        [.. Values.Select(v => new KeyValuePair<string, string>(v.ConfigurationKey, v.Display(showSecrets)))];
}
