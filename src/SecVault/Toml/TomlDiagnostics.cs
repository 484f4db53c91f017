using System.Text.RegularExpressions;
using Tomlyn.Syntax;

namespace SecVault.Toml;

/// <summary>Turns Tomlyn diagnostics into <see cref="TomlDocumentException"/>s whose text never quotes a value.</summary>
internal static partial class TomlDiagnostics
{
    private static readonly HashSet<string> SafeWords = new(StringComparer.Ordinal)
    {
        "newline", "eof", "<eof>", "end-of-line", "end-of-file", "comma", "true", "false",
    };

    internal static TomlDocumentException FromDiagnostic(DiagnosticMessage diagnostic, string displayPath)
    {
        var line = diagnostic.Span.Start.Line + 1;
        var column = diagnostic.Span.Start.Column + 1;
        var message = diagnostic.Message ?? string.Empty;
        var duplicate = DuplicateKeyPattern().Match(message);
        if (duplicate.Success)
        {
            return new TomlDocumentException(
                TomlErrorKind.DuplicateKey,
                displayPath,
                line,
                column,
                Messages.TomlDuplicateKey(duplicate.Groups["key"].Value, int.Parse(duplicate.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(duplicate.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture)),
                hint: Messages.TomlSyntaxHint);
        }

        var kind = IsDuplicate(message) ? TomlErrorKind.DuplicateKey : TomlErrorKind.Syntax;
        return new TomlDocumentException(kind, displayPath, line, column, Redact(message), hint: Messages.TomlSyntaxHint);
    }

    internal static TomlDocumentException FromException(Tomlyn.TomlException exception, string displayPath)
    {
        var span = exception.Span;
        var line = span is { } s ? s.Start.Line + 1 : 1;
        var column = span is { } c ? c.Start.Column + 1 : 1;
        return new TomlDocumentException(TomlErrorKind.Syntax, displayPath, line, column, Redact(exception.Message), hint: Messages.TomlSyntaxHint);
    }

    /// <summary>True for Tomlyn's "key is already defined" diagnostic.</summary>
    internal static bool IsDuplicateKey(DiagnosticMessage diagnostic) => DuplicateKeyPattern().IsMatch(diagnostic.Message ?? string.Empty);

    /// <summary>
    /// Drops duplicate-key diagnostics for keys that are defined once. Tomlyn 2.10's validator tells key paths apart by
    /// their hash codes, so two different keys of a large file (tens of thousands of keys) can collide and be reported
    /// as one key defined twice; the walked leaves show whether the key really repeats. Tomlyn names a key of an array
    /// of tables without the index of the first element and with <c>[n]</c> for the others (<c>d.x.a</c>,
    /// <c>d.[1].x.a</c>), where a leaf's path reads <c>d.0.x.a</c>, <c>d.1.x.a</c>.
    /// </summary>
    internal static List<DiagnosticMessage> WithoutFalseDuplicates(IEnumerable<DiagnosticMessage> diagnostics, IReadOnlyList<TomlLeaf> leaves)
    {
        var all = diagnostics.ToList();
        var reported = new Dictionary<string, List<string[]>>(StringComparer.Ordinal);
        foreach (var diagnostic in all)
        {
            if (DuplicateKeyPattern().Match(diagnostic.Message ?? string.Empty) is { Success: true } match)
            {
                var key = match.Groups["key"].Value.Split('.');
                if (!reported.TryGetValue(key[^1], out var keys))
                {
                    reported[key[^1]] = keys = [];
                }

                keys.Add(key);
            }
        }

        // Only leaves whose last key is a reported one are compared, so this stays linear on a huge file.
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var leaf in leaves)
        {
            var last = leaf.PathSegments[^1];
            if (reported.TryGetValue(last[(last.LastIndexOf('.') + 1)..], out var keys))
            {
                var path = leaf.DottedPath.Split('.');
                foreach (var key in keys.Where(k => SamePath(k, 0, path, 0)))
                {
                    var joined = string.Join('.', key);
                    counts[joined] = counts.GetValueOrDefault(joined) + 1;
                }
            }
        }

        return all
            .Where(d => DuplicateKeyPattern().Match(d.Message ?? string.Empty) is not { Success: true } match
                || counts.GetValueOrDefault(match.Groups["key"].Value) != 1)
            .ToList();
    }

    /// <summary>True when Tomlyn's key segments from <paramref name="k"/> name the leaf path segments from <paramref name="p"/>.</summary>
    private static bool SamePath(string[] key, int k, string[] path, int p)
    {
        if (k == key.Length || p == path.Length)
        {
            return k == key.Length && p == path.Length;
        }

        var segment = key[k];
        var index = segment.Length > 2 && segment[0] == '[' && segment[^1] == ']' ? segment[1..^1] : null;
        return (string.Equals(index ?? segment, path[p], StringComparison.Ordinal) && SamePath(key, k + 1, path, p + 1))
            || (path[p] == "0" && SamePath(key, k, path, p + 1));
    }

    private static bool IsDuplicate(string message) =>
        message.Contains("already defined", StringComparison.OrdinalIgnoreCase)
        || message.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase)
        || message.Contains("cannot be extended", StringComparison.OrdinalIgnoreCase)
        || message.Contains("Cannot extend", StringComparison.OrdinalIgnoreCase)
        || message.Contains("redefine", StringComparison.OrdinalIgnoreCase);

    /// <summary>Replaces quoted source text (even one char of it may belong to a secret) by an ellipsis; punctuation and token names stay.</summary>
    internal static string Redact(string message)
    {
        var redacted = QuotedPattern().Replace(message, match =>
        {
            var inner = match.Groups["inner"].Value;
            var safe = SafeWords.Contains(inner) || !inner.Any(char.IsLetterOrDigit);
            return safe ? match.Value : match.Value[0] + "…" + match.Value[^1];
        });
        return redacted.TrimEnd('.', ' ');
    }

    [GeneratedRegex(@"^The key `(?<key>.*)` is already defined at \((?<line>\d+),(?<column>\d+)\)", RegexOptions.Singleline)]
    private static partial Regex DuplicateKeyPattern();

    [GeneratedRegex(@"`(?<inner>[^`]*)`|\[(?<inner>[^\]]*)\]")]
    private static partial Regex QuotedPattern();
}
