namespace SecVault.Toml;

/// <summary>A new value for one string literal of a <see cref="DeploymentToml"/>.</summary>
/// <param name="Span">The literal to replace, from <see cref="SecretEntry.LiteralSpan"/> or <see cref="TomlLeaf.LiteralSpan"/>.</param>
/// <param name="NewValue">The new decoded string value.</param>
/// <param name="Style">How the new literal is written.</param>
internal sealed record LiteralReplacement(TomlSpan Span, string NewValue, ReplacementStyle Style);
