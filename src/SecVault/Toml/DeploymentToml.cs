using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace SecVault.Toml;

/// <summary>
/// A parsed deployment.toml that keeps its exact text, lists its [secrets] entries and scalar values,
/// and rewrites string literals in place without touching any other byte.
/// </summary>
public sealed class DeploymentToml
{
    /// <summary>The default largest file accepted by <see cref="Parse"/>: 64 MiB.</summary>
    public const long DefaultMaxFileBytes = 64L * 1024 * 1024;

    /// <summary>The largest string literal accepted in [secrets], in chars: 1 MiB.</summary>
    public const int MaxSecretLiteralChars = 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly byte[] _content;
    private readonly int _bomLength;
    private readonly string _text;
    // Indices into Leaves of the string values, ordered by literal start: an index of 4 bytes a string, not a map entry.
    private readonly int[] _stringLeaves;

    private DeploymentToml(byte[] content, int bomLength, string text, string displayPath, TreeWalker walker)
    {
        _content = content;
        _bomLength = bomLength;
        _text = text;
        DisplayPath = displayPath;
        HasSecretsTable = walker.HasSecretsTable;
        Secrets = walker.Secrets;
        Leaves = walker.Leaves;
        _stringLeaves = walker.StringLeavesByStart();
    }

    /// <summary>The path used in messages, as given to <see cref="Parse"/>.</summary>
    public string DisplayPath { get; }

    /// <summary>True when the file starts with a UTF-8 byte-order mark (kept by <see cref="Rewrite"/>).</summary>
    public bool HasByteOrderMark => _bomLength > 0;

    /// <summary>True when the document defines a [secrets] table in any form (header, sub-table, dotted key, inline table).</summary>
    public bool HasSecretsTable { get; }

    /// <summary>Every [secrets] entry in document order; inline tables are expanded into dotted aliases, arrays are one (invalid) entry.</summary>
    public IReadOnlyList<SecretEntry> Secrets { get; }

    /// <summary>Every scalar value of the document in document order, arrays and inline tables expanded.</summary>
    public IReadOnlyList<TomlLeaf> Leaves { get; }

    /// <summary>Parses a deployment.toml strictly: UTF-8 (a BOM is allowed), TOML with no duplicate keys or tables.</summary>
    /// <exception cref="TomlDocumentException">The file is too large, not UTF-8, not valid TOML, or holds an oversized secret.</exception>
    public static DeploymentToml Parse(byte[] content, string displayPath, long maxFileBytes = DefaultMaxFileBytes)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(displayPath);
        ThrowIfTooLarge(content.LongLength, displayPath, maxFileBytes);

        // Every leading BOM belongs to the kept prefix: Tomlyn skips a U+FEFF at the start of the text without counting
        // it in its spans, so a second BOM would shift every rewrite by one char (found by fuzzing).
        var bomLength = 0;
        while (content.AsSpan(bomLength).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bomLength += 3;
        }

        var text = Decode(content, bomLength, displayPath);
        var document = ParseSyntax(text, displayPath);
        var walker = new TreeWalker(displayPath);
        var errors = document.Diagnostics.Where(d => d.Kind == DiagnosticMessageKind.Error).ToList();
        if (errors.Count > 0 && errors.All(TomlDiagnostics.IsDuplicateKey))
        {
            walker.Walk(document);
            errors = TomlDiagnostics.WithoutFalseDuplicates(errors, walker.Leaves);
        }
        else if (errors.Count == 0)
        {
            walker.Walk(document);
        }

        if (errors.Count > 0)
        {
            throw TomlDiagnostics.FromDiagnostic(errors[0], displayPath);
        }

        return new DeploymentToml(content, bomLength, text, displayPath, walker);
    }

    /// <summary>Throws when a file of <paramref name="length"/> bytes is over <paramref name="maxFileBytes"/>; call it before reading a file.</summary>
    /// <exception cref="TomlDocumentException">The file is too large.</exception>
    public static void ThrowIfTooLarge(long length, string displayPath, long maxFileBytes = DefaultMaxFileBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFileBytes);
        if (length > maxFileBytes)
        {
            throw new TomlDocumentException(TomlErrorKind.FileTooLarge, displayPath, 0, 0, Messages.TomlFileTooLarge(displayPath, length, maxFileBytes));
        }
    }

    /// <summary>The scalar at <paramref name="key"/> of the table <paramref name="tablePath"/> (dotted, e.g. "keystore.internal"; empty for the root), or null.</summary>
    public TomlLeaf? GetLeaf(string tablePath, string key)
    {
        ArgumentNullException.ThrowIfNull(tablePath);
        ArgumentNullException.ThrowIfNull(key);
        var segments = tablePath.Length == 0 ? [] : tablePath.Split('.');
        foreach (var leaf in Leaves)
        {
            var path = leaf.PathSegments;
            if (path.Count == segments.Length + 1 && path[^1] == key && path.Take(segments.Length).SequenceEqual(segments, StringComparer.Ordinal))
            {
                return leaf;
            }
        }

        return null;
    }

    /// <summary>The string at <paramref name="key"/> of the table <paramref name="tablePath"/>, or null when absent or not a string.</summary>
    public string? GetString(string tablePath, string key) => GetLeaf(tablePath, key)?.StringValue;

    /// <summary>
    /// The file's bytes with each given string literal replaced; every other byte (BOM, line endings, comments,
    /// spacing, final newline) is kept as it was.
    /// </summary>
    /// <exception cref="ArgumentException">A span is not a string literal of this document, or two spans overlap.</exception>
    public byte[] Rewrite(IEnumerable<LiteralReplacement> replacements)
    {
        ArgumentNullException.ThrowIfNull(replacements);
        var ordered = replacements.OrderBy(r => r?.Span.Start ?? -1).ToList();
        var output = new List<byte>(_content.Length + 1024);
        output.AddRange(_content.AsSpan(0, _bomLength));
        var textPosition = 0;
        var bytePosition = _bomLength;
        foreach (var replacement in ordered)
        {
            ArgumentNullException.ThrowIfNull(replacement, nameof(replacements));
            ArgumentNullException.ThrowIfNull(replacement.NewValue, nameof(replacements));
            if (FindStringLiteral(replacement.Span) is not { } quoting)
            {
                throw new ArgumentException($"span {replacement.Span} is not a string literal of {DisplayPath}", nameof(replacements));
            }

            if (replacement.Span.Start < textPosition)
            {
                throw new ArgumentException($"span {replacement.Span} overlaps another replacement", nameof(replacements));
            }

            var keptBytes = StrictUtf8.GetByteCount(_text.AsSpan(textPosition, replacement.Span.Start - textPosition));
            output.AddRange(_content.AsSpan(bytePosition, keptBytes));
            bytePosition += keptBytes + StrictUtf8.GetByteCount(_text.AsSpan(replacement.Span.Start, replacement.Span.Length));
            textPosition = replacement.Span.End;
            output.AddRange(EncodeNewLiteral(TomlLiteralWriter.Write(replacement.NewValue, replacement.Style, quoting)));
        }

        output.AddRange(_content.AsSpan(bytePosition));
        return [.. output];
    }

    /// <summary>The quoting of the string literal at exactly <paramref name="span"/>, or null when no string value has that span.</summary>
    private LiteralQuoting? FindStringLiteral(TomlSpan span)
    {
        int low = 0, high = _stringLeaves.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var found = Leaves[_stringLeaves[middle]].LiteralSpan;
            if (found.Start == span.Start)
            {
                return found == span ? QuotingAt(span.Start) : null;
            }

            (low, high) = found.Start < span.Start ? (middle + 1, high) : (low, middle - 1);
        }

        return null;
    }

    private LiteralQuoting QuotingAt(int start)
    {
        var literal = _text.AsSpan(start);
        return literal.StartsWith("\"\"\"", StringComparison.Ordinal) ? LiteralQuoting.MultiLineBasic
            : literal.StartsWith("'''", StringComparison.Ordinal) ? LiteralQuoting.MultiLineLiteral
            : literal.StartsWith('\'') ? LiteralQuoting.Literal
            : LiteralQuoting.Basic;
    }

    private static byte[] EncodeNewLiteral(string literal)
    {
        try
        {
            return StrictUtf8.GetBytes(literal);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException("a new value is not valid Unicode (unpaired surrogate)", nameof(literal), e);
        }
    }

    private static string Decode(byte[] content, int bomLength, string displayPath)
    {
        var bytes = content.AsSpan(bomLength);
        var chars = new char[bytes.Length];
        var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status != System.Buffers.OperationStatus.Done)
        {
            var before = bytes[..read];
            var line = before.Count((byte)'\n') + 1;
            var lineStart = before.LastIndexOf((byte)'\n') + 1;
            var column = 1;
            foreach (var b in before[lineStart..])
            {
                if ((b & 0xC0) != 0x80)
                {
                    column++;
                }
            }

            Array.Clear(chars);
            throw new TomlDocumentException(TomlErrorKind.InvalidUtf8, displayPath, line, column, Messages.TomlInvalidUtf8, hint: Messages.TomlUtf8Hint);
        }

        // The buffer holds the plain-text markers; only the immutable string survives.
        var text = new string(chars, 0, written);
        Array.Clear(chars);
        return text;
    }

    private static DocumentSyntax ParseSyntax(string text, string displayPath)
    {
        DocumentSyntax document;
        try
        {
            document = SyntaxParser.Parse(text, displayPath, validate: true);
        }
        catch (Tomlyn.TomlException e)
        {
            throw TomlDiagnostics.FromException(e, displayPath);
        }
        catch (ArgumentOutOfRangeException)
        {
            // Tomlyn 2.10.2 throws this instead of a diagnostic when a string escape runs into the end of the file
            // (found by fuzzing: `a = "\` or `a = "\u12`), so the position is the end of the text.
            var line = text.AsSpan().Count('\n') + 1;
            var column = text.Length - (text.LastIndexOf('\n') + 1) + 1;
            throw new TomlDocumentException(TomlErrorKind.Syntax, displayPath, line, column, Messages.TomlUnfinishedEscape, hint: Messages.TomlSyntaxHint);
        }

        return document;
    }

    /// <summary>Walks the syntax tree once, collecting leaves, [secrets] entries and string literal spans.</summary>
    private sealed class TreeWalker(string displayPath)
    {
        private const string SecretsKey = "secrets";
        private readonly Dictionary<string, int> _tableArrayCounts = new(StringComparer.Ordinal);

        internal bool HasSecretsTable { get; private set; }

        internal List<SecretEntry> Secrets { get; } = [];

        internal List<TomlLeaf> Leaves { get; } = [];

        private List<int> StringLeaves { get; } = [];

        /// <summary>The string leaves ordered by literal start (walk order is text order; sorted again only if it is not).</summary>
        internal int[] StringLeavesByStart()
        {
            var order = StringLeaves.ToArray();
            var sorted = true;
            for (var i = 1; i < order.Length && sorted; i++)
            {
                sorted = Leaves[order[i - 1]].LiteralSpan.Start < Leaves[order[i]].LiteralSpan.Start;
            }

            if (!sorted)
            {
                Array.Sort(order, (a, b) => Leaves[a].LiteralSpan.Start.CompareTo(Leaves[b].LiteralSpan.Start));
            }

            return order;
        }

        internal void Walk(DocumentSyntax document)
        {
            WalkKeyValues(document.KeyValues, []);
            foreach (var table in document.Tables)
            {
                var path = ResolveHeader(KeySegments(table.Name), table is TableArraySyntax);
                if (path[0] == SecretsKey)
                {
                    HasSecretsTable = true;
                }

                WalkKeyValues(table.Items, path);
            }
        }

        private void WalkKeyValues(SyntaxList<KeyValueSyntax> items, List<string> tablePath)
        {
            foreach (var keyValue in items)
            {
                WalkValue(keyValue.Value!, [.. tablePath, .. KeySegments(keyValue.Key)], insideArray: false);
            }
        }

        private void WalkValue(ValueSyntax value, List<string> path, bool insideArray)
        {
            var inSecrets = path[0] == SecretsKey && path.Count >= 2;
            if (path[0] == SecretsKey && (inSecrets || value is InlineTableSyntax))
            {
                HasSecretsTable = true;
            }

            switch (value)
            {
                case InlineTableSyntax inlineTable:
                    foreach (var item in inlineTable.Items)
                    {
                        var keyValue = item.KeyValue!;
                        WalkValue(keyValue.Value!, [.. path, .. KeySegments(keyValue.Key)], insideArray);
                    }

                    break;
                case ArraySyntax array:
                    if (inSecrets && !insideArray)
                    {
                        AddSecret(path, value, null, "array");
                    }

                    var index = 0;
                    foreach (var item in array.Items)
                    {
                        WalkValue(item.Value!, [.. path, (index++).ToString(CultureInfo.InvariantCulture)], insideArray: true);
                    }

                    break;
                default:
                    var leaf = MakeLeaf(value, path, inSecrets);
                    if (leaf.Kind == TomlValueKind.String)
                    {
                        StringLeaves.Add(Leaves.Count);
                    }

                    Leaves.Add(leaf);
                    if (inSecrets && !insideArray)
                    {
                        AddSecret(path, value, leaf.StringValue, KindName(leaf.Kind));
                    }

                    break;
            }
        }

        private void AddSecret(List<string> path, ValueSyntax value, string? stringValue, string kindName)
        {
            var alias = string.Join('.', path.Skip(1));
            var (line, column) = Position(value);
            var span = SpanOf(value);
            if (stringValue is not null && span.Length > MaxSecretLiteralChars)
            {
                throw new TomlDocumentException(TomlErrorKind.SecretTooLarge, displayPath, line, column, Messages.TomlSecretTooLarge(alias, span.Length, MaxSecretLiteralChars), alias);
            }

            Secrets.Add(new SecretEntry(alias, path.Count > 2, SecretClassifier.Classify(stringValue), stringValue, kindName, line, column, span));
        }

        private static TomlLeaf MakeLeaf(ValueSyntax value, List<string> path, bool inSecrets)
        {
            var (line, column) = Position(value);
            var span = SpanOf(value);
            (TomlValueKind Kind, object Value) parsed = value switch
            {
                StringValueSyntax s => (TomlValueKind.String, s.Value ?? string.Empty),
                IntegerValueSyntax i => (TomlValueKind.Integer, i.Value),
                FloatValueSyntax f => (TomlValueKind.Float, f.Value),
                BooleanValueSyntax b => (TomlValueKind.Boolean, b.Value),
                DateTimeValueSyntax d => (DateTimeKind(d.Kind), d.Token!.Text ?? string.Empty),
                _ => throw new InvalidOperationException($"unexpected TOML value node {value.Kind}"),
            };

            return new TomlLeaf(path.ToArray(), inSecrets, parsed.Kind, parsed.Value, line, column, span);
        }

        private List<string> ResolveHeader(List<string> segments, bool isTableArray)
        {
            var resolved = new List<string>(segments.Count + 2);
            for (var i = 0; i < segments.Count; i++)
            {
                resolved.Add(segments[i]);
                var key = string.Join('\0', resolved);
                if (i == segments.Count - 1 && isTableArray)
                {
                    var count = _tableArrayCounts.GetValueOrDefault(key);
                    _tableArrayCounts[key] = count + 1;
                    resolved.Add(count.ToString(CultureInfo.InvariantCulture));
                }
                else if (_tableArrayCounts.TryGetValue(key, out var count))
                {
                    resolved.Add((count - 1).ToString(CultureInfo.InvariantCulture));
                }
            }

            return resolved;
        }

        private static List<string> KeySegments(KeySyntax? key)
        {
            var segments = new List<string>();
            if (key is null)
            {
                return segments;
            }

            segments.Add(KeyText(key.Key));
            foreach (var dotted in key.DotKeys)
            {
                segments.Add(KeyText(dotted.Key));
            }

            return segments;
        }

        private static string KeyText(BareKeyOrStringValueSyntax? key) => key switch
        {
            BareKeySyntax bare => bare.Key?.Text ?? string.Empty,
            StringValueSyntax quoted => quoted.Value ?? string.Empty,
            _ => string.Empty,
        };

        private static (int Line, int Column) Position(SyntaxNode node) => (node.Span.Start.Line + 1, node.Span.Start.Column + 1);

        private static TomlSpan SpanOf(SyntaxNode node)
        {
            var span = node is StringValueSyntax { Token: { } token } ? token.Span : node.Span;
            return new TomlSpan(span.Start.Offset, span.End.Offset - span.Start.Offset + 1);
        }

        private static TomlValueKind DateTimeKind(SyntaxKind kind) => kind switch
        {
            SyntaxKind.LocalDateTime => TomlValueKind.LocalDateTime,
            SyntaxKind.LocalDate => TomlValueKind.LocalDate,
            SyntaxKind.LocalTime => TomlValueKind.LocalTime,
            _ => TomlValueKind.OffsetDateTime,
        };

        private static string KindName(TomlValueKind kind) => kind switch
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
}
