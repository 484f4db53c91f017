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
        if (!text.Contains('$', StringComparison.Ordinal))
        {
            return [];
        }

        var found = new List<Placeholder>();
        var i = 0;
        while (i < text.Length)
        {
            var dollar = text.IndexOf('$', i);
            if (dollar < 0)
            {
                break;
            }

            var match = MatchPrefix(text, dollar);
            if (match is not { } m)
            {
                i = dollar + 1;
                continue;
            }

            var nameStart = dollar + m.Prefix.Length;
            var close = text.IndexOf('}', nameStart);
            if (close < 0)
            {
                // No closing brace anywhere after: the rest is literal and cannot hold a placeholder either.
                break;
            }

            var raw = text[nameStart..close];
            found.Add(new Placeholder(m.Kind, JavaTrim(raw), raw, dollar, close + 1 - dollar));
            i = close + 1;
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

    internal static string Prefix(PlaceholderKind kind) => Prefixes.First(p => p.Kind == kind).Prefix;

    private static (string Prefix, PlaceholderKind Kind)? MatchPrefix(string text, int dollar)
    {
        foreach (var p in Prefixes)
        {
            if (string.CompareOrdinal(text, dollar, p.Prefix, 0, p.Prefix.Length) == 0)
            {
                return p;
            }
        }

        return null;
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
