namespace SecVault.Toml;

/// <summary>
/// Reads a TOML 1.0 document strictly from UTF-8 bytes (already checked to be valid UTF-8) into a compact index: one
/// 20-byte record a value, one a table or array, a hash table of keys and the start of every line. No syntax tree is
/// built, so a file costs a small constant times its size; keys and values are decoded again from the source when
/// asked (<see cref="TomlSource"/>).
/// </summary>
/// <remarks>
/// Why not Tomlyn, which SecVault used before: its syntax tree kept about 1.3 KB a value (1.3 GB for a 16 MB file of
/// 1M keys), and its validator told keys apart by hash code alone. See docs/decisions.md.
/// </remarks>
internal sealed partial class TomlReader
{
    /// <summary>Tables, arrays and inline tables nested deeper than this are refused (the reader recurses once a level).</summary>
    internal const int MaxDepth = 128;

    /// <summary>The longest [secrets] alias accepted, in characters.</summary>
    internal const int MaxAliasLength = 1024;

    private const string SecretsKey = "secrets";

    private readonly byte[] _src;
    private readonly int _end;
    private readonly string _displayPath;
    private readonly List<int> _keyParts = [];
    private int _pos;

    private TomlReader(byte[] source, int start, string displayPath)
    {
        _src = source;
        _pos = start;
        _end = source.Length;
        _displayPath = displayPath;
        Index = new TomlIndex(source) { FirstLine = start };
        // Stryker disable once Initializer,Unary: the root's parent, key and flags are never read: paths stop at node 0, and it has no InSecrets or InArray to pass on.
        Nodes.Add(new TomlNode { Parent = -1, Key = -1, Kind = TomlNodeKind.Table, Flags = TomlNodeFlags.Header });
    }

    /// <summary>What was read: every value, table and line.</summary>
    internal TomlIndex Index { get; }

    private BlockList<TomlNode> Nodes => Index.Nodes;

    private BlockList<TomlValue> Values => Index.Values;

    /// <summary>True when a table (of any form) named secrets sits at the top level.</summary>
    internal bool HasSecretsTable { get; private set; }

    /// <summary>Reads the whole document from <paramref name="start"/> (after any byte-order marks).</summary>
    /// <exception cref="TomlDocumentException">The document is not valid TOML 1.0, or a secret is too large.</exception>
    internal static TomlReader Read(byte[] source, int start, string displayPath)
    {
        var reader = new TomlReader(source, start, displayPath);
        reader.ReadDocument();
        return reader;
    }

    private void ReadDocument()
    {
        var table = 0;
        while (true)
        {
            SkipSpaces();
            if (_pos >= _end)
            {
                return;
            }

            switch (_src[_pos])
            {
                case (byte)'#':
                    break;
                case (byte)'[':
                    table = ReadHeader();
                    break;
                case (byte)'\n' or (byte)'\r':
                    break;
                default:
                    ReadKeyValue(table);
                    break;
            }

            SkipSpaces();
            SkipComment();
            ExpectLineEnd();
        }
    }

    private int ReadHeader()
    {
        var isArray = _pos + 1 < _end && _src[_pos + 1] == '[';
        _pos += isArray ? 2 : 1;
        ReadKey();
        if (!Take((byte)']') || (isArray && !Take((byte)']')))
        {
            throw Syntax(isArray ? TomlText.ExpectedArrayHeaderEnd : TomlText.ExpectedHeaderEnd);
        }

        var node = 0;
        for (var i = 0; i < _keyParts.Count - 1; i++)
        {
            node = DescendForHeader(node, _keyParts[i]);
        }

        return isArray ? AddTableArrayElement(node, _keyParts[^1]) : DefineTable(node, _keyParts[^1]);
    }

    private void ReadKeyValue(int table)
    {
        ReadKey();
        if (!Take((byte)'='))
        {
            throw Syntax(TomlText.ExpectedEquals);
        }

        var target = table;
        for (var i = 0; i < _keyParts.Count - 1; i++)
        {
            target = DescendForDottedKey(target, _keyParts[i]);
        }

        var key = _keyParts[^1];
        var hash = KeyHash(target, key);
        if (Find(target, key, hash) is var existing and not 0)
        {
            throw Duplicate(existing, target, key);
        }

        SkipSpaces();
        ReadValue(target, key, hash);
    }

    /// <summary>Reads a value for <paramref name="key"/> (a source offset, or the complement of an array index) of <paramref name="parent"/>.</summary>
    private void ReadValue(int parent, int key, int hash)
    {
        if (_pos >= _end)
        {
            throw Syntax(TomlText.ExpectedValue);
        }

        var start = _pos;
        TomlValueKind kind;
        switch (_src[_pos])
        {
            case (byte)'"':
            case (byte)'\'':
                ScanString();
                kind = TomlValueKind.String;
                break;
            case (byte)'[':
                ReadArray(parent, key, hash);
                return;
            case (byte)'{':
                ReadInlineTable(parent, key, hash);
                return;
            default:
                kind = ScanScalar();
                break;
        }

        EndOfValue();
        var value = Values.Add(new TomlValue { Parent = parent, Key = key, Literal = start, Kind = kind });
        Index.SetLength(value, _pos - start);
        Index.Add(key >= 0 ? hash : KeyHash(parent, key), value + 1);

        var flags = Nodes[parent].Flags;
        if ((flags & TomlNodeFlags.InSecrets) != 0 && (flags & TomlNodeFlags.InArray) == 0)
        {
            AddSecret(parent, key, start, kind, value);
        }
    }

    private void ReadArray(int parent, int key, int hash)
    {
        // Made before stepping past the '[', so an array nested too deep is reported at its bracket.
        var start = _pos;
        var node = AddNode(parent, key, hash, TomlNodeKind.Array, TomlNodeFlags.InArray);
        _pos++;
        var count = 0;
        while (true)
        {
            SkipSpacesCommentsAndNewLines();
            if (_pos >= _end)
            {
                throw Syntax(TomlText.UnclosedArray);
            }

            if (Take((byte)']'))
            {
                break;
            }

            ReadValue(node, ~count, 0);
            count++;
            SkipSpacesCommentsAndNewLines();
            if (Take((byte)','))
            {
                continue;
            }

            if (Take((byte)']'))
            {
                break;
            }

            throw Syntax(_pos >= _end ? TomlText.UnclosedArray : TomlText.ExpectedArraySeparator);
        }

        Nodes[node].Count = count;
        EndOfValue();
        var flags = Nodes[parent].Flags;
        if ((flags & TomlNodeFlags.InSecrets) != 0 && (flags & TomlNodeFlags.InArray) == 0)
        {
            AddArraySecret(parent, key, start);
        }
    }

    private void ReadInlineTable(int parent, int key, int hash)
    {
        var node = AddNode(parent, key, hash, TomlNodeKind.InlineTable, TomlNodeFlags.None);
        _pos++;
        SkipSpaces();
        if (!Take((byte)'}'))
        {
            while (true)
            {
                ReadKeyValue(node);
                SkipSpaces();
                if (Take((byte)','))
                {
                    SkipSpaces();
                    if (_pos < _end && _src[_pos] == '}')
                    {
                        throw Syntax(TomlText.TrailingCommaInInlineTable);
                    }

                    continue;
                }

                if (Take((byte)'}'))
                {
                    break;
                }

                throw Syntax(TomlText.ExpectedInlineSeparator);
            }
        }

        EndOfValue();
    }

    /// <summary>Reads a possibly dotted key into <see cref="_keyParts"/> (the offset of each part) and the spaces after it.</summary>
    private void ReadKey()
    {
        _keyParts.Clear();
        while (true)
        {
            SkipSpaces();
            _keyParts.Add(_pos);
            ScanKeyPart();
            SkipSpaces();
            if (!Take((byte)'.'))
            {
                return;
            }
        }
    }

    private void ScanKeyPart()
    {
        if (_pos >= _end)
        {
            throw Syntax(TomlText.ExpectedKey);
        }

        var b = _src[_pos];
        if (b is (byte)'"' or (byte)'\'')
        {
            if (_pos + 2 < _end && _src[_pos + 1] == b && _src[_pos + 2] == b)
            {
                throw Syntax(TomlText.MultiLineKey);
            }

            ScanString();
            return;
        }

        var start = _pos;
        while (_pos < _end && TomlSource.IsBareKeyByte(_src[_pos]))
        {
            _pos++;
        }

        if (_pos == start)
        {
            throw Syntax(TomlText.ExpectedKey);
        }
    }

    /// <summary>After a scalar, array or inline table only spaces, a comment, a separator or the line end may follow.</summary>
    private void EndOfValue()
    {
        if (_pos < _end && _src[_pos] is not ((byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'#' or (byte)',' or (byte)']' or (byte)'}'))
        {
            throw Syntax(TomlText.ValueNotEnded);
        }
    }

    private bool Take(byte expected)
    {
        if (_pos < _end && _src[_pos] == expected)
        {
            _pos++;
            return true;
        }

        return false;
    }

    private void SkipSpaces()
    {
        while (_pos < _end && _src[_pos] is (byte)' ' or (byte)'\t')
        {
            _pos++;
        }
    }

    /// <summary>Skips a comment up to (not including) its line end; control characters other than tab are refused in it.</summary>
    private void SkipComment()
    {
        if (_pos >= _end || _src[_pos] != '#')
        {
            return;
        }

        for (_pos++; _pos < _end; _pos++)
        {
            var b = _src[_pos];
            if (b is (byte)'\n' or (byte)'\r')
            {
                return;
            }

            if (b is (< 0x20 and not (byte)'\t') or 0x7F)
            {
                throw Syntax(TomlText.ControlCharacter);
            }
        }
    }

    private void ExpectLineEnd()
    {
        if (_pos >= _end)
        {
            return;
        }

        if (!TakeNewLine())
        {
            throw Syntax(_src[_pos] is < 0x20 or 0x7F and not (byte)'\t' ? TomlText.ControlCharacter : TomlText.ExpectedLineEnd);
        }
    }

    /// <summary>Takes LF or CRLF and records the next line; a lone CR is an error.</summary>
    private bool TakeNewLine()
    {
        if (_src[_pos] == '\n')
        {
            _pos++;
            return true;
        }

        if (_src[_pos] == '\r')
        {
            if (_pos + 1 < _end && _src[_pos + 1] == '\n')
            {
                _pos += 2;
                return true;
            }

            throw Syntax(TomlText.LoneCarriageReturn);
        }

        return false;
    }

    private void SkipSpacesCommentsAndNewLines()
    {
        while (true)
        {
            SkipSpaces();
            SkipComment();
            if (_pos >= _end || !TakeNewLine())
            {
                return;
            }
        }
    }

    private TomlDocumentException Syntax(string what) => SyntaxAt(_pos, what);

    private TomlDocumentException SyntaxAt(int offset, string what)
    {
        var (line, column) = Index.Position(offset);
        return new TomlDocumentException(TomlErrorKind.Syntax, _displayPath, line, column, what, hint: TomlText.SyntaxHint);
    }
}
