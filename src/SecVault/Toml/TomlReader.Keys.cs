namespace SecVault.Toml;

/// <summary>The key rules of TOML 1.0: which table a key lands in, and what may be defined or extended where.</summary>
internal sealed partial class TomlReader
{
    private byte[] _probeKey = new byte[64];
    private byte[] _candidateKey = new byte[64];

    /// <summary>Steps from <paramref name="node"/> into the table a [header]'s prefix names, making it (implicitly) when new.</summary>
    private int DescendForHeader(int node, int key)
    {
        var hash = KeyHash(node, key);
        var code = Find(node, key, hash);
        if (code == 0)
        {
            return AddNode(node, key, hash, TomlNodeKind.Table, TomlNodeFlags.Implicit);
        }

        // Stryker disable once Equality: code is not 0 here (returned above), so "< 0" and "<= 0" agree.
        return code < 0 && Nodes[-code].Kind is TomlNodeKind.Table ? -code
            : code < 0 && Nodes[-code].Kind is TomlNodeKind.TableArray ? Nodes[-code].Last
            : throw NotExtensible(code, node, key);
    }

    /// <summary>Steps from <paramref name="node"/> into the table a dotted key's prefix names, defining it when new.</summary>
    private int DescendForDottedKey(int node, int key)
    {
        var hash = KeyHash(node, key);
        var code = Find(node, key, hash);
        if (code == 0)
        {
            return AddNode(node, key, hash, TomlNodeKind.Table, TomlNodeFlags.Dotted);
        }

        // A table made by dotted keys may take more of them, and one so far only named as a [header]'s prefix becomes
        // defined by them; one with its own header may not be extended from outside it (TOML 1.0, "Table").
        // Stryker disable once Equality: code is not 0 here (returned above), so "< 0" and "<= 0" agree.
        if (code < 0 && Nodes[-code].Kind is TomlNodeKind.Table)
        {
            var flags = Nodes[-code].Flags;
            if ((flags & TomlNodeFlags.Dotted) != 0)
            {
                return -code;
            }

            if ((flags & TomlNodeFlags.Implicit) != 0)
            {
                Nodes[-code].Flags = (flags & ~TomlNodeFlags.Implicit) | TomlNodeFlags.Dotted;
                return -code;
            }
        }

        throw NotExtensible(code, node, key);
    }

    /// <summary>Defines the table of a [header]: new, or one so far only named as a prefix of another header.</summary>
    private int DefineTable(int node, int key)
    {
        var hash = KeyHash(node, key);
        var code = Find(node, key, hash);
        if (code == 0)
        {
            return AddNode(node, key, hash, TomlNodeKind.Table, TomlNodeFlags.Header);
        }

        // Stryker disable once Equality: code is not 0 here (returned above), so "< 0" and "<= 0" agree.
        if (code < 0 && Nodes[-code].Kind is TomlNodeKind.Table && (Nodes[-code].Flags & (TomlNodeFlags.Implicit | TomlNodeFlags.Dotted | TomlNodeFlags.Header)) == TomlNodeFlags.Implicit)
        {
            Nodes[-code].Flags = (Nodes[-code].Flags & ~TomlNodeFlags.Implicit) | TomlNodeFlags.Header;
            Nodes[-code].Key = key;
            return -code;
        }

        throw Duplicate(code, node, key);
    }

    /// <summary>Adds an element to the array of tables a [[header]] names, making the array when new.</summary>
    private int AddTableArrayElement(int node, int key)
    {
        var hash = KeyHash(node, key);
        var code = Find(node, key, hash);
        int array;
        if (code == 0)
        {
            array = AddNode(node, key, hash, TomlNodeKind.TableArray, TomlNodeFlags.Header);
        }
        else if (code < 0 && Nodes[-code].Kind is TomlNodeKind.TableArray)
        {
            array = -code;
        }
        else
        {
            throw NotExtensible(code, node, key);
        }

        var element = AddNode(array, ~Nodes[array].Count, 0, TomlNodeKind.Table, TomlNodeFlags.Header);
        Nodes[array].Count++;
        Nodes[array].Last = element;
        return element;
    }

    private int AddNode(int parent, int key, int hash, TomlNodeKind kind, TomlNodeFlags flags)
    {
        flags |= Nodes[parent].Flags & (TomlNodeFlags.InSecrets | TomlNodeFlags.InArray);
        if (parent == 0 && TomlSource.KeyEquals(Index.Source, key, SecretsKey))
        {
            // Stryker disable once Assignment: the root holds no InSecrets to pass on, so "^=" sets the flag as "|=" does.
            flags |= TomlNodeFlags.InSecrets;

            // Stryker disable once Assignment: the root's entry "secrets" is made once (a second is a duplicate), so this runs once.
            HasSecretsTable |= kind is not TomlNodeKind.Array;
        }

        // Every value's path is as deep as its table: a cap keeps a planted header of thousands of parts from costing
        // its length again for each value under it. It also bounds the reader's recursion, since every array and
        // inline table is a node made here before the reader steps into it.
        var depth = Nodes[parent].Depth + 1;
        if (depth > MaxDepth)
        {
            // A named entry is reported at its name; an element of an array of tables at that array's name, since
            // the reader has stepped past the header's "]]" by now; an element of an inline array at its bracket.
            var at = key >= 0 ? key : Nodes[parent].Kind is TomlNodeKind.TableArray ? Nodes[parent].Key : _pos;
            throw SyntaxAt(at, TomlText.TooDeep(MaxDepth));
        }

        // Stryker disable once Unary: Last is read only for an array of tables, which has its first element before any read.
        var node = Nodes.Add(new TomlNode { Parent = parent, Key = key, Last = -1, Depth = (ushort)depth, Kind = kind, Flags = flags });
        Index.Add(key >= 0 ? hash : KeyHash(parent, key), -node);
        return node;
    }

    private int KeyHash(int parent, int key) => TomlIndex.Hash(parent, Index.KeyBytes(key, ref _probeKey));

    /// <summary>The entry named <paramref name="key"/> in <paramref name="parent"/>, as <see cref="TomlIndex.Find(int, ReadOnlySpan{byte}, int, ref byte[])"/> gives it.</summary>
    private int Find(int parent, int key, int hash) => Index.Find(parent, Index.KeyBytes(key, ref _probeKey), hash, ref _candidateKey);

    private (int Parent, int Key) Entry(int code) => Index.Entry(code);

    private TomlDocumentException Duplicate(int existing, int parent, int key)
    {
        var (first, firstColumn) = Index.Position(Entry(existing).Key);
        var (line, column) = Index.Position(key);
        return new TomlDocumentException(TomlErrorKind.DuplicateKey, _displayPath, line, column, TomlText.DuplicateKey(Index.DisplayName(parent, key), first, firstColumn), hint: TomlText.SyntaxHint);
    }

    private TomlDocumentException NotExtensible(int existing, int parent, int key)
    {
        var what = existing > 0 ? TomlText.AValue
            : Nodes[-existing].Kind switch
            {
                TomlNodeKind.InlineTable => TomlText.AnInlineTable,
                TomlNodeKind.Array => TomlText.AnArray,
                TomlNodeKind.TableArray => TomlText.AnArrayOfTables,
                _ when (Nodes[-existing].Flags & TomlNodeFlags.Dotted) != 0 => TomlText.ATableOfDottedKeys,
                _ => TomlText.ATableWithHeader,
            };
        var (first, firstColumn) = Index.Position(Entry(existing).Key);
        var (line, column) = Index.Position(key);
        return new TomlDocumentException(TomlErrorKind.DuplicateKey, _displayPath, line, column, TomlText.NotExtensible(Index.DisplayName(parent, key), what, first, firstColumn), hint: TomlText.SyntaxHint);
    }

    private void AddSecret(int parent, int key, int start, TomlValueKind kind, int value)
    {
        var length = _pos - start;
        ThrowIfAliasTooLong(parent, key);
        if (kind == TomlValueKind.String && length > DeploymentToml.MaxSecretLiteralBytes)
        {
            var (line, column) = Index.Position(start);
            var alias = Index.SecretAlias(parent, key, out _);
            throw new TomlDocumentException(TomlErrorKind.SecretTooLarge, _displayPath, line, column, TomlText.SecretTooLarge(alias, length, DeploymentToml.MaxSecretLiteralBytes), alias);
        }

        Index.Secrets.Add(value);
    }

    private void AddArraySecret(int parent, int key, int start)
    {
        ThrowIfAliasTooLong(parent, key);
        Index.Secrets.Add(~Index.SecretArrays.Count);
        Index.SecretArrays.Add((parent, key, new TomlSpan(start, _pos - start)));
    }

    /// <summary>Aliases are names, and each [secrets] entry keeps its own: a planted one of megabytes would be kept once per entry.</summary>
    private void ThrowIfAliasTooLong(int parent, int key)
    {
        var alias = Index.SecretAlias(parent, key, out _);
        if (alias.Length > MaxAliasLength)
        {
            // At the key, the part of the line at fault (for a dotted alias, its last part).
            var (line, column) = Index.Position(key);
            throw new TomlDocumentException(TomlErrorKind.SecretTooLarge, _displayPath, line, column, TomlText.AliasTooLong(alias.Length, MaxAliasLength), hint: TomlText.SyntaxHint);
        }
    }
}
