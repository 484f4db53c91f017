using System.Text;
using SecVault.Diagnostics;
using SecVault.Placeholders;
using SecVault.Toml;

namespace SecVault.Resolution;

/// <summary>A resolved string: its value, the value with every substituted secret masked, and whether it holds one.</summary>
internal readonly record struct ResolvedText(string Plain, string Masked, bool ContainsSecret);

/// <summary>
/// Resolves the strings of a deployment.toml with MI's config-mapper meaning of <c>$ref{a.b.c}</c>: the value of another
/// key (table path + key, dotted; a segment may be quoted), after that value's own placeholders, else MI's default for
/// the key (<see cref="MiDefaults"/>). Every other placeholder goes to the caller's resolver. Each key is resolved
/// once; cycles and dangling references are reported at the referring value, naming the key.
/// </summary>
internal sealed class ConfigReferences
{
    private readonly DeploymentToml _document;
    private readonly Func<Placeholder, TomlLeaf, string?> _resolveOther;
    private readonly Action<Problem> _report;
    private readonly Dictionary<string, ResolvedText?> _done = new(StringComparer.Ordinal);
    private readonly List<(string Key, string Name, TomlLeaf? Leaf)> _inProgress = [];

    /// <summary>
    /// Prepares resolution of <paramref name="document"/>. <paramref name="resolveOther"/> gives the value of a
    /// <c>$secret{}</c>, <c>$env{}</c> or <c>$sys{}</c> found in a value (or null, having reported why);
    /// <paramref name="report"/> receives the reference problems.
    /// </summary>
    public ConfigReferences(DeploymentToml document, Func<Placeholder, TomlLeaf, string?> resolveOther, Action<Problem> report)
    {
        _document = document;
        _resolveOther = resolveOther;
        _report = report;
    }

    /// <summary>The resolved form of the string <paramref name="leaf"/>, or null when a placeholder of it (or of a value it references) failed.</summary>
    public ResolvedText? Resolve(TomlLeaf leaf)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        return ResolveText(Join(leaf.PathSegments), leaf.DottedPath, leaf.ConfigurationValue, leaf, leaf);
    }

    /// <summary>Splits a reference name into key segments: dots separate, blanks around a segment are dropped, <c>'…'</c> and <c>"…"</c> quote.</summary>
    internal static List<string> ParseKey(string name)
    {
        var segments = new List<string>();
        var i = 0;
        while (true)
        {
            while (i < name.Length && name[i] is ' ' or '\t')
            {
                i++;
            }

            var segment = new StringBuilder();
            if (i < name.Length && name[i] is '\'' or '"' && name.IndexOf(name[i], i + 1) is var close and > 0)
            {
                segment.Append(name, i + 1, close - i - 1);
                i = close + 1;
            }

            // Text up to the next dot belongs to the segment; after a quoted part anything but blanks makes it unmatchable.
            var dot = name.IndexOf('.', i);
            var end = dot < 0 ? name.Length : dot;
            segment.Append(name.AsSpan(i, end - i).TrimEnd(" \t"));
            segments.Add(segment.ToString());
            if (dot < 0)
            {
                return segments;
            }

            i = dot + 1;
        }
    }

    private static string Join(IEnumerable<string> segments) => string.Join('\0', segments);

    private ResolvedText? ResolveText(string key, string name, string text, TomlLeaf? leaf, TomlLeaf origin)
    {
        if (_done.TryGetValue(key, out var done))
        {
            return done;
        }

        var placeholders = PlaceholderParser.Find(text);
        if (placeholders.Count == 0)
        {
            return _done[key] = new ResolvedText(text, text, false);
        }

        // A default has no position of its own: its problems are shown at the value that referenced it.
        var at = leaf ?? origin;
        _inProgress.Add((key, name, leaf));
        var failed = false;
        var containsSecret = false;
        var plain = new StringBuilder(text.Length);
        var masked = new StringBuilder(text.Length);
        var copied = 0;
        foreach (var placeholder in placeholders)
        {
            string? value, shown;
            if (placeholder.Kind == PlaceholderKind.Ref)
            {
                var referenced = Reference(placeholder, at);
                value = referenced?.Plain;
                shown = referenced?.Masked;
                // Stryker disable once Boolean: a reference that gave nothing fails the whole value, so the flag is not read then
                containsSecret |= referenced?.ContainsSecret ?? false;
            }
            else
            {
                value = _resolveOther(placeholder, at);
                var secret = placeholder.Kind == PlaceholderKind.Secret;
                shown = secret ? ResolvedConfiguration.Mask : value;
                containsSecret |= secret && value is not null;
            }

            if (value is null)
            {
                failed = true;
                // Stryker disable once Statement: a failed value is thrown away whole, so what is appended after it does not matter
                continue;
            }

            plain.Append(text, copied, placeholder.Start - copied).Append(value);
            masked.Append(text, copied, placeholder.Start - copied).Append(shown);
            copied = placeholder.Start + placeholder.Length;
        }

        _inProgress.RemoveAt(_inProgress.Count - 1);
        plain.Append(text, copied, text.Length - copied);
        masked.Append(text, copied, text.Length - copied);
        return _done[key] = failed ? null : new ResolvedText(plain.ToString(), masked.ToString(), containsSecret);
    }

    private ResolvedText? Reference(Placeholder placeholder, TomlLeaf at)
    {
        if (placeholder.IsEmptyName)
        {
            Report(at, placeholder.Name, DiagnosticsText.EmptyPlaceholderName(placeholder.Text));
            return null;
        }

        var segments = ParseKey(placeholder.Name);
        var key = Join(segments);
        var cycleStart = _inProgress.FindIndex(p => p.Key == key);
        if (cycleStart >= 0)
        {
            var first = _inProgress[cycleStart];
            Report(first.Leaf ?? at, first.Name, ResolutionText.ReferenceCycle([.. _inProgress.Skip(cycleStart).Select(p => p.Name), first.Name]));
            return null;
        }

        var leaf = _document.FindLeaf(segments, out var isContainer);
        if (leaf is not null)
        {
            if (leaf.InSecrets)
            {
                Report(at, placeholder.Name, ResolutionText.ReferenceIntoSecrets(placeholder.Text, string.Join('.', leaf.PathSegments.Skip(1))));
                return null;
            }

            return leaf.StringValue is { } text
                ? ResolveText(key, placeholder.Name, text, leaf, at)
                : new ResolvedText(leaf.ConfigurationValue, leaf.ConfigurationValue, false);
        }

        if (isContainer)
        {
            Report(at, placeholder.Name, segments[0] == "secrets"
                ? ResolutionText.ReferenceIntoSecrets(placeholder.Text, string.Join('.', segments.Skip(1)))
                : ResolutionText.ReferenceNotAValue(placeholder.Text, placeholder.Name));
            return null;
        }

        if (MiDefaults.Values.TryGetValue(string.Join('.', segments), out var fallback))
        {
            return ResolveText(key, placeholder.Name, fallback, null, at);
        }

        Report(at, placeholder.Name, ResolutionText.ReferenceDangling(placeholder.Text, placeholder.Name));
        return null;
    }

    private void Report(TomlLeaf at, string subject, string message) =>
        _report(new Problem(ProblemSeverity.Error, _document.DisplayPath, at.Line, at.Column, subject, message));
}
