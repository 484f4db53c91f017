using System.Buffers.Binary;
using System.Text;

namespace SecVault.Keystores;

/// <summary>Reads Java <c>DataInputStream</c> values (big-endian, modified UTF-8) from a byte array.</summary>
internal sealed class JavaDataReader(byte[] data, int end)
{
    private readonly byte[] _data = data;
    private readonly int _end = end;

    public int Position { get; private set; }

    public byte ReadByte()
    {
        Require(1);
        return _data[Position++];
    }

    public ushort ReadUInt16()
    {
        Require(2);
        var value = BinaryPrimitives.ReadUInt16BigEndian(_data.AsSpan(Position));
        Position += 2;
        return value;
    }

    public int ReadInt32()
    {
        Require(4);
        var value = BinaryPrimitives.ReadInt32BigEndian(_data.AsSpan(Position));
        Position += 4;
        return value;
    }

    public long ReadInt64()
    {
        Require(8);
        var value = BinaryPrimitives.ReadInt64BigEndian(_data.AsSpan(Position));
        Position += 8;
        return value;
    }

    public byte[] ReadBytes(long count)
    {
        if (count < 0)
        {
            throw new InvalidDataException("negative length");
        }

        Require(count);
        var bytes = _data.AsSpan(Position, (int)count).ToArray();
        Position += (int)count;
        return bytes;
    }

    public void Skip(long count)
    {
        if (count < 0)
        {
            throw new InvalidDataException("negative length");
        }

        Require(count);
        Position += (int)count;
    }

    /// <summary>Reads <c>DataInput.readUTF</c>: a 16-bit length, then modified UTF-8 (CESU-8, NUL as C0 80).</summary>
    public string ReadUtf()
    {
        int length = ReadUInt16();
        Require(length);
        var bytes = _data.AsSpan(Position, length);
        Position += length;
        var text = new StringBuilder(length);
        for (var i = 0; i < bytes.Length;)
        {
            int b = bytes[i];
            if (b < 0x80)
            {
                text.Append((char)b);
                i++;
            }
            else if ((b & 0xE0) == 0xC0 && i + 1 < bytes.Length && (bytes[i + 1] & 0xC0) == 0x80)
            {
                text.Append((char)(((b & 0x1F) << 6) | (bytes[i + 1] & 0x3F)));
                i += 2;
            }
            else if ((b & 0xF0) == 0xE0 && i + 2 < bytes.Length && (bytes[i + 1] & 0xC0) == 0x80 && (bytes[i + 2] & 0xC0) == 0x80)
            {
                text.Append((char)(((b & 0x0F) << 12) | ((bytes[i + 1] & 0x3F) << 6) | (bytes[i + 2] & 0x3F)));
                i += 3;
            }
            else
            {
                throw new InvalidDataException("malformed modified UTF-8");
            }
        }

        return text.ToString();
    }

    private void Require(long count)
    {
        if (count > _end - Position)
        {
            throw new EndOfStreamException();
        }
    }
}
