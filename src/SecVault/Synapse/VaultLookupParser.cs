using System.Buffers;
using System.Globalization;

namespace SecVault.Synapse;

/// <summary>
/// Finds <c>vault-lookup</c> calls in a Synapse artifact's XML text. Inline tokens are found in attribute values and
/// element text (entity references decoded first) with the upstream pattern <c>\{([^:]*:vault-lookup\('.*?'\))\}</c>;
/// calls are also found in XPath expression attributes (<c>expression</c>, <c>xpath</c>, <c>source</c>). Comments,
/// processing instructions and the document type are skipped; CDATA is element text.
/// </summary>
internal static class VaultLookupParser
{
    private const string FunctionName = "vault-lookup";

    private static readonly string[] XPathAttributes = ["expression", "xpath", "source"];

    // What Java's '.' does not match.
    private static readonly SearchValues<char> JavaLineTerminators = SearchValues.Create("\n\r\u0085\u2028\u2029");

    /// <summary>All lookups, in text order.</summary>
    /// <param name="xml">The artifact's text.</param>
    /// <param name="path">The artifact's name for error messages, or null.</param>
    /// <exception cref="SynapseLookupException">The first lookup that does not parse.</exception>
    public static IReadOnlyList<VaultLookup> Find(string xml, string? path = null)
    {
        var scan = Scan(xml);
        return scan.Problems.Count > 0 ? throw new SynapseLookupException(scan.Problems[0], path) : scan.Lookups;
    }

    /// <summary>All lookups that parse and every problem, each in text order; never throws for bad lookups.</summary>
    public static VaultLookupScan Scan(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var scanner = new Scanner(xml);
        foreach (var segment in XmlSegments.Read(xml))
        {
            scanner.ScanSegment(segment);
        }

        return new VaultLookupScan(
            [.. scanner.Lookups.OrderBy(l => l.Start)],
            [.. scanner.Problems.OrderBy(p => p.Start)])
        {
            Decrypts = scanner.Decrypts,
            BraceLess = scanner.BraceLess,
        };
    }

    private const string DecryptOpen = "{wso2:vault-decrypt('";

    private const string InlineCallStart = ":" + FunctionName + "('";

    private const string InlineTokenEnd = "')}";

    /// <summary>
    /// The inline tokens of <paramref name="text"/> as start and end offsets, in text order: exactly the matches of the
    /// upstream pattern <c>\{([^:]*:vault-lookup\('.*?'\))\}</c> (Java's <c>.</c> stops at every line terminator), the
    /// group being the token without its braces. Linear in the text where the backtracking regex is quadratic: every
    /// <c>{</c> before the same first <c>:</c> shares one outcome, and the searches for <c>')}</c> and for a line
    /// terminator only move forward.
    /// </summary>
    internal static List<(int Start, int End)> InlineTokens(string text)
    {
        var tokens = new List<(int Start, int End)>();
        // Nothing searched yet: every body lies after 0.
        int closeFrom = 0, close = 0, lineEndFrom = 0, lineEnd = 0;
        var open = text.IndexOf('{', StringComparison.Ordinal);
        while (open >= 0)
        {
            // [^:]* is greedy and cannot pass a ':', so the call starts at the first ':' after the brace.
            var colon = text.IndexOf(':', open + 1);
            if (colon < 0)
            {
                break;
            }

            var next = colon + 1;
            if (string.CompareOrdinal(text, colon, InlineCallStart, 0, InlineCallStart.Length) == 0)
            {
                var body = colon + InlineCallStart.Length;

                // Stryker disable once Equality: only when to search again; bodies only grow, and searching again from a body at the cached match finds it again.
                var searchClose = body > close || closeFrom > body;
                if (searchClose)
                {
                    closeFrom = body;
                    close = text.IndexOf(InlineTokenEnd, body, StringComparison.Ordinal);
                    close = close < 0 ? text.Length : close;
                }

                // Stryker disable once Equality: only when to search again; bodies only grow, and searching again from a body at the cached line end finds it again.
                var searchLineEnd = body > lineEnd || lineEndFrom > body;
                if (searchLineEnd)
                {
                    lineEndFrom = body;
                    lineEnd = text.AsSpan(body).IndexOfAny(JavaLineTerminators);
                    lineEnd = lineEnd < 0 ? text.Length : body + lineEnd;
                }

                // Both are the text's length when not found, so a found ')}' is one before the line ends.
                if (close < lineEnd)
                {
                    tokens.Add((open, close + InlineTokenEnd.Length));
                    next = close + InlineTokenEnd.Length;
                }
            }

            open = text.IndexOf('{', next);
        }

        return tokens;
    }

    /// <summary>The offset of each line start (lines end at LF, CRLF or a lone CR).</summary>
    internal static List<int> LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    /// <summary>Where the name prefix ending at <paramref name="colon"/> starts (the colon itself when there is none).</summary>
    private static int PrefixStart(string text, int colon)
    {
        var start = colon;
        while (start > 0 && IsNameChar(text[start - 1]))
        {
            start--;
        }

        return start;
    }

    private static bool IsXPathSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsNameStart(char c) => char.IsLetter(c) || c == '_';

    // A prefix is an XML name as Jaxen (which evaluates MI's XPath) reads one: letters, digits, '.', '-', '_', combining
    // marks and extenders. U+00B7 and U+0387 are the extenders that are not letters; without them "x·wso2:" would end
    // its prefix at the dot and read as wso2, a call MI does not resolve.
    private static bool IsNameChar(char c) =>
        IsNameStart(c) || char.IsDigit(c) || c is '-' or '.' or '\u00B7' or '\u0387' || CharUnicodeInfo.GetUnicodeCategory(c)
            is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private sealed class Scanner(string xml)
    {
        private readonly List<int> _lineStarts = LineStarts(xml);

        public List<VaultLookup> Lookups { get; } = [];

        public List<SynapseLookupProblem> Problems { get; } = [];

        public List<VaultDecryptSite> Decrypts { get; } = [];

        public List<BraceLessLookup> BraceLess { get; } = [];

        public void ScanSegment(XmlSegment segment)
        {
            var text = segment.Text;
            var covered = InlineTokens(text);
            foreach (var (start, end) in covered)
            {
                var call = ParseCall(text, start + 1, end - 1, requireWholeRange: true);
                Report(segment, call, start, end, VaultLookupSite.InlineToken);
            }

            FindDecrypts(segment);
            if (!segment.IsXPathAttribute)
            {
                if (segment.Quote is not null)
                {
                    FindBraceLess(segment, covered);
                }

                return;
            }

            // Calls are found in text order, so one forward pass over the sorted tokens tells whether a call is inside one.
            var token = 0;
            var search = 0;
            while ((search = text.IndexOf(":" + FunctionName, search, StringComparison.Ordinal)) >= 0)
            {
                var colon = search;
                search += FunctionName.Length + 1;
                var prefixStart = PrefixStart(text, colon);

                var open = search;
                while (open < text.Length && IsXPathSpace(text[open]))
                {
                    open++;
                }

                // With no prefix, prefixStart is the colon itself, which starts no name.
                var isCall = IsNameStart(text[prefixStart]) && open < text.Length && text[open] == '(';
                while (token < covered.Count && covered[token].End <= prefixStart)
                {
                    token++;
                }

                if (!isCall || (token < covered.Count && covered[token].Start <= prefixStart))
                {
                    continue;
                }

                var call = ParseCall(text, prefixStart, text.Length, requireWholeRange: false);
                Report(segment, call, prefixStart, prefixStart + call.Consumed, VaultLookupSite.XPathCall);
            }
        }

        /// <summary>The matches of MI's VFS pattern <c>\{wso2:vault-decrypt\('(.*?)'\)\}</c> (Java's <c>.</c> stops at line ends).</summary>
        private void FindDecrypts(XmlSegment segment)
        {
            var text = segment.Text;
            var open = 0;
            while ((open = text.IndexOf(DecryptOpen, open, StringComparison.Ordinal)) >= 0)
            {
                var body = open + DecryptOpen.Length;
                var close = text.IndexOf(InlineTokenEnd, body, StringComparison.Ordinal);
                if (close < 0)
                {
                    return;
                }

                if (text.AsSpan(body, close - body).IndexOfAny(JavaLineTerminators) >= 0)
                {
                    open = body;
                    continue;
                }

                var rawStart = segment.Raw(open);
                var (line, column) = Position(rawStart);
                var end = close + InlineTokenEnd.Length;
                Decrypts.Add(new VaultDecryptSite(text[body..close], rawStart, segment.Raw(end) - rawStart, line, column, segment.Quote));
                open = end;
            }
        }

        /// <summary>Calls written bare in an ordinary attribute, where MI resolves only the braced token form.</summary>
        private void FindBraceLess(XmlSegment segment, List<(int Start, int End)> covered)
        {
            var text = segment.Text;
            var search = 0;
            while ((search = text.IndexOf(":" + FunctionName, search, StringComparison.Ordinal)) >= 0)
            {
                var colon = search;
                search = colon + 1;
                var prefixStart = PrefixStart(text, colon);

                // With no prefix, prefixStart is the colon itself, which starts no name.
                if (!IsNameStart(text[prefixStart]) || covered.Exists(t => t.Start <= prefixStart && prefixStart < t.End))
                {
                    continue;
                }

                var call = ParseCall(text, prefixStart, text.Length, requireWholeRange: false);
                if (call.Error is not null)
                {
                    continue;
                }

                var rawStart = segment.Raw(prefixStart);
                var (line, column) = Position(rawStart);
                BraceLess.Add(new BraceLessLookup(text.Substring(prefixStart, call.Consumed), call.Prefix, line, column));
                search = prefixStart + call.Consumed;
            }
        }

        private void Report(XmlSegment segment, ParsedCall call, int start, int end, VaultLookupSite site)
        {
            var rawStart = segment.Raw(start);
            var (line, column) = Position(rawStart);
            if (call.Error is { } kind)
            {
                Problems.Add(new SynapseLookupProblem(kind, rawStart, line, column, call.Message!));
                return;
            }

            if (call.Prefix == VaultLookup.Wso2Prefix && call.Arguments.Count == 3 && VaultLookup.ParseType(call.Arguments[1]) is null)
            {
                Problems.Add(new SynapseLookupProblem(
                    SynapseLookupErrorKind.UnknownType, rawStart, line, column, SynapseText.SynapseUnknownType(call.Arguments[1])));
                return;
            }

            var args = call.Arguments;
            Lookups.Add(new VaultLookup(
                args[0],
                args.Count >= 2 ? args[1] : null,
                args.Count == 3 ? args[2] : null,
                args.Count,
                call.Prefix,
                rawStart,
                segment.Raw(end) - rawStart,
                line,
                column,
                site)
            {
                AttributeQuote = segment.Quote,
            });
        }

        private (int Line, int Column) Position(int offset)
        {
            var index = _lineStarts.BinarySearch(offset);
            if (index < 0)
            {
                index = ~index - 1;
            }

            return (index + 1, offset - _lineStarts[index] + 1);
        }
    }

    private static ParsedCall ParseCall(string text, int start, int end, bool requireWholeRange)
    {
        var i = start;
        while (i < end && IsXPathSpace(text[i]))
        {
            i++;
        }

        var prefixStart = i;
        if (i < end && IsNameStart(text[i]))
        {
            i++;
            while (i < end && IsNameChar(text[i]))
            {
                i++;
            }
        }

        var prefix = text[prefixStart..i];
        var name = ":" + FunctionName;
        if (prefix.Length == 0 || string.CompareOrdinal(text, i, name, 0, name.Length) != 0 || i + name.Length > end)
        {
            return ParsedCall.Fail(SynapseLookupErrorKind.Malformed, SynapseText.SynapseMalformedLookup);
        }

        i += name.Length;
        i = SkipSpace(text, i, end);
        if (i == end || text[i] != '(')
        {
            return ParsedCall.Fail(SynapseLookupErrorKind.Malformed, SynapseText.SynapseMalformedLookup);
        }

        i = SkipSpace(text, i + 1, end);
        var args = new List<string>();
        if (i < end && text[i] == ')')
        {
            return ParsedCall.Fail(SynapseLookupErrorKind.ArgumentCount, SynapseText.SynapseArgumentCount(0));
        }

        while (true)
        {
            if (i == end)
            {
                return ParsedCall.Fail(SynapseLookupErrorKind.Malformed, SynapseText.SynapseUnclosedLookup);
            }

            if (text[i] is not ('\'' or '"'))
            {
                return ParsedCall.Fail(SynapseLookupErrorKind.NonLiteralArgument, SynapseText.SynapseNonLiteralArgument(args.Count + 1));
            }

            var close = text.IndexOf(text[i], i + 1, end - i - 1);
            if (close < 0)
            {
                return ParsedCall.Fail(SynapseLookupErrorKind.Malformed, SynapseText.SynapseMalformedLookup);
            }

            args.Add(text[(i + 1)..close]);
            i = SkipSpace(text, close + 1, end);
            if (i < end && text[i] == ',')
            {
                i = SkipSpace(text, i + 1, end);
                continue;
            }

            if (i < end && text[i] == ')')
            {
                i++;
                break;
            }

            // Text after a literal that is neither ',' nor ')' continues the argument as an expression ('a' = 'b');
            // no text at all means the call was never closed.
            return i == end
                ? ParsedCall.Fail(SynapseLookupErrorKind.Malformed, SynapseText.SynapseUnclosedLookup)
                : ParsedCall.Fail(SynapseLookupErrorKind.NonLiteralArgument, SynapseText.SynapseNonLiteralArgument(args.Count));
        }

        if (requireWholeRange && SkipSpace(text, i, end) != end)
        {
            return ParsedCall.Fail(SynapseLookupErrorKind.Malformed, SynapseText.SynapseMalformedLookup);
        }

        return args.Count > 3
            ? ParsedCall.Fail(SynapseLookupErrorKind.ArgumentCount, SynapseText.SynapseArgumentCount(args.Count))
            : new ParsedCall(prefix, args, i - start, null, null);
    }

    private static int SkipSpace(string text, int i, int end)
    {
        while (i < end && IsXPathSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>A parsed call, or its error; <paramref name="Consumed"/> counts the characters of a call that parsed.</summary>
    private sealed record ParsedCall(string Prefix, List<string> Arguments, int Consumed, SynapseLookupErrorKind? Error, string? Message)
    {
        // A call that fails is reported at its start and never spliced, so it has no length.
        // Stryker disable once String: a failed call's prefix is never read.
        public static ParsedCall Fail(SynapseLookupErrorKind kind, string message) => new(string.Empty, [], 0, kind, message);
    }

    /// <summary>An attribute value or a run of element text, entity references decoded, mapped back to raw offsets.</summary>
    /// <param name="Text">The decoded text.</param>
    /// <param name="RawStart">Raw offset of the first char.</param>
    /// <param name="RawIndex">Raw offset of each decoded char, plus one entry for the raw end; null when no entity was decoded.</param>
    /// <param name="Quote">The attribute's quote, or null for element text.</param>
    /// <param name="IsXPathAttribute">True for an attribute whose value is an XPath expression.</param>
    internal sealed record XmlSegment(string Text, int RawStart, int[]? RawIndex, char? Quote, bool IsXPathAttribute)
    {
        /// <summary>The raw offset of decoded offset <paramref name="index"/> (the text's length gives the raw end).</summary>
        public int Raw(int index) => RawIndex is { } map ? map[index] : RawStart + index;
    }

    /// <summary>A forgiving XML tokenizer yielding text the way an XML parser would hand it to Synapse.</summary>
    internal static class XmlSegments
    {
        public static IEnumerable<XmlSegment> Read(string xml)
        {
            var i = 0;
            while (i < xml.Length)
            {
                if (xml[i] != '<')
                {
                    var next = xml.IndexOf('<', i);
                    var end = next < 0 ? xml.Length : next;
                    yield return Decode(xml, i, end, null, false);
                    i = end;
                }
                else if (At(xml, i, "<!--"))
                {
                    i = After(xml, i + 4, "-->");
                }
                else if (At(xml, i, "<![CDATA["))
                {
                    var close = xml.IndexOf("]]>", i + 9, StringComparison.Ordinal);
                    var end = close < 0 ? xml.Length : close;
                    yield return Verbatim(xml, i + 9, end);
                    i = close < 0 ? xml.Length : close + 3;
                }
                else if (At(xml, i, "<?"))
                {
                    i = After(xml, i + 2, "?>");
                }
                else if (At(xml, i, "<!"))
                {
                    i = SkipDeclaration(xml, i);
                }
                else if (At(xml, i, "</"))
                {
                    i = After(xml, i + 2, ">");
                }
                else
                {
                    foreach (var attribute in ReadTag(xml, i + 1, out i))
                    {
                        yield return attribute;
                    }
                }
            }
        }

        private static List<XmlSegment> ReadTag(string xml, int i, out int after)
        {
            var attributes = new List<XmlSegment>();
            i = SkipName(xml, i);
            while (i < xml.Length)
            {
                while (i < xml.Length && char.IsWhiteSpace(xml[i]))
                {
                    i++;
                }

                if (i == xml.Length || xml[i] == '>')
                {
                    i = Math.Min(i + 1, xml.Length);
                    break;
                }

                if (At(xml, i, "/>"))
                {
                    i += 2;
                    break;
                }

                var nameStart = i;
                i = SkipName(xml, i);
                if (i == nameStart)
                {
                    // Not well-formed; step over the odd character.
                    i++;
                    continue;
                }

                var name = xml[nameStart..i];
                var localName = name[(name.IndexOf(':', StringComparison.Ordinal) + 1)..];
                while (i < xml.Length && char.IsWhiteSpace(xml[i]))
                {
                    i++;
                }

                if (i == xml.Length || xml[i] != '=')
                {
                    continue;
                }

                i++;
                while (i < xml.Length && char.IsWhiteSpace(xml[i]))
                {
                    i++;
                }

                if (i == xml.Length || xml[i] is not ('"' or '\''))
                {
                    continue;
                }

                var quote = xml[i];
                var close = xml.IndexOf(quote, i + 1);
                var end = close < 0 ? xml.Length : close;
                var isXPath = Array.Exists(XPathAttributes, a => a == localName);
                attributes.Add(Decode(xml, i + 1, end, quote, isXPath));
                i = close < 0 ? xml.Length : close + 1;
            }

            after = i;
            return attributes;
        }

        private static int SkipName(string xml, int i)
        {
            while (i < xml.Length && !char.IsWhiteSpace(xml[i]) && xml[i] is not ('=' or '>' or '/' or '"' or '\''))
            {
                i++;
            }

            return i;
        }

        private static int SkipDeclaration(string xml, int i)
        {
            var depth = 0;
            for (i += 2; i < xml.Length; i++)
            {
                switch (xml[i])
                {
                    case '[': depth++; break;
                    case ']': depth--; break;
                    case '>' when depth <= 0: return i + 1;
                    default: break;
                }
            }

            return xml.Length;
        }

        private static bool At(string xml, int i, string token) => string.CompareOrdinal(xml, i, token, 0, token.Length) == 0;

        private static int After(string xml, int from, string token)
        {
            var close = xml.IndexOf(token, from, StringComparison.Ordinal);
            return close < 0 ? xml.Length : close + token.Length;
        }

        private static XmlSegment Verbatim(string xml, int start, int end) => new(xml[start..end], start, null, null, false);

        private static XmlSegment Decode(string xml, int start, int end, char? quote, bool isXPath)
        {
            var amp = xml.IndexOf('&', start, end - start);
            if (amp < 0)
            {
                // No entity reference: the text is the raw text, and offsets map by a shift.
                return new XmlSegment(xml[start..end], start, null, quote, isXPath);
            }

            var chars = new char[end - start];
            var map = new int[end - start + 1];
            var length = 0;
            var i = start;
            while (i < end)
            {
                if (xml[i] == '&' && TryEntity(xml, i, end, out var decoded, out var entityLength))
                {
                    foreach (var c in decoded)
                    {
                        chars[length] = c;
                        map[length++] = i;
                    }

                    i += entityLength;
                    continue;
                }

                chars[length] = xml[i];
                map[length++] = i;
                i++;
            }

            map[length] = end;
            return new XmlSegment(new string(chars, 0, length), start, map[..(length + 1)], quote, isXPath);
        }

        private static bool TryEntity(string xml, int amp, int end, out string decoded, out int length)
        {
            decoded = string.Empty;
            var semi = xml.IndexOf(';', amp + 1, Math.Min(12, end - amp - 1));
            length = semi - amp + 1;
            if (semi < 0)
            {
                return false;
            }

            var name = xml.AsSpan(amp + 1, semi - amp - 1);
            decoded = name switch
            {
                "lt" => "<",
                "gt" => ">",
                "amp" => "&",
                "apos" => "'",
                "quot" => "\"",
                _ => CharacterReference(name),
            };
            return decoded.Length > 0;
        }

        private static string CharacterReference(ReadOnlySpan<char> name)
        {
            if (name.Length < 2 || name[0] != '#')
            {
                return string.Empty;
            }

            var ok = name[1] is 'x' or 'X'
                ? int.TryParse(name[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
                : int.TryParse(name[1..], NumberStyles.None, CultureInfo.InvariantCulture, out code);
            return ok && code is > 0 and <= 0x10FFFF && (code < 0xD800 || code > 0xDFFF) ? char.ConvertFromUtf32(code) : string.Empty;
        }
    }
}
