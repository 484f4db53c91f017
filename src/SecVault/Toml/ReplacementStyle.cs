namespace SecVault.Toml;

/// <summary>How a replaced string literal is written.</summary>
internal enum ReplacementStyle
{
    /// <summary>Keep <c>"…"</c> or <c>'…'</c> (ciphertool); multi-line literals become a one-line basic string, and a value a literal string cannot hold falls back to a basic string.</summary>
    KeepQuoting,

    /// <summary>Always write a TOML basic string (<c>"…"</c>) with the needed escapes (resolve).</summary>
    BasicString,
}
