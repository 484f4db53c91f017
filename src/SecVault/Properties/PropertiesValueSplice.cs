using System.Text;

namespace SecVault.Properties;

/// <summary>
/// Replaces values of a .properties file in place, keeping every other byte: comments, blank lines, order, key
/// spelling, separators, a byte-order mark and each line's own terminator (LF, CR or CRLF).
/// </summary>
internal static class PropertiesValueSplice
{
    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>One value to replace: the entry starting at physical line <paramref name="Line"/> (1-based) whose value is <paramref name="OldValue"/>.</summary>
    internal sealed record Replacement(int Line, string Key, string OldValue, string NewValue);

    /// <summary>
    /// The file with each replacement applied. A value written verbatim at the end of its single physical line is
    /// swapped for the new one and nothing else on the line changes; a value spread over continuation lines or
    /// written with escapes becomes one line <c>key = value</c> (as <see cref="PropertiesWriter"/> writes it) ending in
    /// the terminator of the entry's last physical line. New values must need no escaping (base64 text).
    /// </summary>
    public static byte[] Apply(ReadOnlySpan<byte> content, IReadOnlyList<Replacement> replacements)
    {
        ArgumentNullException.ThrowIfNull(replacements);
        var lines = PhysicalLines(content);
        var byLine = replacements.ToDictionary(r => r.Line);
        var output = new MemoryStream(content.Length + 64);
        for (var i = 0; i < lines.Count; i++)
        {
            var (start, contentEnd, end) = lines[i];
            if (!byLine.TryGetValue(i + 1, out var replacement))
            {
                output.Write(content[start..end]);
                continue;
            }

            var text = content[start..contentEnd];
            var oldValue = Encoding.UTF8.GetBytes(replacement.OldValue);
            if (!Continues(text) && !replacement.OldValue.Contains('\\', StringComparison.Ordinal) && text.EndsWith(oldValue)
                && !Continues(text[..^oldValue.Length]))
            {
                // Verbatim: the value's bytes end the line and no backslash before them escapes their first character
                // (`k=\Zabc` reads as "Zabc" but is not written verbatim).
                output.Write(text[..^oldValue.Length]);
                output.Write(Encoding.UTF8.GetBytes(replacement.NewValue));
                output.Write(content[contentEnd..end]);
                continue;
            }

            // The entry's physical lines: this one and every continuation after it (a blank line ends it, as in Java).
            var last = i;
            while (Continues(content[lines[last].Start..lines[last].ContentEnd]) && last + 1 < lines.Count
                && !IsBlank(content[lines[last + 1].Start..lines[last + 1].ContentEnd]))
            {
                last++;
            }

            if (i == 0 && content.StartsWith(Utf8ByteOrderMark))
            {
                output.Write(Utf8ByteOrderMark);
            }

            var single = PropertiesWriter.WriteKeyValueLines([KeyValuePair.Create(replacement.Key, replacement.NewValue)]);
            output.Write(single.AsSpan(0, single.Length - 1));
            output.Write(content[lines[last].ContentEnd..lines[last].End]);
            i = last;
        }

        return output.ToArray();
    }

    private static bool Continues(ReadOnlySpan<byte> line)
    {
        var backslashes = 0;
        for (var j = line.Length - 1; j >= 0 && line[j] == (byte)'\\'; j--)
        {
            backslashes++;
        }

        return backslashes % 2 == 1;
    }

    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (var b in line)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\f'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Physical lines as <see cref="PropertiesReader"/> splits them (LF, CR or CRLF): start, end of content, end with terminator.</summary>
    private static List<(int Start, int ContentEnd, int End)> PhysicalLines(ReadOnlySpan<byte> content)
    {
        var lines = new List<(int, int, int)>();
        var start = 0;
        while (start < content.Length)
        {
            var contentEnd = start;
            while (contentEnd < content.Length && content[contentEnd] is not ((byte)'\n' or (byte)'\r'))
            {
                contentEnd++;
            }

            var end = contentEnd;
            if (end < content.Length && content[end] == (byte)'\r')
            {
                end++;
            }

            if (end < content.Length && content[end] == (byte)'\n' && (end == contentEnd || content[end - 1] == (byte)'\r'))
            {
                end++;
            }

            lines.Add((start, contentEnd, end));
            start = end;
        }

        return lines;
    }
}
