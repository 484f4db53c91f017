namespace SecVault.Toml;

/// <summary>What kind of container a <see cref="TomlNode"/> is.</summary>
internal enum TomlNodeKind : byte
{
    Table,
    InlineTable,
    Array,
    TableArray,
}

/// <summary>How a table came to be, which decides what may still add to it (TOML 1.0, "Table").</summary>
[Flags]
internal enum TomlNodeFlags : byte
{
    None = 0,

    /// <summary>Made as a prefix of a [header] or [[header]]; a later [header] may still define it once.</summary>
    Implicit = 1,

    /// <summary>Defined by dotted keys: more dotted keys of the same table and sub-table headers may extend it, a [header] may not.</summary>
    Dotted = 2,

    /// <summary>Defined by its own [header] (or an element of [[header]]): closed to dotted keys from outside it.</summary>
    Header = 4,

    /// <summary>Inside [secrets] (the top-level key is "secrets").</summary>
    InSecrets = 8,

    /// <summary>A static array or inside one.</summary>
    InArray = 16,
}

/// <summary>One container of the document: a table, inline table, array or array of tables.</summary>
/// <remarks>
/// <see cref="Key"/> is the source offset of the node's key, or the bitwise complement of its index inside an array.
/// For arrays, <see cref="Count"/> is the element count and <see cref="Last"/> the last element of an array of tables.
/// </remarks>
internal struct TomlNode
{
    internal int Parent;
    internal int Key;
    internal int Count;
    internal int Last;
    internal ushort Depth;
    internal TomlNodeKind Kind;
    internal TomlNodeFlags Flags;
}

/// <summary>One scalar value of the document: 16 bytes, everything else is read again from the source when asked.</summary>
/// <remarks>
/// <see cref="Key"/> as in <see cref="TomlNode"/>; <see cref="Literal"/> is the source offset of the value's first byte.
/// The literal's length sits in the three bytes after <see cref="Kind"/>; a literal of 16 MiB or more keeps it in
/// <see cref="TomlIndex"/> instead (<see cref="TomlIndex.Length"/>).
/// </remarks>
internal struct TomlValue
{
    /// <summary>The packed length that means "kept in the index".</summary>
    internal const int LongLength = 0xFFFFFF;

    internal int Parent;
    internal int Key;
    internal int Literal;
    internal TomlValueKind Kind;
    private byte _lengthHigh;
    private ushort _lengthLow;

    /// <summary>The literal's length, or <see cref="LongLength"/>.</summary>
    internal int PackedLength
    {
        readonly get => (_lengthHigh << 16) | _lengthLow;
        set
        {
            // Stryker disable once Bitwise: lengths are never negative, so >> and >>> agree.
            _lengthHigh = (byte)(value >> 16);
            _lengthLow = (ushort)value;
        }
    }
}

/// <summary>
/// A list of structs kept in fixed blocks, so growing it never copies what it holds (a doubling list would hold two
/// copies at its peak).
/// </summary>
internal sealed class BlockList<T>
    where T : struct
{
    private const int BlockShift = 16;
    private const int BlockSize = 1 << BlockShift;
    private readonly List<T[]> _blocks = [];

    internal int Count { get; private set; }

    // Stryker disable once Bitwise: indices are never negative, so >> and >>> agree.
    internal ref T this[int index] => ref _blocks[index >> BlockShift][index & (BlockSize - 1)];

    internal int Add(in T item)
    {
        if ((Count & (BlockSize - 1)) == 0)
        {
            // Stryker disable once Conditional: the first block's size only decides memory, never what is stored.
            _blocks.Add(new T[Count == 0 ? 64 : BlockSize]);
        }
        else if (Count == _blocks[0].Length && _blocks.Count == 1)
        {
            // The first block starts small: most documents hold a few hundred values.
            // Stryker disable once Linq: how far it grows only decides memory, never what is stored.
            var grown = new T[Math.Min(BlockSize, Count * 4)];
            _blocks[0].CopyTo(grown, 0);
            _blocks[0] = grown;
        }

        var index = Count++;
        this[index] = item;
        return index;
    }
}

/// <summary>The index <see cref="TomlReader"/> builds over a document's bytes, and the names and positions read back from it.</summary>
internal sealed class TomlIndex(byte[] source)
{
    /// <summary>The whole file, byte-order marks included; every offset of the index points into it.</summary>
    internal byte[] Source { get; } = source;

    /// <summary>The tables and arrays; node 0 is the root table.</summary>
    internal BlockList<TomlNode> Nodes { get; } = new();

    /// <summary>The scalar values in document order (so also in source order).</summary>
    internal BlockList<TomlValue> Values { get; } = new();

    /// <summary>The lengths of the literals too long to pack into their <see cref="TomlValue"/>, by value index.</summary>
    private readonly Dictionary<int, int> _longLengths = [];

    /// <summary>The offset of the first byte of every line, found on the first <see cref="Position"/>.</summary>
    private int[]? _lines;

    /// <summary>The offset where line 1 starts (after a byte-order mark).</summary>
    internal int FirstLine { get; init; }

    /// <summary>The [secrets] entries in document order: a value's index, or the complement of an index into <see cref="SecretArrays"/>.</summary>
    internal BlockList<int> Secrets { get; } = new();

    /// <summary>The [secrets] entries that are arrays (never valid; kept to be reported).</summary>
    internal List<(int Parent, int Key, TomlSpan Span)> SecretArrays { get; } = [];

    private int[] _slots = new int[256];
    private int _slotCount;

    /// <summary>The key bytes of a node or value: its decoded key, or its array index in decimal.</summary>
    internal ReadOnlySpan<byte> KeyBytes(int key, ref byte[] scratch)
    {
        if (key >= 0)
        {
            return TomlSource.KeyBytes(Source, key, ref scratch);
        }

        // Stryker disable once Equality: a scratch of exactly 16 bytes is as good as a new one.
        if (scratch.Length < 16)
        {
            scratch = new byte[16];
        }

        (~key).TryFormat(scratch, out var written, provider: System.Globalization.CultureInfo.InvariantCulture);
        return scratch.AsSpan(0, written);
    }

    internal static int Hash(int parent, ReadOnlySpan<byte> key)
    {
        var hash = default(HashCode);
        // Stryker disable once Statement: the parent only spreads the entries over the slots; Find compares it.
        hash.Add(parent);
        hash.AddBytes(key);
        return hash.ToHashCode();
    }

    /// <summary>The entry named <paramref name="key"/> in node <paramref name="parent"/>: a value's index + 1, minus a node's index, or 0.</summary>
    /// <remarks>Array elements are entries too, named by their index ("0", "1", …).</remarks>
    internal int Find(int parent, ReadOnlySpan<byte> key, int hash, ref byte[] scratch)
    {
        var mask = _slots.Length - 1;
        for (var slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            var code = _slots[slot];
            if (code == 0)
            {
                return 0;
            }

            var (candidateParent, candidateKey) = Entry(code);
            if (candidateParent == parent && KeyBytes(candidateKey, ref scratch).SequenceEqual(key))
            {
                return code;
            }
        }
    }

    /// <summary>The entry at a path of decoded keys (array indices in decimal), as <see cref="Find(int, ReadOnlySpan{byte}, int, ref byte[])"/> gives it; 0 when absent.</summary>
    internal int Find(IReadOnlyList<string> path)
    {
        byte[] scratch = [];
        var node = 0;
        var code = 0;
        // A path through a value finds nothing: the next step looks for a parent of -(index + 1), and no entry has a
        // negative parent.
        for (var i = 0; i < path.Count; i++)
        {
            var key = System.Text.Encoding.UTF8.GetBytes(path[i]);
            code = Find(node, key, Hash(node, key), ref scratch);
            if (code == 0)
            {
                return 0;
            }

            node = -code;
        }

        return code;
    }

    // Stryker disable once Equality: 0 is no entry's code, and is never looked up.
    internal (int Parent, int Key) Entry(int code) =>
        code > 0 ? (Values[code - 1].Parent, Values[code - 1].Key) : (Nodes[-code].Parent, Nodes[-code].Key);

    /// <summary>Adds the entry <paramref name="code"/> (as <see cref="Find(int, ReadOnlySpan{byte}, int, ref byte[])"/> returns it) under its key's <paramref name="hash"/>.</summary>
    internal void Add(int hash, int code)
    {
        if ((_slotCount + 1) * 2 > _slots.Length)
        {
            var old = _slots;
            _slots = new int[old.Length * 2];
            byte[] scratch = [];
            foreach (var entry in old)
            {
                if (entry != 0)
                {
                    var (parent, key) = Entry(entry);
                    Insert(Hash(parent, KeyBytes(key, ref scratch)), entry);
                }
            }
        }

        Insert(hash, code);
        _slotCount++;
    }

    private void Insert(int hash, int code)
    {
        var mask = _slots.Length - 1;
        var slot = hash & mask;
        while (_slots[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }

        _slots[slot] = code;
    }

    private NodePath? _lastParent;

    /// <summary>The last position computed, so positions asked for in source order cost the distance between them.</summary>
    private PositionMark? _mark;

    /// <summary>The 1-based line and column (in Unicode scalar values) of a source offset.</summary>
    /// <remarks>
    /// Columns are counted from the previous position when it lies earlier on the same line: without that, the values
    /// of one long line (an inline table of 200,000 secrets) would cost the square of its length.
    /// </remarks>
    internal (int Line, int Column) Position(int offset)
    {
        var lines = LazyInitializer.EnsureInitialized(ref _lines, LineStarts);
        int low = 0, high = lines.Length - 1;
        while (low < high)
        {
            var middle = low + ((high - low + 1) / 2);
            (low, high) = lines[middle] <= offset ? (middle, high) : (low, middle - 1);
        }

        var mark = _mark;
        // Stryker disable once Conditional,Equality: the mark only saves counting from the line start; both give one column.
        var (from, column) = mark is not null && mark.Line == low && mark.Offset <= offset ? (mark.Offset, mark.Column) : (lines[low], 1);
        foreach (var b in Source.AsSpan(from, offset - from))
        {
            if ((b & 0xC0) != 0x80)
            {
                column++;
            }
        }

        _mark = new PositionMark(low, offset, column);
        return (low + 1, column);
    }

    /// <summary>
    /// The literal's source length of value <paramref name="value"/>. Packed into the value (or, from 16 MiB, kept
    /// aside): a million values would otherwise carry a second array of 4 MB.
    /// </summary>
    internal int Length(int value)
    {
        var packed = Values[value].PackedLength;
        return packed == TomlValue.LongLength ? _longLengths[value] : packed;
    }

    /// <summary>Records the literal length of value <paramref name="value"/>, just added.</summary>
    internal void SetLength(int value, int length)
    {
        if (length >= TomlValue.LongLength)
        {
            _longLengths[value] = length;
            length = TomlValue.LongLength;
        }

        Values[value].PackedLength = length;
    }

    /// <summary>
    /// Line starts: <see cref="FirstLine"/> and the offset after every LF (a CRLF ends in one; a lone CR is a syntax
    /// error). Found from the source the first time a position is asked for, so a document read without a message
    /// keeps no line table (4 MB for a million lines).
    /// </summary>
    private int[] LineStarts()
    {
        var text = Source.AsSpan(FirstLine);
        var lines = new int[text.Count((byte)'\n') + 1];
        lines[0] = FirstLine;
        for (int i = 1, at = 0; i < lines.Length; i++)
        {
            at += text[at..].IndexOf((byte)'\n') + 1;
            lines[i] = FirstLine + at;
        }

        return lines;
    }

    /// <summary>A computed position; immutable, so readers on several threads see a consistent one.</summary>
    private sealed record PositionMark(int Line, int Offset, int Column);

    /// <summary>The key of a node or value as text: its decoded key, or its array index.</summary>
    internal string KeyText(int key) =>
        key >= 0 ? TomlSource.KeyString(Source, key) : (~key).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The path of the entry <paramref name="key"/> of node <paramref name="parent"/>, array indices as segments.</summary>
    internal string[] PathSegments(int parent, int key)
    {
        var parentPath = ParentPath(parent);
        var segments = new string[parentPath.Length + 1];
        parentPath.CopyTo(segments, 0);
        segments[^1] = KeyText(key);
        return segments;
    }

    /// <summary>The path of node <paramref name="node"/>; the last one asked for is kept, since the values of a table come together.</summary>
    /// <remarks>Without it each value under a [header] of thousands of parts would decode the whole header again.</remarks>
    private string[] ParentPath(int node)
    {
        if (_lastParent is { } cached && cached.Node == node)
        {
            return cached.Segments;
        }

        var depth = 0;
        for (var n = node; n > 0; n = Nodes[n].Parent)
        {
            depth++;
        }

        var segments = new string[depth];
        for (var n = node; n > 0; n = Nodes[n].Parent)
        {
            segments[--depth] = KeyText(Nodes[n].Key);
        }

        _lastParent = new NodePath(node, segments);
        return segments;
    }

    /// <summary>A node's path; immutable, so readers on several threads see a consistent one.</summary>
    private sealed record NodePath(int Node, string[] Segments);

    /// <summary>The [secrets] alias of entry <paramref name="key"/> of node <paramref name="parent"/>: its path below [secrets], joined by '.'.</summary>
    /// <param name="parent">The node holding the entry.</param>
    /// <param name="key">The entry's key.</param>
    /// <param name="isDotted">True when the alias has more than one part.</param>
    internal string SecretAlias(int parent, int key, out bool isDotted)
    {
        var segments = PathSegments(parent, key);
        isDotted = segments.Length > 2;
        return string.Join('.', segments, 1, segments.Length - 1);
    }

    /// <summary>The path for a message: dotted, array indices in brackets (<c>datasource[1].props.a</c>).</summary>
    internal string DisplayName(int parent, int key)
    {
        var segments = PathSegments(parent, key);
        var keys = new List<int>();
        for (var n = parent; n > 0; n = Nodes[n].Parent)
        {
            keys.Add(Nodes[n].Key);
        }

        keys.Reverse();
        keys.Add(key);
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < segments.Length; i++)
        {
            if (keys[i] < 0)
            {
                text.Append('[').Append(segments[i]).Append(']');
            }
            else
            {
                text.Append(i == 0 ? string.Empty : ".").Append(segments[i]);
            }
        }

        return text.ToString();
    }
}
