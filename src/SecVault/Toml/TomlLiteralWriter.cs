using System.Globalization;
using System.Text;

namespace SecVault.Toml;

/// <summary>Writes a string value as a TOML string literal.</summary>
internal static class TomlLiteralWriter
{
    /// <summary>The new literal for a value replacing a literal that quoted as <paramref name="original"/>.</summary>
    internal static string Write(string value, ReplacementStyle style, LiteralQuoting original)
    {
        if (style == ReplacementStyle.KeepQuoting && original == LiteralQuoting.Literal && CanBeLiteral(value))
        {
            return "'" + value + "'";
        }

        return Basic(value);
    }

    /// <summary>
    /// Writes into <paramref name="literal"/> (two bytes longer than <paramref name="value"/>) the literal
    /// <see cref="Write"/> makes of a value of printable ASCII with no quote or backslash, which needs no escape in
    /// either quoting: the value between two <c>'</c> or two <c>"</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The value holds another byte.</exception>
    internal static void WritePlain(ReadOnlySpan<byte> value, ReplacementStyle style, LiteralQuoting original, Span<byte> literal)
    {
        if (value.IndexOfAnyExceptInRange((byte)' ', (byte)'~') >= 0 || value.IndexOfAny("\"'\\"u8) >= 0)
        {
            throw new ArgumentException("the value must be printable ASCII with no quote or backslash", nameof(value));
        }

        var quote = style == ReplacementStyle.KeepQuoting && original == LiteralQuoting.Literal ? (byte)'\'' : (byte)'"';
        literal[0] = quote;
        value.CopyTo(literal[1..]);
        literal[value.Length + 1] = quote;
    }

    /// <summary>A TOML basic string: quotes, backslashes and control characters escaped, everything else verbatim.</summary>
    internal static string Basic(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\t': builder.Append("\\t"); break;
                case '\n': builder.Append("\\n"); break;
                case '\f': builder.Append("\\f"); break;
                case '\r': builder.Append("\\r"); break;
                case < ' ' or '\u007f':
                    builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    break;
                default: builder.Append(c); break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>True when a single-line literal string ('…') can hold the value unchanged.</summary>
    internal static bool CanBeLiteral(string value)
    {
        foreach (var c in value)
        {
            if (c == '\'' || (c < ' ' && c != '\t') || c == '\u007f')
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>The quoting of an existing string literal.</summary>
internal enum LiteralQuoting
{
    /// <summary>"…" or """…""": replaced alike, by a one-line basic string.</summary>
    Basic,

    /// <summary>'…': kept when the new value can be one.</summary>
    Literal,

    /// <summary>'''…''': replaced by a one-line basic string.</summary>
    MultiLineLiteral,
}
