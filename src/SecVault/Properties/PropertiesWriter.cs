using System.Buffers;
using System.Globalization;
using System.Text;

namespace SecVault.Properties;

/// <summary>Writes .properties files: Java's <c>Properties.store</c> form and the <c>key = value</c> form of <c>mi secret create</c>.</summary>
internal static class PropertiesWriter
{
    private const string ValueHasLineBreak = "A value written verbatim must not hold a line break.";

    private static readonly SearchValues<char> KeyCharactersToEscape = SearchValues.Create("\t\n\r\f\\ =:#!\uFEFF");

    private static readonly string[] DayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    private static readonly string[] MonthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>
    /// The bytes Java's <c>Properties.store</c> writes for these entries in the given order: a <c>#</c> date line in
    /// UTC <c>Date.toString()</c> form, then <c>key=value</c> lines, ASCII with <c>\uXXXX</c> escapes.
    /// </summary>
    /// <param name="entries">Keys and values, written in this order.</param>
    /// <param name="now">The time written in the first comment line.</param>
    /// <param name="newLine">The line separator (the platform's, as Java writes it).</param>
    public static byte[] Store(IEnumerable<KeyValuePair<string, string>> entries, DateTimeOffset now, string newLine)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(newLine);
        if (newLine is not ("\n" or "\r\n" or "\r"))
        {
            throw new ArgumentException("The line separator must be LF, CRLF or CR.", nameof(newLine));
        }

        var sb = new StringBuilder();
        sb.Append('#').Append(JavaDateString(now)).Append(newLine);
        foreach (var (key, value) in entries)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(entries));
            ArgumentNullException.ThrowIfNull(value, nameof(entries));
            StoreEscape(sb, key, isKey: true);
            sb.Append('=');
            StoreEscape(sb, value, isKey: false);
            sb.Append(newLine);
        }

        // Every character is in U+0000-U+007E after escaping, so ASCII equals ISO-8859-1 here.
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    /// <summary>
    /// The <c>key = value</c> LF-terminated UTF-8 lines of <c>mi secret create -o file</c>: keys escaped, values
    /// (ciphertexts) written as they are.
    /// </summary>
    /// <param name="entries">Keys and single-line values, written in this order.</param>
    /// <exception cref="ArgumentException">A value holds a line break.</exception>
    public static byte[] WriteKeyValueLines(IEnumerable<KeyValuePair<string, string>> entries)
    {
        using var output = new MemoryStream();
        WriteKeyValueLines(output, entries);
        return output.ToArray();
    }

    /// <summary>Writes the lines of <see cref="WriteKeyValueLines(IEnumerable{KeyValuePair{string, string}})"/> to <paramref name="output"/> as the entries come.</summary>
    /// <exception cref="ArgumentException">A value holds a line break.</exception>
    public static void WriteKeyValueLines(Stream output, IEnumerable<KeyValuePair<string, string>> entries)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(entries);
        Span<byte> small = stackalloc byte[1024];
        foreach (var (key, value) in entries)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(entries));
            ArgumentNullException.ThrowIfNull(value, nameof(entries));
            if (value.AsSpan().ContainsAny('\r', '\n'))
            {
                throw new ArgumentException(ValueHasLineBreak, nameof(entries));
            }

            var length = Encoding.UTF8.GetByteCount(value);
            var rented = length <= small.Length ? null : ArrayPool<byte>.Shared.Rent(length);
            var utf8 = rented is null ? small[..length] : rented.AsSpan(0, length);
            Encoding.UTF8.GetBytes(value, utf8);
            WriteKeyValueLine(output, key, utf8);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Writes one line of <see cref="WriteKeyValueLines(IEnumerable{KeyValuePair{string, string}})"/> to
    /// <paramref name="output"/>: the key escaped, then <c> = </c>, the value's UTF-8 bytes as they are, and LF.
    /// </summary>
    /// <exception cref="ArgumentException">The value holds a line break.</exception>
    public static void WriteKeyValueLine(Stream output, string key, ReadOnlySpan<byte> utf8Value)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(key);
        if (utf8Value.ContainsAny((byte)'\r', (byte)'\n'))
        {
            throw new ArgumentException(ValueHasLineBreak, nameof(utf8Value));
        }

        var escaped = EscapeKey(key);
        var length = Encoding.UTF8.GetByteCount(escaped) + 3;
        var line = length <= 512 ? stackalloc byte[length] : new byte[length];
        var written = Encoding.UTF8.GetBytes(escaped, line);
        " = "u8.CopyTo(line[written..]);
        output.Write(line);
        output.Write(utf8Value);
        output.WriteByte((byte)'\n');
    }

    /// <summary>
    /// A key as the <c>key = value</c> form writes it: the characters a .properties reader would take as a separator,
    /// comment, escape or line end are escaped, as is a leading byte-order mark; the key itself when none is there.
    /// </summary>
    private static string EscapeKey(string key)
    {
        if (key.AsSpan().IndexOfAny(KeyCharactersToEscape) < 0)
        {
            return key;
        }

        var escaped = new StringBuilder(key.Length + 8);
        foreach (var c in key)
        {
            switch (c)
            {
                case '\t': escaped.Append("\\t"); break;
                case '\n': escaped.Append("\\n"); break;
                case '\r': escaped.Append("\\r"); break;
                case '\f': escaped.Append("\\f"); break;
                case '\\' or ' ' or '=' or ':' or '#' or '!': escaped.Append('\\').Append(c); break;

                // Found by fuzzing: a key starting with U+FEFF on the first line would read back as a byte-order mark.
                case '\uFEFF': escaped.Append("\\uFEFF"); break;
                default: escaped.Append(c); break;
            }
        }

        return escaped.ToString();
    }

    /// <summary>
    /// True when both files are byte-for-byte equal, or both start with a <c>#</c> comment line and are equal after it,
    /// so a rewrite that would change only the date line can be skipped.
    /// </summary>
    public static bool SameExceptDateLine(byte[] a, byte[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.AsSpan().StartsWith("#"u8) != b.AsSpan().StartsWith("#"u8))
        {
            return false;
        }

        return AfterFirstCommentLine(a).SequenceEqual(AfterFirstCommentLine(b));
    }

    /// <summary>Java's <c>Date.toString()</c> in UTC: <c>Thu Nov 27 22:51:03 UTC 2025</c>.</summary>
    internal static string JavaDateString(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{DayNames[(int)utc.DayOfWeek]} {MonthNames[utc.Month - 1]} {utc.Day:00} {utc:HH:mm:ss} UTC {utc.Year}");
    }

    private static ReadOnlySpan<byte> AfterFirstCommentLine(byte[] bytes)
    {
        if (bytes.Length == 0 || bytes[0] != (byte)'#')
        {
            return bytes;
        }

        var end = bytes.AsSpan().IndexOfAny((byte)'\n', (byte)'\r');

        // Stryker disable once Equality: bytes[0] is '#', so a line break is never at 0.
        if (end < 0)
        {
            return [];
        }

        if (bytes[end] == '\r' && end + 1 < bytes.Length && bytes[end + 1] == '\n')
        {
            end++;
        }

        return bytes.AsSpan(end + 1);
    }

    private static void StoreEscape(StringBuilder sb, string s, bool isKey)
    {
        for (var x = 0; x < s.Length; x++)
        {
            var c = s[x];
            if (c > 61 && c < 127)
            {
                if (c == '\\')
                {
                    sb.Append('\\');
                }

                sb.Append(c);
                continue;
            }

            switch (c)
            {
                case ' ':
                    sb.Append(x == 0 || isKey ? "\\ " : " ");
                    break;
                case '\t': sb.Append("\\t"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\f': sb.Append("\\f"); break;
                case '=' or ':' or '#' or '!': sb.Append('\\').Append(c); break;
                default:
                    // Stryker disable once Equality: ' ' and '~' never get here (the case above and the ASCII fast path).
                    if (c < 0x20 || c > 0x7E)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }
    }
}
