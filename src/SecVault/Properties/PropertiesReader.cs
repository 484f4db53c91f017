using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace SecVault.Properties;

/// <summary>
/// Reads .properties files with Java's <c>Properties.load</c> logical-line rules, returning every entry in
/// file order (repeated keys included; callers decide which one wins).
/// </summary>
internal static class PropertiesReader
{
    /// <summary>The default longest physical line, in bytes.</summary>
    public const long DefaultMaxLineBytes = 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads UTF-8 input (a leading byte-order mark is skipped), as <c>mi secret create -f</c> does.</summary>
    /// <param name="stream">The input; read to its end, not disposed.</param>
    /// <param name="displayPath">The file name used in error messages.</param>
    /// <param name="maxLineBytes">Longest accepted line; a longer one is refused before it is read whole.</param>
    /// <exception cref="PropertiesFormatException">Invalid UTF-8, a malformed <c>\u</c> escape or a line too long.</exception>
    public static IReadOnlyList<PropertyEntry> ReadUtf8(Stream stream, string displayPath, long maxLineBytes = DefaultMaxLineBytes) =>
        Read(stream, displayPath, maxLineBytes, utf8: true);

    /// <summary>Reads ISO-8859-1 input exactly as Java's <c>Properties.load(InputStream)</c>.</summary>
    /// <param name="stream">The input; read to its end, not disposed.</param>
    /// <param name="displayPath">The file name used in error messages.</param>
    /// <exception cref="PropertiesFormatException">A malformed <c>\u</c> escape or a line too long.</exception>
    public static IReadOnlyList<PropertyEntry> ReadIso88591(Stream stream, string displayPath) =>
        Read(stream, displayPath, DefaultMaxLineBytes, utf8: false);

    private static List<PropertyEntry> Read(Stream stream, string displayPath, long maxLineBytes, bool utf8)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(displayPath);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);

        var entries = new List<PropertyEntry>();
        var logical = new StringBuilder();
        var logicalStart = 0;
        long logicalBytes = 0;
        using var lines = new PhysicalLineReader(stream, displayPath, maxLineBytes);
        while (lines.MoveNext())
        {
            var text = lines.Decode(utf8);
            var i = 0;
            while (i < text.Length && IsBlank(text[i]))
            {
                i++;
            }

            if (logical.Length == 0)
            {
                // As Java: a comment is recognised whenever the logical line is still empty, even after "\" alone.
                if (i == text.Length || text[i] == '#' || text[i] == '!')
                {
                    continue;
                }

                logicalStart = lines.LineNumber;
            }
            else if (i == text.Length)
            {
                // A continuation onto an empty line ends the logical line.
                entries.Add(Split(logical.ToString(), displayPath, logicalStart));
                logical.Clear();
                logicalBytes = 0;
                continue;
            }

            var trailingBackslashes = 0;
            for (var j = text.Length - 1; j >= i && text[j] == '\\'; j--)
            {
                trailingBackslashes++;
            }

            var continues = trailingBackslashes % 2 == 1;
            var part = text.Slice(i, text.Length - i - (continues ? 1 : 0));
            if (logical.Length == 0 && !continues)
            {
                // A logical line of one physical line (the usual case) is split where it was decoded, with no copy.
                entries.Add(Split(part, displayPath, logicalStart));
                continue;
            }

            logical.Append(part);
            // The limit is in bytes of the file, as for a physical line (a Latin-1 file has one byte a char).
            logicalBytes += utf8 ? Encoding.UTF8.GetByteCount(part) : part.Length;
            if (logicalBytes > maxLineBytes)
            {
                throw new PropertiesFormatException(
                    PropertiesErrorKind.LineTooLong, displayPath, logicalStart, PropertiesText.PropertiesLineTooLong(displayPath, logicalStart, maxLineBytes));
            }

            if (!continues)
            {
                entries.Add(Split(logical.ToString(), displayPath, logicalStart));
                logical.Clear();
                logicalBytes = 0;
            }
        }

        if (logical.Length > 0)
        {
            entries.Add(Split(logical.ToString(), displayPath, logicalStart));
        }

        return entries;
    }

    private static bool IsBlank(char c) => c is ' ' or '\t' or '\f';

    private static PropertyEntry Split(ReadOnlySpan<char> line, string path, int lineNumber)
    {
        var keyEnd = 0;
        var valueStart = line.Length;
        var hasSeparator = false;
        var escaped = false;
        while (keyEnd < line.Length)
        {
            var c = line[keyEnd];
            if (!escaped && (c == '=' || c == ':'))
            {
                valueStart = keyEnd + 1;
                hasSeparator = true;
                break;
            }

            if (!escaped && IsBlank(c))
            {
                valueStart = keyEnd + 1;
                break;
            }

            escaped = c == '\\' && !escaped;
            keyEnd++;
        }

        while (valueStart < line.Length)
        {
            var c = line[valueStart];
            if (!IsBlank(c))
            {
                if (hasSeparator || (c != '=' && c != ':'))
                {
                    break;
                }

                hasSeparator = true;
            }

            valueStart++;
        }

        return new PropertyEntry(
            Unescape(line[..keyEnd], path, lineNumber),
            Unescape(line[valueStart..], path, lineNumber),
            lineNumber);
    }

    private static string Unescape(ReadOnlySpan<char> s, string path, int lineNumber)
    {
        // Stryker disable once Block: a fast path; without it the loop below appends every character of a text with no backslash unchanged.
        if (!s.Contains('\\'))
        {
            return s.ToString();
        }

        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];

            // A backslash never ends the text (the line reader drops an odd trailing one, and the key stops only at an
            // unescaped separator); the length test keeps s[++i] safe should that change.
            // Stryker disable once Arithmetic: i - 1 == s.Length is never true, and neither is i + 1 == s.Length at a backslash.
            if (c != '\\' || i + 1 == s.Length)
            {
                sb.Append(c);
                continue;
            }

            c = s[++i];
            switch (c)
            {
                case 't': sb.Append('\t'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 'f': sb.Append('\f'); break;
                case 'u':
                    if (i + 4 >= s.Length)
                    {
                        throw MalformedEscape(path, lineNumber);
                    }

                    var value = 0;
                    for (var k = 1; k <= 4; k++)
                    {
                        var digit = HexValue(s[i + k]);
                        if (digit < 0)
                        {
                            throw MalformedEscape(path, lineNumber);
                        }

                        value = (value << 4) | digit;
                    }

                    sb.Append((char)value);
                    i += 4;
                    break;
                default: sb.Append(c); break;
            }
        }

        return sb.ToString();
    }

    private static PropertiesFormatException MalformedEscape(string path, int line) =>
        new(PropertiesErrorKind.MalformedUnicodeEscape, path, line, PropertiesText.PropertiesMalformedUnicodeEscape(path, line));

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    /// <summary>Splits a stream into physical lines (LF, CR or CRLF), refusing an over-long line while reading it.</summary>
    private sealed class PhysicalLineReader(Stream stream, string path, long maxLineBytes) : IDisposable
    {
        private readonly byte[] _chunk = new byte[16 * 1024];
        private byte[] _line = new byte[256];
        private char[] _chars = new char[256];
        private int _lineLength;
        private int _chunkPos;
        private int _chunkLength;
        private bool _end;

        public int LineNumber { get; private set; }

        public ReadOnlySpan<byte> Current => _line.AsSpan(0, _lineLength);

        public bool MoveNext()
        {
            _lineLength = 0;
            var sawAny = false;
            while (true)
            {
                if (_chunkPos == _chunkLength && !Fill())
                {
                    if (!sawAny)
                    {
                        return false;
                    }

                    LineNumber++;
                    return true;
                }

                sawAny = true;
                var span = _chunk.AsSpan(_chunkPos, _chunkLength - _chunkPos);
                var stop = span.IndexOfAny((byte)'\n', (byte)'\r');
                var take = stop < 0 ? span.Length : stop;
                Append(span[..take]);
                _chunkPos += take;
                if (stop < 0)
                {
                    continue;
                }

                var terminator = _chunk[_chunkPos++];
                if (terminator == '\r' && (_chunkPos < _chunkLength || Fill()) && _chunk[_chunkPos] == '\n')
                {
                    _chunkPos++;
                }

                LineNumber++;
                return true;
            }
        }

        /// <summary>
        /// The current line as text: UTF-8 (strict; a byte-order mark at the start of line 1 skipped) or ISO-8859-1. The
        /// characters are valid until the next call; the buffer is reused and zeroed when it grows and at the end.
        /// </summary>
        public ReadOnlySpan<char> Decode(bool utf8)
        {
            var bytes = Current;
            if (!utf8)
            {
                var latin1 = CharBuffer(bytes.Length);
                return latin1[..Encoding.Latin1.GetChars(bytes, latin1)];
            }

            if (LineNumber == 1 && bytes.StartsWith("\uFEFF"u8))
            {
                bytes = bytes[3..];
            }

            var chars = CharBuffer(StrictUtf8.GetMaxCharCount(bytes.Length));
            try
            {
                return chars[..StrictUtf8.GetChars(bytes, chars)];
            }
            catch (DecoderFallbackException)
            {
                throw new PropertiesFormatException(PropertiesErrorKind.InvalidUtf8, path, LineNumber, PropertiesText.PropertiesInvalidUtf8(path, LineNumber));
            }
        }

        public void Dispose()
        {
            CryptographicOperations.ZeroMemory(_chunk);

            // Stryker disable once Statement: the line buffer never leaves this class; zeroed so no line of the file stays in memory.
            CryptographicOperations.ZeroMemory(_line);

            // Stryker disable once Statement: the character buffer never leaves this class; zeroed so no line of the file stays in memory.
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(_chars.AsSpan()));
        }

        private Span<char> CharBuffer(int length)
        {
            // Stryker disable once Equality: growing a buffer that is exactly large enough costs one allocation and changes nothing decoded.
            if (length > _chars.Length)
            {
                // Stryker disable once Statement: a discarded private buffer no caller can reach; zeroed so no line of the file stays in memory.
                CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(_chars.AsSpan()));
                _chars = new char[Math.Max(length, _chars.Length * 2)];
            }

            return _chars;
        }

        private bool Fill()
        {
            if (_end)
            {
                return false;
            }

            _chunkPos = 0;
            _chunkLength = stream.Read(_chunk, 0, _chunk.Length);
            _end = _chunkLength == 0;
            return !_end;
        }

        private void Append(ReadOnlySpan<byte> bytes)
        {
            var needed = (long)_lineLength + bytes.Length;
            if (needed > maxLineBytes)
            {
                var line = LineNumber + 1;
                throw new PropertiesFormatException(PropertiesErrorKind.LineTooLong, path, line, PropertiesText.PropertiesLineTooLong(path, line, maxLineBytes));
            }

            // Stryker disable once Equality: growing a buffer that is exactly full costs one copy and changes nothing read.
            if (needed > _line.Length)
            {
                // Doubling, capped at the limit, keeps the copies few on long lines.
                // Stryker disable once Linq,Arithmetic: any size from needed up reads the same line; only allocation changes.
                var doubled = Math.Min(maxLineBytes, (long)_line.Length * 2);
                var grown = new byte[Math.Max(needed, doubled)];
                _line.AsSpan(0, _lineLength).CopyTo(grown);

                // Stryker disable once Statement: a discarded private buffer no caller can reach; zeroed so no line of the file stays in memory.
                CryptographicOperations.ZeroMemory(_line);
                _line = grown;
            }

            bytes.CopyTo(_line.AsSpan(_lineLength));
            _lineLength += bytes.Length;
        }
    }
}
