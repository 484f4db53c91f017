using SecVault.Keystores;

namespace SecVault.Tests.Keystores;

/// <summary>
/// java.io.DataInputStream's values: big-endian integers and readUTF's modified UTF-8 (a 16-bit length, then one to
/// three bytes a UTF-16 unit, NUL as C0 80, supplementary characters as two 3-byte surrogates). The byte sequences
/// are worked out by hand from the DataInput documentation.
/// </summary>
public sealed class JavaDataReaderTests
{
    private static JavaDataReader Reader(params byte[] data) => new(data, data.Length);

    [Fact]
    public void Integers_are_read_big_endian_and_move_the_position_by_their_size()
    {
        var reader = Reader(0xAB, 0xFE, 0xDC, 0x80, 0x00, 0x00, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE);

        Assert.Equal((0xAB, 1), (reader.ReadByte(), reader.Position));
        Assert.Equal((0xFEDC, 3), (reader.ReadUInt16(), reader.Position));
        Assert.Equal((-2147483647, 7), (reader.ReadInt32(), reader.Position));
        Assert.Equal((-2L, 15), (reader.ReadInt64(), reader.Position));
    }

    [Fact]
    public void Nothing_is_read_past_the_end_given_even_when_the_array_goes_on()
    {
        byte[] data = [1, 2, 3, 4, 5, 6, 7, 8, 9];

        Assert.Throws<EndOfStreamException>(() => new JavaDataReader(data, 0).ReadByte());
        Assert.Throws<EndOfStreamException>(() => new JavaDataReader(data, 1).ReadUInt16());
        Assert.Throws<EndOfStreamException>(() => new JavaDataReader(data, 3).ReadInt32());
        Assert.Throws<EndOfStreamException>(() => new JavaDataReader(data, 7).ReadInt64());
        Assert.Throws<EndOfStreamException>(() => new JavaDataReader(data, 2).ReadBytes(3));
        Assert.Throws<EndOfStreamException>(() => new JavaDataReader(data, 2).Skip(3));
        Assert.Equal(0x0102030405060708, new JavaDataReader(data, 8).ReadInt64());
    }

    [Fact]
    public void Bytes_up_to_the_end_are_read_and_skipped_exactly()
    {
        var reader = Reader(1, 2, 3, 4, 5);

        Assert.Empty(reader.ReadBytes(0));
        reader.Skip(0);
        Assert.Equal(0, reader.Position);
        Assert.Equal(new byte[] { 1, 2 }, reader.ReadBytes(2));
        reader.Skip(1);
        Assert.Equal(new byte[] { 4, 5 }, reader.ReadBytes(2));
        Assert.Equal(5, reader.Position);
        Assert.Throws<EndOfStreamException>(() => reader.Skip(1));
    }

    [Fact]
    public void A_negative_length_is_invalid_data_rather_than_an_end_of_stream()
    {
        var reader = Reader(1, 2, 3);

        Assert.Equal("negative length", Assert.Throws<InvalidDataException>(() => reader.ReadBytes(-1)).Message);
        Assert.Equal("negative length", Assert.Throws<InvalidDataException>(() => reader.Skip(-1)).Message);
        Assert.Equal(0, reader.Position);
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x00 }, "")]
    [InlineData(new byte[] { 0x00, 0x03, 0x61, 0x62, 0x7F }, "ab\u007F")]
    [InlineData(new byte[] { 0x00, 0x02, 0xC0, 0x80 }, "\0")] // NUL in two bytes
    [InlineData(new byte[] { 0x00, 0x02, 0xC3, 0xA9 }, "é")] // U+00E9
    [InlineData(new byte[] { 0x00, 0x02, 0xDF, 0xBF }, "\u07FF")] // the last two-byte unit
    [InlineData(new byte[] { 0x00, 0x03, 0xE2, 0x82, 0xAC }, "€")] // U+20AC
    [InlineData(new byte[] { 0x00, 0x03, 0xEF, 0xBF, 0xBF }, "\uFFFF")] // the last three-byte unit
    [InlineData(new byte[] { 0x00, 0x06, 0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80 }, "😀")] // U+1F600 as the surrogates D83D DE00
    [InlineData(new byte[] { 0x00, 0x04, 0x61, 0xC3, 0xA9, 0x62 }, "aéb")]
    public void Read_utf_decodes_modified_utf8(byte[] data, string expected)
    {
        var reader = Reader(data);

        Assert.Equal((expected, data.Length), (reader.ReadUtf(), reader.Position));
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x01, 0x80 })] // a continuation byte first
    [InlineData(new byte[] { 0x00, 0x01, 0xC3 })] // a two-byte unit cut by the length
    [InlineData(new byte[] { 0x00, 0x02, 0xC3, 0x41 })] // its second byte not a continuation
    [InlineData(new byte[] { 0x00, 0x02, 0xC3, 0xC3 })]
    [InlineData(new byte[] { 0x00, 0x02, 0xE2, 0x82 })] // a three-byte unit cut by the length
    [InlineData(new byte[] { 0x00, 0x03, 0xE2, 0x41, 0xAC })] // its second byte not a continuation
    [InlineData(new byte[] { 0x00, 0x03, 0xE2, 0x82, 0x41 })] // its third byte not a continuation
    [InlineData(new byte[] { 0x00, 0x03, 0xE2, 0x82, 0xC0 })]
    [InlineData(new byte[] { 0x00, 0x04, 0xF0, 0x9F, 0x98, 0x80 })] // standard UTF-8's four-byte form
    [InlineData(new byte[] { 0x00, 0x01, 0xF8 })]
    public void Read_utf_refuses_what_modified_utf8_does_not_allow(byte[] data)
    {
        Assert.Equal("malformed modified UTF-8", Assert.Throws<InvalidDataException>(() => Reader(data).ReadUtf()).Message);
    }

    [Fact]
    public void Read_utf_stops_at_the_end_when_the_length_runs_past_it()
    {
        byte[] data = [0x00, 0x03, 0x61, 0x62, 0x63];

        Assert.Throws<EndOfStreamException>(() => new JavaDataReader(data, 4).ReadUtf());
        Assert.Throws<EndOfStreamException>(() => Reader(0x00).ReadUtf());
        Assert.Equal("abc", Reader(data).ReadUtf());
    }

    [Fact]
    public void A_two_byte_unit_cut_by_the_length_is_not_completed_from_the_bytes_after_it()
    {
        // The string is one byte long, C3; the A9 after it belongs to what follows.
        var reader = Reader(0x00, 0x01, 0xC3, 0xA9);

        Assert.Throws<InvalidDataException>(() => reader.ReadUtf());
    }

    [Fact]
    public void A_three_byte_unit_cut_by_the_length_is_not_completed_from_the_bytes_after_it()
    {
        Assert.Throws<InvalidDataException>(() => Reader(0x00, 0x02, 0xE2, 0x82, 0xAC).ReadUtf());
    }
}
