namespace SecVault.Placeholders;

/// <summary>One placeholder found in a string.</summary>
/// <param name="Kind">The prefix's kind.</param>
/// <param name="Name">The name between the braces, trimmed as Java's <c>String.trim</c> does.</param>
/// <param name="RawName">The name exactly as written.</param>
/// <param name="Start">Index of the <c>$</c> in the string.</param>
/// <param name="Length">Length from the <c>$</c> to the closing <c>}</c> included.</param>
internal sealed record Placeholder(PlaceholderKind Kind, string Name, string RawName, int Start, int Length)
{
    /// <summary>True when the name is empty after trimming, which is an error.</summary>
    public bool IsEmptyName => Name.Length == 0;

    /// <summary>True when the name as written has leading or trailing whitespace (<c>verify</c> warns).</summary>
    public bool HasSurroundingWhitespace => Name.Length != RawName.Length;

    /// <summary>The placeholder as it appears in the text, such as <c>$secret{db}</c>.</summary>
    public string Text => $"{PlaceholderParser.Prefix(Kind)}{RawName}}}";
}
