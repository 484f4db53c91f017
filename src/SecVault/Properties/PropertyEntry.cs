namespace SecVault.Properties;

/// <summary>One key and value of a .properties file, with the 1-based line where its logical line starts.</summary>
/// <param name="Key">The unescaped key.</param>
/// <param name="Value">The unescaped value, trailing whitespace included.</param>
/// <param name="Line">The 1-based physical line where the entry's logical line starts.</param>
internal sealed record PropertyEntry(string Key, string Value, int Line);
