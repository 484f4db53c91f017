using System.Buffers;
using System.Globalization;
using System.Text;

namespace SecVault.Toml;

/// <summary>Reads keys and values back from source that <see cref="TomlReader"/> has already checked.</summary>
internal static class TomlSource
{
    internal static bool IsBareKeyByte(byte b) => b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'_' or (byte)'-';

    internal static int HexValue(byte b) => DigitValue(b, 16);

    /// <summary>The value of digit <paramref name="b"/> in <paramref name="radix"/> (2, 8, 10 or 16), or -1.</summary>
    internal static int DigitValue(byte b, int radix)
    {
        var value = b switch
        {
            >= (byte)'0' and <= (byte)'9' => b - '0',
            >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
            >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
            _ => -1,
        };
        return value < radix ? value : -1;
    }

    /// <summary>The decoded UTF-8 bytes of the key part at <paramref name="offset"/>; quoted keys with escapes are decoded into <paramref name="scratch"/>.</summary>
    internal static ReadOnlySpan<byte> KeyBytes(byte[] source, int offset, ref byte[] scratch)
    {
        var quote = source[offset];
        if (quote == '\'')
        {
            var length = source.AsSpan(offset + 1).IndexOf((byte)'\'');
            return source.AsSpan(offset + 1, length);
        }

        if (quote == '"')
        {
            var end = offset + 1;
            while (source[end] != '"')
            {
                end += source[end] == '\\' ? 2 : 1;
            }

            var raw = source.AsSpan(offset + 1, end - offset - 1);
            // Stryker disable once Block: decoding a key without escapes gives the same bytes; this only skips the copy.
            if (!raw.Contains((byte)'\\'))
            {
                return raw;
            }

            // Stryker disable once Equality: a scratch of exactly the length is as good as a new one.
            if (scratch.Length < raw.Length)
            {
                scratch = new byte[raw.Length];
            }

            return scratch.AsSpan(0, Unescape(raw, scratch));
        }

        var bare = offset;
        // Stryker disable once Equality: a bare key is always followed by '=', '.', ']' or a blank, never by the end.
        while (bare < source.Length && IsBareKeyByte(source[bare]))
        {
            bare++;
        }

        return source.AsSpan(offset, bare - offset);
    }

    internal static string KeyString(byte[] source, int offset)
    {
        byte[] scratch = [];
        return Encoding.UTF8.GetString(KeyBytes(source, offset, ref scratch));
    }

    /// <summary>Whether the key part at <paramref name="offset"/> (a key's offset, not an array index) decodes to <paramref name="key"/>.</summary>
    internal static bool KeyEquals(byte[] source, int offset, string key)
    {
        byte[] scratch = [];
        return KeyBytes(source, offset, ref scratch).SequenceEqual(Encoding.UTF8.GetBytes(key));
    }

    /// <summary>The text of the string literal at [<paramref name="start"/>, +<paramref name="length"/>) of any of the four forms.</summary>
    internal static string DecodeString(byte[] source, int start, int length)
    {
        var literal = source.AsSpan(start, length);
        var quote = literal[0];
        var multiLine = length >= 6 && literal[1] == quote && literal[2] == quote;
        var content = multiLine ? literal[3..^3] : literal[1..^1];
        if (multiLine)
        {
            // A line break right after the opening quotes is not part of the value.
            content = content.StartsWith("\r\n"u8) ? content[2..] : content.StartsWith("\n"u8) ? content[1..] : content;
        }

        if (quote == '\'' || !content.Contains((byte)'\\'))
        {
            return Encoding.UTF8.GetString(content);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(content.Length);
        try
        {
            return Encoding.UTF8.GetString(buffer, 0, Unescape(content, buffer));
        }
        finally
        {
            // The value may be a secret. Neither call changes the decoded text: they clear and give back the buffer.
            // Stryker disable once Statement: zeroing is hygiene, not output.
            Array.Clear(buffer, 0, content.Length);
            // Stryker disable once Statement: a buffer not returned is collected instead.
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Decodes the escapes of checked basic-string content into <paramref name="output"/>; returns the byte count.</summary>
    private static int Unescape(ReadOnlySpan<byte> content, Span<byte> output)
    {
        var written = 0;
        for (var i = 0; i < content.Length; i++)
        {
            var b = content[i];
            if (b != '\\')
            {
                output[written++] = b;
                continue;
            }

            var next = content[++i];
            switch (next)
            {
                case (byte)'b': output[written++] = (byte)'\b'; break;
                case (byte)'t': output[written++] = (byte)'\t'; break;
                case (byte)'n': output[written++] = (byte)'\n'; break;
                case (byte)'f': output[written++] = (byte)'\f'; break;
                case (byte)'r': output[written++] = (byte)'\r'; break;
                case (byte)'"': output[written++] = (byte)'"'; break;
                case (byte)'\\': output[written++] = (byte)'\\'; break;
                case (byte)'u' or (byte)'U':
                    var digits = next == 'u' ? 4 : 8;
                    var scalar = 0;
                    for (var d = 1; d <= digits; d++)
                    {
                        scalar = (scalar << 4) | HexValue(content[i + d]);
                    }

                    i += digits;
                    written += new Rune(scalar).EncodeToUtf8(output[written..]);
                    break;
                default:
                    // A backslash ending its line, which the reader allows only in a multi-line string: skip the blanks
                    // and line breaks after it.
                    while (i < content.Length && content[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
                    {
                        i++;
                    }

                    i--;
                    break;
            }
        }

        return written;
    }

    /// <summary>Parses a checked TOML integer (sign, underscores, 0x/0o/0b); false when it does not fit in 64 bits.</summary>
    internal static bool TryParseInteger(ReadOnlySpan<byte> literal, out long value)
    {
        var negative = literal[0] == '-';
        if (literal[0] is (byte)'+' or (byte)'-')
        {
            literal = literal[1..];
        }

        // Stryker disable once Equality: the reader lets no two-character integer start with '0' ("0x" alone, "00" are refused).
        var radix = literal.Length > 2 && literal[0] == '0' ? literal[1] switch { (byte)'x' => 16, (byte)'o' => 8, (byte)'b' => 2, _ => 10 } : 10;
        if (radix != 10)
        {
            literal = literal[2..];
        }

        // Accumulate as a negative number, whose range is one larger, so long.MinValue parses.
        long total = 0;
        value = 0;
        foreach (var b in literal)
        {
            if (b == '_')
            {
                continue;
            }

            var digit = DigitValue(b, radix);
            if (total < (long.MinValue + digit) / radix)
            {
                return false;
            }

            total = (total * radix) - digit;
        }

        if (!negative && total == long.MinValue)
        {
            return false;
        }

        value = negative ? total : -total;
        return true;
    }

    /// <summary>Parses a checked TOML float (underscores, inf, nan).</summary>
    internal static double ParseFloat(ReadOnlySpan<byte> literal)
    {
        var negative = literal[0] == '-';
        var body = literal[0] is (byte)'+' or (byte)'-' ? literal[1..] : literal;
        if (body.SequenceEqual("inf"u8))
        {
            return negative ? double.NegativeInfinity : double.PositiveInfinity;
        }

        if (body.SequenceEqual("nan"u8))
        {
            return double.NaN;
        }

        // Stryker disable once Equality,Conditional: where the buffer lives (stack or heap) is not observable; both lengths are tested.
        Span<byte> digits = literal.Length <= 256 ? stackalloc byte[literal.Length] : new byte[literal.Length];
        var count = 0;
        foreach (var b in literal)
        {
            if (b != '_')
            {
                digits[count++] = b;
            }
        }

        return double.Parse(digits[..count], NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>The type name of an array, for messages.</summary>
    internal const string ArrayKindName = "array";

    internal static string KindName(TomlValueKind kind) => kind switch
    {
        TomlValueKind.String => "string",
        TomlValueKind.Integer => "integer",
        TomlValueKind.Float => "float",
        TomlValueKind.Boolean => "boolean",
        TomlValueKind.OffsetDateTime => "offset date-time",
        TomlValueKind.LocalDateTime => "local date-time",
        TomlValueKind.LocalDate => "local date",
        _ => "local time",
    };
}
