using SecVault.Toml;

namespace SecVault.Resolution;

/// <summary>One scalar of deployment.toml outside <c>[secrets]</c> after resolution. <see cref="ToString"/> never shows the value.</summary>
public sealed class ResolvedValue
{
    internal ResolvedValue(TomlLeaf leaf, string value, string maskedValue, bool hadPlaceholders, bool containsSecret)
    {
        Leaf = leaf;
        Value = value;
        MaskedValue = maskedValue;
        HadPlaceholders = hadPlaceholders;
        ContainsSecret = containsSecret;
    }

    /// <summary>The source value, its path and position.</summary>
    internal TomlLeaf Leaf { get; }

    /// <summary>The IConfiguration key, such as <c>keystore:tls:password</c>.</summary>
    public string ConfigurationKey => Leaf.ConfigurationKey;

    /// <summary>The resolved value in IConfiguration form (strings resolved; numbers invariant; true/false; dates RFC 3339).</summary>
    public string Value { get; }

    /// <summary>The value with each substituted secret written as <c>********</c>.</summary>
    public string MaskedValue { get; }

    /// <summary>True when the value held a placeholder (so it differs from the file).</summary>
    public bool HadPlaceholders { get; }

    /// <summary>True when a <c>$secret{}</c> was substituted (the value must be masked when shown).</summary>
    public bool ContainsSecret { get; }

    /// <summary>The value, or the masked value unless <paramref name="showSecrets"/>.</summary>
    public string Display(bool showSecrets) => showSecrets ? Value : MaskedValue;

    /// <summary>The key and position, never the value.</summary>
    public override string ToString() => $"{ConfigurationKey} at {Leaf.Line}:{Leaf.Column}";
}
