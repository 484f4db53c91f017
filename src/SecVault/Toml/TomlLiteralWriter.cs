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
    Basic,
    Literal,
    MultiLineBasic,
    MultiLineLiteral,
}
