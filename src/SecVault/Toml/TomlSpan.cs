namespace SecVault.Toml;

/// <summary>Where a value literal sits in the decoded document text (BOM excluded), delimiters included.</summary>
/// <param name="Start">Offset of the first char (UTF-16 code unit) of the literal.</param>
/// <param name="Length">Number of chars of the literal, delimiters included.</param>
internal readonly record struct TomlSpan(int Start, int Length)
{
    /// <summary>The offset just past the literal.</summary>
    public int End => Start + Length;
}
