namespace SecVault.Toml;

/// <summary>Checks the literal forms of TOML 1.0: strings, integers, floats, booleans, dates and times.</summary>
internal sealed partial class TomlReader
{
    /// <summary>Scans one string of any of the four forms, from its opening quote to just past its closing one.</summary>
    private void ScanString()
    {
        var quote = _src[_pos];
        var multiLine = _pos + 2 < _end && _src[_pos + 1] == quote && _src[_pos + 2] == quote;
        if (multiLine)
        {
            ScanMultiLineString(quote);
            return;
        }

        for (_pos++; _pos < _end; _pos++)
        {
            var b = _src[_pos];
            if (b == quote)
            {
                _pos++;
                return;
            }

            if (b is (byte)'\n' or (byte)'\r')
            {
                throw Syntax(TomlText.UnclosedString);
            }

            if (b is (< 0x20 and not (byte)'\t') or 0x7F)
            {
                throw Syntax(TomlText.ControlCharacter);
            }

            if (b == '\\' && quote == '"')
            {
                ScanEscape();
            }
        }

        throw Syntax(TomlText.UnclosedString);
    }

    private void ScanMultiLineString(byte quote)
    {
        var opening = _pos;
        _pos += 3;
        while (_pos < _end)
        {
            var b = _src[_pos];
            if (b == quote)
            {
                var run = 0;
                while (_pos + run < _end && _src[_pos + run] == quote)
                {
                    run++;
                }

                if (run >= 3)
                {
                    // Up to two quotes may end the content: """a""""" is a + two quotes.
                    if (run > 5)
                    {
                        _pos += 5;
                        throw Syntax(TomlText.TooManyQuotes);
                    }

                    _pos += run;
                    return;
                }

                _pos += run;
            }
            else if (b is (byte)'\n' or (byte)'\r')
            {
                TakeNewLine();
            }
            else if (b is (< 0x20 and not (byte)'\t') or 0x7F)
            {
                throw Syntax(TomlText.ControlCharacter);
            }
            else if (b == '\\' && quote == '"')
            {
                ScanMultiLineEscape();
            }
            else
            {
                _pos++;
            }
        }

        throw SyntaxAt(opening, TomlText.UnclosedMultiLineString);
    }

    /// <summary>In a multi-line basic string, a backslash that ends its line (spaces may follow it) trims the line break and the blanks after it.</summary>
    private void ScanMultiLineEscape()
    {
        var after = _pos + 1;
        while (after < _end && _src[after] is (byte)' ' or (byte)'\t')
        {
            after++;
        }

        if (after < _end && _src[after] is (byte)'\n' or (byte)'\r')
        {
            // Decoding does the trimming; the blanks and line breaks up to the next text are ones the string's own loop
            // takes as they are.
            _pos = after;
            return;
        }

        ScanEscape();
        _pos++;
    }

    /// <summary>Checks the escape at <see cref="_pos"/> (on its backslash) and leaves <see cref="_pos"/> on its last byte.</summary>
    private void ScanEscape()
    {
        var escape = _pos;
        _pos++;
        if (_pos >= _end)
        {
            throw SyntaxAt(escape, TomlText.InvalidEscape);
        }

        var digits = _src[_pos] switch
        {
            (byte)'b' or (byte)'t' or (byte)'n' or (byte)'f' or (byte)'r' or (byte)'"' or (byte)'\\' => 0,
            (byte)'u' => 4,
            (byte)'U' => 8,
            _ => throw SyntaxAt(escape, TomlText.InvalidEscape),
        };
        if (digits == 0)
        {
            return;
        }

        var value = 0L;
        for (var i = 1; i <= digits; i++)
        {
            var d = _pos + i < _end ? TomlSource.HexValue(_src[_pos + i]) : -1;
            if (d < 0)
            {
                throw SyntaxAt(escape, TomlText.InvalidEscape);
            }

            value = (value << 4) | (uint)d;
        }

        if (value > 0x10FFFF || value is >= 0xD800 and <= 0xDFFF)
        {
            throw SyntaxAt(escape, TomlText.InvalidCodePoint);
        }

        _pos += digits;
    }

    /// <summary>Scans a boolean, number, date or time and returns its kind.</summary>
    private TomlValueKind ScanScalar()
    {
        var start = _pos;
        var b = _src[_pos];
        if (b is (byte)'t' or (byte)'f')
        {
            return TakeWord(b == 't' ? "true"u8 : "false"u8) ? TomlValueKind.Boolean : throw SyntaxAt(start, TomlText.ExpectedValue);
        }

        if (b is (byte)'+' or (byte)'-')
        {
            _pos++;
            if (_pos < _end && _src[_pos] is (byte)'i' or (byte)'n')
            {
                return TakeWord(_src[_pos] == 'i' ? "inf"u8 : "nan"u8) ? TomlValueKind.Float : throw SyntaxAt(start, TomlText.InvalidNumber);
            }

            if (_pos >= _end || !IsDigit(_src[_pos]))
            {
                throw SyntaxAt(start, TomlText.InvalidNumber);
            }

            if (_src[_pos] == '0' && _pos + 1 < _end && _src[_pos + 1] is (byte)'x' or (byte)'o' or (byte)'b')
            {
                throw SyntaxAt(start, TomlText.InvalidNumber);
            }

            return ScanDecimal(start);
        }

        if (b is (byte)'i' or (byte)'n')
        {
            return TakeWord(b == 'i' ? "inf"u8 : "nan"u8) ? TomlValueKind.Float : throw SyntaxAt(start, TomlText.ExpectedValue);
        }

        if (!IsDigit(b))
        {
            throw Syntax(TomlText.ExpectedValue);
        }

        if (DigitsAt(_pos, 4) && At(_pos + 4) == '-')
        {
            return ScanDateTime();
        }

        if (DigitsAt(_pos, 2) && At(_pos + 2) == ':')
        {
            ScanTime(start);
            return TomlValueKind.LocalTime;
        }

        if (b == '0' && At(_pos + 1) is (byte)'x' or (byte)'o' or (byte)'b')
        {
            ScanRadix(start);
            return TomlValueKind.Integer;
        }

        return ScanDecimal(start);
    }

    private bool TakeWord(ReadOnlySpan<byte> word)
    {
        if (!_src.AsSpan(_pos, _end - _pos).StartsWith(word))
        {
            return false;
        }

        _pos += word.Length;
        return true;
    }

    /// <summary>A decimal integer or a float; <paramref name="start"/> is on the sign, if any.</summary>
    private TomlValueKind ScanDecimal(int start)
    {
        if (_src[_pos] == '0' && At(_pos + 1) is >= (byte)'0' and <= (byte)'9' or (byte)'_')
        {
            throw SyntaxAt(start, TomlText.LeadingZero);
        }

        ScanDigits(start, 10);
        var isFloat = false;
        if (At(_pos) == '.')
        {
            _pos++;
            if (!IsDigit(At(_pos)))
            {
                throw SyntaxAt(start, TomlText.InvalidNumber);
            }

            ScanDigits(start, 10);
            isFloat = true;
        }

        if (At(_pos) is (byte)'e' or (byte)'E')
        {
            _pos++;
            if (At(_pos) is (byte)'+' or (byte)'-')
            {
                _pos++;
            }

            if (!IsDigit(At(_pos)))
            {
                throw SyntaxAt(start, TomlText.InvalidNumber);
            }

            ScanDigits(start, 10);
            isFloat = true;
        }

        if (!isFloat && !TomlSource.TryParseInteger(_src.AsSpan(start, _pos - start), out _))
        {
            throw SyntaxAt(start, TomlText.IntegerOutOfRange);
        }

        return isFloat ? TomlValueKind.Float : TomlValueKind.Integer;
    }

    private void ScanRadix(int start)
    {
        var radix = _src[_pos + 1] switch { (byte)'x' => 16, (byte)'o' => 8, _ => 2 };
        _pos += 2;
        if (TomlSource.DigitValue(At(_pos), radix) < 0)
        {
            throw SyntaxAt(start, TomlText.InvalidNumber);
        }

        ScanDigits(start, radix);
        if (!TomlSource.TryParseInteger(_src.AsSpan(start, _pos - start), out _))
        {
            throw SyntaxAt(start, TomlText.IntegerOutOfRange);
        }
    }

    /// <summary>Scans digits of <paramref name="radix"/> with single underscores between them; starts on a digit.</summary>
    private void ScanDigits(int start, int radix)
    {
        while (_pos < _end)
        {
            if (_src[_pos] == '_')
            {
                if (TomlSource.DigitValue(At(_pos + 1), radix) < 0)
                {
                    throw SyntaxAt(start, TomlText.MisplacedUnderscore);
                }

                _pos += 2;
            }
            else if (TomlSource.DigitValue(_src[_pos], radix) >= 0)
            {
                _pos++;
            }
            else
            {
                return;
            }
        }
    }

    private TomlValueKind ScanDateTime()
    {
        var start = _pos;
        if (!(DigitsAt(_pos + 5, 2) && At(_pos + 7) == '-' && DigitsAt(_pos + 8, 2)))
        {
            throw SyntaxAt(start, TomlText.InvalidDate);
        }

        var year = Number(_pos, 4);
        var month = Number(_pos + 5, 2);
        var day = Number(_pos + 8, 2);
        if (month is < 1 or > 12 || day < 1 || day > DaysInMonth(year, month))
        {
            throw SyntaxAt(start, TomlText.InvalidDate);
        }

        _pos += 10;
        var separator = At(_pos);
        var hasTime = separator is (byte)'T' or (byte)'t' || (separator == ' ' && DigitsAt(_pos + 1, 2) && At(_pos + 3) == ':');
        if (!hasTime)
        {
            return TomlValueKind.LocalDate;
        }

        _pos++;
        ScanTime(start);
        if (At(_pos) is (byte)'Z' or (byte)'z')
        {
            _pos++;
            return TomlValueKind.OffsetDateTime;
        }

        if (At(_pos) is (byte)'+' or (byte)'-')
        {
            if (!(DigitsAt(_pos + 1, 2) && At(_pos + 3) == ':' && DigitsAt(_pos + 4, 2)) || Number(_pos + 1, 2) > 23 || Number(_pos + 4, 2) > 59)
            {
                throw SyntaxAt(start, TomlText.InvalidDate);
            }

            _pos += 6;
            return TomlValueKind.OffsetDateTime;
        }

        return TomlValueKind.LocalDateTime;
    }

    /// <summary>HH:MM:SS with an optional fraction of a second (TOML 1.0 requires the seconds).</summary>
    private void ScanTime(int start)
    {
        if (!(DigitsAt(_pos, 2) && At(_pos + 2) == ':' && DigitsAt(_pos + 3, 2) && At(_pos + 5) == ':' && DigitsAt(_pos + 6, 2))
            || Number(_pos, 2) > 23 || Number(_pos + 3, 2) > 59 || Number(_pos + 6, 2) > 60)
        {
            throw SyntaxAt(start, TomlText.InvalidDate);
        }

        _pos += 8;
        if (At(_pos) == '.')
        {
            _pos++;
            if (!IsDigit(At(_pos)))
            {
                throw SyntaxAt(start, TomlText.InvalidDate);
            }

            while (IsDigit(At(_pos)))
            {
                _pos++;
            }
        }
    }

    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    /// <summary>The byte at <paramref name="offset"/>, or 0 past the end.</summary>
    private byte At(int offset) => offset < _end ? _src[offset] : (byte)0;

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    private bool DigitsAt(int offset, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (!IsDigit(At(offset + i)))
            {
                return false;
            }
        }

        return true;
    }

    private int Number(int offset, int count)
    {
        var value = 0;
        for (var i = 0; i < count; i++)
        {
            value = (value * 10) + (_src[offset + i] - '0');
        }

        return value;
    }
}
