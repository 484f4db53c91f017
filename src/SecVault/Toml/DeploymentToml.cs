using System.Collections;
using System.Text.Unicode;

namespace SecVault.Toml;

/// <summary>
/// A parsed deployment.toml that keeps its exact bytes, lists its [secrets] entries and scalar values,
/// and rewrites string literals in place without touching any other byte.
/// </summary>
/// <remarks>
/// Spans (<see cref="TomlSpan"/>) are byte offsets into the file as given to <see cref="Parse"/>, byte-order marks
/// included. The document keeps the file and a compact index (about 20 bytes a value); each <see cref="TomlLeaf"/> is
/// read from the file when asked for, so a large file costs a small constant times its size.
/// </remarks>
internal sealed class DeploymentToml
{
    /// <summary>The default largest file accepted by <see cref="Parse"/>: 64 MiB.</summary>
    public const long DefaultMaxFileBytes = 64L * 1024 * 1024;

    /// <summary>The largest string literal accepted in [secrets], in bytes of source (quotes included): 1 MiB.</summary>
    public const int MaxSecretLiteralBytes = 1024 * 1024;

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly TomlIndex _index;
    private readonly int _bomLength;

    private DeploymentToml(TomlReader reader, int bomLength, string displayPath)
    {
        _index = reader.Index;
        _bomLength = bomLength;
        DisplayPath = displayPath;
        HasSecretsTable = reader.HasSecretsTable;
        Secrets = new SecretList(_index);
        Leaves = new LeafList(_index);
    }

    /// <summary>The path used in messages, as given to <see cref="Parse"/>.</summary>
    public string DisplayPath { get; }

    /// <summary>True when the file starts with a UTF-8 byte-order mark (kept by <see cref="Rewrite"/>).</summary>
    public bool HasByteOrderMark => _bomLength > 0;

    /// <summary>True when the document defines a [secrets] table in any form (header, sub-table, dotted key, inline table).</summary>
    public bool HasSecretsTable { get; }

    /// <summary>
    /// Every [secrets] entry in document order; inline tables are expanded into dotted aliases, arrays are one (invalid)
    /// entry. Each is made from the index when asked for (a [secrets] table may hold a million entries).
    /// </summary>
    public IReadOnlyList<SecretEntry> Secrets { get; }

    /// <summary>Every scalar value of the document in document order, arrays and inline tables expanded; each is read when asked for.</summary>
    public IReadOnlyList<TomlLeaf> Leaves { get; }

    /// <summary>Parses a deployment.toml strictly: UTF-8 (a BOM is allowed), TOML 1.0 with no duplicate keys or tables.</summary>
    /// <exception cref="TomlDocumentException">The file is too large, not UTF-8, not valid TOML, or holds an oversized secret.</exception>
    public static DeploymentToml Parse(byte[] content, string displayPath, long maxFileBytes = DefaultMaxFileBytes)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(displayPath);
        ThrowIfTooLarge(content.LongLength, displayPath, maxFileBytes);

        // Every leading BOM belongs to the kept prefix, so a second BOM cannot shift a rewrite (found by fuzzing).
        var bomLength = 0;
        while (content.AsSpan(bomLength).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bomLength += 3;
        }

        ThrowIfNotUtf8(content, bomLength, displayPath);
        return new DeploymentToml(TomlReader.Read(content, bomLength, displayPath), bomLength, displayPath);
    }

    /// <summary>Throws when a file of <paramref name="length"/> bytes is over <paramref name="maxFileBytes"/>; call it before reading a file.</summary>
    /// <exception cref="TomlDocumentException">The file is too large.</exception>
    public static void ThrowIfTooLarge(long length, string displayPath, long maxFileBytes = DefaultMaxFileBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFileBytes);
        if (length > maxFileBytes)
        {
            throw new TomlDocumentException(TomlErrorKind.FileTooLarge, displayPath, 0, 0, TomlText.FileTooLarge(displayPath, length, maxFileBytes));
        }
    }

    /// <summary>The scalar at <paramref name="key"/> of the table <paramref name="tablePath"/> (dotted, e.g. "keystore.internal"; empty for the root), or null.</summary>
    public TomlLeaf? GetLeaf(string tablePath, string key)
    {
        ArgumentNullException.ThrowIfNull(tablePath);
        ArgumentNullException.ThrowIfNull(key);
        string[] path = [.. tablePath.Length == 0 ? [] : tablePath.Split('.'), key];
        return FindLeaf(path, out _);
    }

    /// <summary>The scalar at <paramref name="path"/> (keys, array indices in decimal), or null; <paramref name="isContainer"/> tells whether a table or array is there instead.</summary>
    internal TomlLeaf? FindLeaf(IReadOnlyList<string> path, out bool isContainer)
    {
        var code = _index.Find(path);
        isContainer = code < 0;
        return code > 0 ? Leaves[code - 1] : null;
    }

    /// <summary>
    /// The string values whose literal holds a '$' or an escape (which may spell one): the only values that can hold a
    /// placeholder. Read from the source without making a <see cref="TomlLeaf"/> of the others.
    /// </summary>
    internal IEnumerable<TomlLeaf> StringLeavesWithPossiblePlaceholders()
    {
        for (var i = 0; i < _index.Values.Count; i++)
        {
            var value = _index.Values[i];
            if (value.Kind == TomlValueKind.String && _index.Source.AsSpan(value.Literal, _index.Length(i)).ContainsAny((byte)'$', (byte)'\\'))
            {
                yield return Leaves[i];
            }
        }
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
        // Where a null sorts does not matter: Encoded refuses it, and ToList reads them all.
        var literals = Encoded(replacements.OrderBy(r => r?.Span.Start ?? 0)).ToList();
        var size = _index.Source.Length + literals.Sum(l => (long)l.Bytes.Length - l.Span.Length);
        var output = new byte[size];
        using var stream = new MemoryStream(output);
        WriteRewritten(stream, writer =>
        {
            foreach (var (span, bytes) in literals)
            {
                writer.Write(span, bytes);
            }
        });
        return output;
    }

    /// <summary>
    /// Writes the file to <paramref name="output"/> with string literals replaced, as <see cref="Rewrite"/> does, in one
    /// pass: <paramref name="replace"/> gives the replacements to the <see cref="LiteralWriter"/> in source order, one at
    /// a time, so they may be made while the file is written (a batch of encryptions at a time) and neither they nor
    /// the new file are held whole. The rest of the file is written when <paramref name="replace"/> returns.
    /// </summary>
    /// <exception cref="ArgumentException">A span is not a string literal of this document, or spans overlap or are out of order.</exception>
    internal void WriteRewritten(Stream output, Action<LiteralWriter> replace)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(replace);
        var writer = new LiteralWriter(this, output);
        replace(writer);
        output.Write(_index.Source, writer.End, _index.Source.Length - writer.End);
    }

    /// <summary>Each replacement checked against the document and its new literal encoded; they must be in source order and not overlap.</summary>
    private IEnumerable<(TomlSpan Span, byte[] Bytes)> Encoded(IEnumerable<LiteralReplacement> replacements)
    {
        var end = 0;
        foreach (var replacement in replacements)
        {
            ArgumentNullException.ThrowIfNull(replacement, nameof(replacements));
            ArgumentNullException.ThrowIfNull(replacement.NewValue, nameof(replacements));
            var quoting = CheckReplaced(replacement.Span, end, nameof(replacements));
            yield return (replacement.Span, EncodeNewLiteral(TomlLiteralWriter.Write(replacement.NewValue, replacement.Style, quoting), nameof(replacements)));
            end = replacement.Span.End;
        }
    }

    /// <summary>The quoting of the string literal at <paramref name="span"/>, which must start at or after <paramref name="end"/>.</summary>
    private LiteralQuoting CheckReplaced(TomlSpan span, int end, string parameter)
    {
        if (FindStringLiteral(span) is not { } quoting)
        {
            throw new ArgumentException($"span {span} is not a string literal of {DisplayPath}", parameter);
        }

        // Stryker disable once Equality: two values always have a separator between them, so no literal starts where the last one ended.
        if (span.Start < end)
        {
            throw new ArgumentException($"span {span} overlaps another replacement or comes before it in the file", parameter);
        }

        return quoting;
    }

    /// <summary>
    /// Takes the replacements of <see cref="WriteRewritten"/> in source order and writes the file up to and including
    /// each new literal.
    /// </summary>
    internal sealed class LiteralWriter
    {
        private readonly DeploymentToml _document;
        private readonly Stream _output;

        internal LiteralWriter(DeploymentToml document, Stream output) => (_document, _output) = (document, output);

        /// <summary>Where the source not yet written starts.</summary>
        internal int End { get; private set; }

        /// <summary>
        /// Replaces the string literal at <paramref name="span"/> with one holding <paramref name="value"/>, printable
        /// ASCII with no quote or backslash (a ciphertext's base64), written from its bytes with no string made.
        /// </summary>
        /// <exception cref="ArgumentException">The span is not a string literal, overlaps or comes before the last one, or the value needs escapes.</exception>
        public void Replace(TomlSpan span, ReadOnlySpan<byte> value, ReplacementStyle style)
        {
            var quoting = _document.CheckReplaced(span, End, nameof(span));
            // Stryker disable once Equality,Conditional: where the buffer lives (stack or heap) is not observable; both lengths are tested.
            var literal = value.Length <= 1022 ? stackalloc byte[value.Length + 2] : new byte[value.Length + 2];
            TomlLiteralWriter.WritePlain(value, style, quoting, literal);
            Write(span, literal);
        }

        /// <summary>Writes the source up to <paramref name="span"/>, then <paramref name="literal"/> in its place; the span is checked by the caller.</summary>
        internal void Write(TomlSpan span, ReadOnlySpan<byte> literal)
        {
            _output.Write(_document._index.Source, End, span.Start - End);
            _output.Write(literal);
            End = span.End;
        }
    }

    /// <summary>The quoting of the string literal at exactly <paramref name="span"/>, or null when no string value has that span.</summary>
    private LiteralQuoting? FindStringLiteral(TomlSpan span)
    {
        // Values are in source order, so their literal offsets are sorted.
        int low = 0, high = _index.Values.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var start = _index.Values[middle].Literal;
            if (start == span.Start)
            {
                return _index.Values[middle].Kind == TomlValueKind.String && _index.Length(middle) == span.Length ? QuotingAt(span.Start) : null;
            }

            // Stryker disable once Equality: start == span.Start returned above.
            (low, high) = start < span.Start ? (middle + 1, high) : (low, middle - 1);
        }

        return null;
    }

    private LiteralQuoting QuotingAt(int start)
    {
        var literal = _index.Source.AsSpan(start);
        return literal.StartsWith("'''"u8) ? LiteralQuoting.MultiLineLiteral
            : literal[0] == '\'' ? LiteralQuoting.Literal
            : LiteralQuoting.Basic;
    }

    private static byte[] EncodeNewLiteral(string literal, string parameter)
    {
        try
        {
            return StrictUtf8.GetBytes(literal);
        }
        catch (System.Text.EncoderFallbackException e)
        {
            throw new ArgumentException("a new value is not valid Unicode (unpaired surrogate)", parameter, e);
        }
    }

    private static void ThrowIfNotUtf8(byte[] content, int bomLength, string displayPath)
    {
        var bytes = content.AsSpan(bomLength);
        if (Utf8.IsValid(bytes))
        {
            return;
        }

        var read = 0;
        while (System.Text.Rune.DecodeFromUtf8(bytes[read..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            read += consumed;
        }

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

        throw new TomlDocumentException(TomlErrorKind.InvalidUtf8, displayPath, line, column, TomlText.InvalidUtf8, hint: TomlText.Utf8Hint);
    }

    /// <summary>The [secrets] entries as <see cref="SecretEntry"/>s, each made when asked for.</summary>
    private sealed class SecretList(TomlIndex index) : MadeOnDemand<SecretEntry>
    {
        public override int Count => index.Secrets.Count;

        protected override SecretEntry Make(int position)
        {
            var code = index.Secrets[position];
            if (code < 0)
            {
                var (parent, key, span) = index.SecretArrays[~code];
                return Entry(parent, key, span, TomlSource.ArrayKindName, stringSource: null);
            }

            var value = index.Values[code];
            var literal = new TomlSpan(value.Literal, index.Length(code));
            return Entry(value.Parent, value.Key, literal, TomlSource.KindName(value.Kind), value.Kind == TomlValueKind.String ? index.Source : null);
        }

        private SecretEntry Entry(int parent, int key, TomlSpan literal, string kind, byte[]? stringSource)
        {
            var alias = index.SecretAlias(parent, key, out var isDotted);
            var (line, column) = index.Position(literal.Start);
            return new SecretEntry(alias, isDotted, kind, line, column, literal, stringSource);
        }
    }

    /// <summary>The values as <see cref="TomlLeaf"/>s, each read from the source when asked for (a 64 MB file holds millions).</summary>
    private sealed class LeafList(TomlIndex index) : MadeOnDemand<TomlLeaf>
    {
        public override int Count => index.Values.Count;

        protected override TomlLeaf Make(int position)
        {
            var value = index.Values[position];
            var length = index.Length(position);
            var literal = index.Source.AsSpan(value.Literal, length);
            object parsed = value.Kind switch
            {
                TomlValueKind.String => TomlSource.DecodeString(index.Source, value.Literal, length),
                TomlValueKind.Integer => TomlSource.TryParseInteger(literal, out var number) ? number : 0L,
                TomlValueKind.Float => TomlSource.ParseFloat(literal),
                TomlValueKind.Boolean => literal[0] == 't',
                _ => System.Text.Encoding.UTF8.GetString(literal),
            };
            var (line, column) = index.Position(value.Literal);
            var inSecrets = (index.Nodes[value.Parent].Flags & TomlNodeFlags.InSecrets) != 0;
            return new TomlLeaf(index.PathSegments(value.Parent, value.Key), inSecrets, value.Kind, parsed, line, column, new TomlSpan(value.Literal, length));
        }
    }

    /// <summary>A read-only list whose items are made each time they are asked for.</summary>
    private abstract class MadeOnDemand<T> : IReadOnlyList<T>
    {
        public abstract int Count { get; }

        public T this[int index]
        {
            get
            {
                ArgumentOutOfRangeException.ThrowIfNegative(index);
                ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
                return Make(index);
            }
        }

        public IEnumerator<T> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>Makes the item at <paramref name="position"/>, already checked to be in range.</summary>
        protected abstract T Make(int position);
    }
}
