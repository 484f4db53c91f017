namespace SecVault.Keystores;

/// <summary>
/// Walks one Java serialization stream (<c>ObjectOutputStream</c> grammar) without building objects, so a
/// JCEKS secret-key entry (a serialized sealed object with no length prefix) can be stepped over.
/// </summary>
internal sealed class JavaSerializationSkipper
{
    private const byte TcNull = 0x70;
    private const byte TcReference = 0x71;
    private const byte TcClassDesc = 0x72;
    private const byte TcObject = 0x73;
    private const byte TcString = 0x74;
    private const byte TcArray = 0x75;
    private const byte TcClass = 0x76;
    private const byte TcBlockData = 0x77;
    private const byte TcEndBlockData = 0x78;
    private const byte TcReset = 0x79;
    private const byte TcBlockDataLong = 0x7A;
    private const byte TcLongString = 0x7C;
    private const byte TcProxyClassDesc = 0x7D;
    private const byte TcEnum = 0x7E;
    private const byte ScWriteMethod = 0x01;
    private const byte ScSerializable = 0x02;
    private const byte ScExternalizable = 0x04;
    private const byte ScBlockData = 0x08;
    private const int MaxDepth = 64;

    private readonly JavaDataReader _reader;
    private readonly List<ClassDesc?> _handles = [];
    private Dictionary<string, object?>? _captured;

    private JavaSerializationSkipper(JavaDataReader reader)
    {
        _reader = reader;
    }

    /// <summary>Skips the stream header and one top-level object.</summary>
    public static void SkipObjectStream(JavaDataReader reader)
    {
        if (reader.ReadUInt16() != 0xACED || reader.ReadUInt16() != 5)
        {
            throw new InvalidDataException("not a Java serialization stream");
        }

        new JavaSerializationSkipper(reader).SkipContent(0);
    }

    /// <summary>
    /// Reads one serialized object and returns the byte-array and string values of its own fields by field name (a
    /// JCEKS SealedObject, a SecretKeySpec); other fields and nested objects are skipped. Nothing is ever instantiated.
    /// </summary>
    public static Dictionary<string, object?> ReadTopLevelFields(JavaDataReader reader)
    {
        if (reader.ReadUInt16() != 0xACED || reader.ReadUInt16() != 5)
        {
            throw new InvalidDataException("not a Java serialization stream");
        }

        var skipper = new JavaSerializationSkipper(reader) { _captured = new Dictionary<string, object?>(StringComparer.Ordinal) };
        skipper.SkipContent(0);
        return skipper._captured;
    }

    private void SkipContent(int depth) => SkipTagged(_reader.ReadByte(), depth);

    /// <summary>Skips one content item whose tag has been read: block data, or an object at <paramref name="depth"/>.</summary>
    private void SkipTagged(byte tag, int depth)
    {
        switch (tag)
        {
            case TcBlockData:
                _reader.Skip(_reader.ReadByte());
                break;
            case TcBlockDataLong:
                _reader.Skip(_reader.ReadInt32());
                break;
            default:
                SkipObject(tag, depth);
                break;
        }
    }

    private ClassDesc? SkipObject(byte tag, int depth)
    {
        // Every nested object, array, class and annotation comes through here: the limit keeps a crafted keystore from
        // overflowing the stack (it was checked only at the top level, so deep nesting recursed without bound).
        if (depth > MaxDepth)
        {
            throw new InvalidDataException("serialized object nested too deeply");
        }

        switch (tag)
        {
            case TcNull:
                return null;
            case TcReference:
                var handle = _reader.ReadInt32() - 0x7E0000;
                return handle >= 0 && handle < _handles.Count ? _handles[handle] : throw new InvalidDataException("bad handle");
            case TcClassDesc:
            case TcProxyClassDesc:
                return ReadClassDesc(tag, depth);
            case TcString:
                _handles.Add(null);
                _reader.Skip(_reader.ReadUInt16());
                return null;
            case TcLongString:
                _handles.Add(null);
                _reader.Skip(_reader.ReadInt64());
                return null;
            case TcClass:
                var described = ReadClassDescAny(depth);
                _handles.Add(null);
                return described;
            case TcEnum:
                ReadClassDescAny(depth);
                _handles.Add(null);
                SkipObject(_reader.ReadByte(), depth + 1);
                return null;
            case TcArray:
                SkipArray(depth);
                return null;
            case TcObject:
                SkipNewObject(depth);
                return null;
            case TcReset:
                _handles.Clear();
                return null;
            default:
                throw new InvalidDataException("unexpected serialization tag");
        }
    }

    private ClassDesc? ReadClassDescAny(int depth) => SkipObject(_reader.ReadByte(), depth + 1);

    private ClassDesc ReadClassDesc(byte tag, int depth)
    {
        var desc = new ClassDesc();
        if (tag == TcProxyClassDesc)
        {
            _handles.Add(desc);
            var count = _reader.ReadInt32();
            for (var i = 0; i < count; i++)
            {
                _reader.Skip(_reader.ReadUInt16());
            }

            desc.Flags = ScSerializable;
        }
        else
        {
            desc.Name = _reader.ReadUtf();
            _reader.ReadInt64();
            _handles.Add(desc);
            desc.Flags = _reader.ReadByte();
            int fieldCount = _reader.ReadUInt16();
            for (var i = 0; i < fieldCount; i++)
            {
                var type = (char)_reader.ReadByte();
                desc.FieldNames.Add(_reader.ReadUtf());
                if (type is '[' or 'L')
                {
                    SkipObject(_reader.ReadByte(), depth + 1);
                }

                desc.FieldTypes.Add(type);
            }
        }

        SkipAnnotation(depth);
        desc.Super = ReadClassDescAny(depth);
        return desc;
    }

    private void SkipAnnotation(int depth)
    {
        while (true)
        {
            var tag = _reader.ReadByte();
            if (tag == TcEndBlockData)
            {
                return;
            }

            SkipTagged(tag, depth + 1);
        }
    }

    private void SkipNewObject(int depth)
    {
        var desc = ReadClassDescAny(depth) ?? throw new InvalidDataException("object without class");
        _handles.Add(null);
        var hierarchy = new List<ClassDesc>();
        for (var c = desc; c is not null; c = c.Super)
        {
            hierarchy.Add(c);
        }

        hierarchy.Reverse();
        foreach (var c in hierarchy)
        {
            if ((c.Flags & ScExternalizable) != 0)
            {
                if ((c.Flags & ScBlockData) == 0)
                {
                    throw new InvalidDataException("old externalizable format");
                }

                SkipAnnotation(depth);
                continue;
            }

            for (var i = 0; i < c.FieldTypes.Count; i++)
            {
                if (depth == 0 && _captured is not null && c.FieldTypes[i] is '[' or 'L')
                {
                    _captured[c.FieldNames[i]] = CaptureValue(depth);
                    continue;
                }

                SkipValue(c.FieldTypes[i], depth);
            }

            if ((c.Flags & ScWriteMethod) != 0)
            {
                SkipAnnotation(depth);
            }
        }
    }

    /// <summary>A field's value: a new byte array or string is read, anything else skipped (null).</summary>
    private object? CaptureValue(int depth)
    {
        var tag = _reader.ReadByte();
        if (tag == TcString)
        {
            _handles.Add(null);
            return _reader.ReadUtf();
        }

        if (tag != TcArray)
        {
            SkipObject(tag, depth + 1);
            return null;
        }

        var desc = ReadClassDescAny(depth + 1) ?? throw new InvalidDataException("array without class");
        _handles.Add(null);
        var length = _reader.ReadInt32();
        if (desc.Name != "[B")
        {
            var elementType = desc.Name is { Length: > 1 } name ? name[1] : throw new InvalidDataException("bad array class");
            for (var i = 0; i < length; i++)
            {
                SkipValue(elementType, depth + 1);
            }

            return null;
        }

        return length >= 0 ? _reader.ReadBytes(length) : throw new InvalidDataException("negative array length");
    }

    private void SkipArray(int depth)
    {
        var desc = ReadClassDescAny(depth) ?? throw new InvalidDataException("array without class");
        _handles.Add(null);
        var length = _reader.ReadInt32();
        var elementType = desc.Name is { Length: > 1 } name ? name[1] : throw new InvalidDataException("bad array class");
        for (var i = 0; i < length; i++)
        {
            SkipValue(elementType, depth);
        }
    }

    private void SkipValue(char type, int depth)
    {
        switch (type)
        {
            case 'B' or 'Z':
                _reader.Skip(1);
                break;
            case 'C' or 'S':
                _reader.Skip(2);
                break;
            case 'I' or 'F':
                _reader.Skip(4);
                break;
            case 'J' or 'D':
                _reader.Skip(8);
                break;
            case 'L' or '[':
                SkipObject(_reader.ReadByte(), depth + 1);
                break;
            default:
                throw new InvalidDataException("bad field type");
        }
    }

    private sealed class ClassDesc
    {
        public string? Name { get; set; }

        public byte Flags { get; set; }

        public List<char> FieldTypes { get; } = [];

        public List<string> FieldNames { get; } = [];

        public ClassDesc? Super { get; set; }
    }
}
