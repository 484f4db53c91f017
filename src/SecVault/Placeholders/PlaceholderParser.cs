using System.Text;

namespace SecVault.Placeholders;

/// <summary>
/// Finds and substitutes <c>$secret{}</c>, <c>$env{}</c>, <c>$sys{}</c> and <c>$ref{}</c> placeholders. The name runs from
/// <c>{</c> to the first <c>}</c>; there is no nesting, escape or default syntax. A prefix such as <c>$env{</c> with no
/// <c>}</c> after it is literal text, and so is everything after it.
/// </summary>
internal static class PlaceholderParser
{
    private static readonly (string Prefix, PlaceholderKind Kind)[] Prefixes =
    [
        ("$secret{", PlaceholderKind.Secret),
        ("$env{", PlaceholderKind.Env),
        ("$sys{", PlaceholderKind.Sys),
        ("$ref{", PlaceholderKind.Ref),
    ];

    /// <summary>Every placeholder in <paramref name="text"/>, in order; those with an empty name included.</summary>
    public static IReadOnlyList<Placeholder> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var dollar = text.IndexOf('$', StringComparison.Ordinal);

        // Stryker disable once Block: a fast path for the usual value without '$'; the loop below returns no placeholder for it either.
        if (dollar < 0)
        {
            return [];
        }

        var found = new List<Placeholder>();
        while (dollar >= 0)
        {
            // An index, not a nullable tuple: "is not { } match" on a nullable tuple makes every mutant of this method
            // fail to compile (CS0170), so mutation testing could not measure it.
            var prefix = PrefixAt(text, dollar);
            if (prefix < 0)
            {
                dollar = text.IndexOf('$', dollar + 1);
                continue;
            }

            var (prefixText, kind) = Prefixes[prefix];
            var nameStart = dollar + prefixText.Length;
            var nameLength = text.AsSpan(nameStart).IndexOf('}');
            if (nameLength < 0)
            {
                // No closing brace anywhere after: the rest is literal and cannot hold a placeholder either.
                break;
            }

            var raw = text.Substring(nameStart, nameLength);
            var length = prefixText.Length + nameLength + 1;
            found.Add(new Placeholder(kind, JavaTrim(raw), raw, dollar, length));
            dollar = text.IndexOf('$', dollar + length);
        }

        return found;
    }

    /// <summary>True when <paramref name="text"/> holds a complete <c>$env{}</c> or <c>$sys{}</c> placeholder (a dynamic value).</summary>
    public static bool ContainsDynamic(string text) =>
        Find(text).Any(p => p.Kind is PlaceholderKind.Env or PlaceholderKind.Sys);

    /// <summary>
    /// Replaces each placeholder by <paramref name="resolve"/>'s value in one pass: substituted text is never scanned
    /// again and <c>$</c> or <c>\</c> in a value are literal. When <paramref name="resolve"/> returns null the
    /// placeholder is left as written; the caller records why (unknown name, empty name, unsupported kind...).
    /// </summary>
    public static string Substitute(string text, Func<Placeholder, string?> resolve)
    {
        // Stryker disable once Statement: Find throws the same ArgumentNullException for a null text.
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(resolve);
        var placeholders = Find(text);
        if (placeholders.Count == 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        var copied = 0;
        foreach (var p in placeholders)
        {
            var value = resolve(p);
            if (value is null)
            {
                continue;
            }

            sb.Append(text, copied, p.Start - copied).Append(value);
            copied = p.Start + p.Length;
        }

        return sb.Append(text, copied, text.Length - copied).ToString();
    }

    // Stryker disable once Linq: every kind has a prefix, so First and FirstOrDefault find the same one.
    internal static string Prefix(PlaceholderKind kind) => Prefixes.First(p => p.Kind == kind).Prefix;

    /// <summary>The index in <see cref="Prefixes"/> of the prefix written at <paramref name="dollar"/>, or -1.</summary>
    private static int PrefixAt(string text, int dollar)
    {
        for (var n = 0; n < Prefixes.Length; n++)
        {
            var prefix = Prefixes[n].Prefix;
            if (string.CompareOrdinal(text, dollar, prefix, 0, prefix.Length) == 0)
            {
                return n;
            }
        }

        return -1;
    }

    // Upstream trims with Java's String.trim: every char up to U+0020, not Unicode whitespace.
    private static string JavaTrim(string s)
    {
        var start = 0;
        var end = s.Length;
        while (start < end && s[start] <= ' ')
        {
            start++;
        }

        while (end > start && s[end - 1] <= ' ')
        {
            end--;
        }

        return s[start..end];
    }
}
