using System.Buffers.Binary;
using System.Text;

namespace SecVault.Tests.Keystores;

/// <summary>
/// Writes bytes as java.io.DataOutputStream does: big-endian integers and writeUTF's length-prefixed strings (ASCII
/// here). The builders of hand-made keystores and serialization streams extend it; each call returns the builder.
/// </summary>
internal abstract class DataOutput<TSelf>
    where TSelf : DataOutput<TSelf>
{
    private readonly List<byte> _bytes = [];

    public TSelf Raw(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return (TSelf)this;
    }

    public TSelf U16(int value) => Raw((byte)(value >> 8), (byte)value);

    public TSelf Int32(int value)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(b, value);
        return Raw(b);
    }

    public TSelf Int64(long value)
    {
        var b = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(b, value);
        return Raw(b);
    }

    public TSelf Utf(string ascii) => U16(ascii.Length).Raw(Encoding.ASCII.GetBytes(ascii));

    public byte[] ToArray() => [.. _bytes];
}
