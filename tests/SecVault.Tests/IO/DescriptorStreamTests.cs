using SecVault.IO;
using SecVault.Testing;

namespace SecVault.Tests.IO;

public sealed class DescriptorStreamTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Writes_land_one_after_another_from_the_start_of_the_file()
    {
        var path = _temp.Combine("out");
        using (var handle = File.OpenHandle(path, FileMode.Create, FileAccess.Write))
        using (var stream = new DescriptorStream(handle))
        {
            stream.Write("abc"u8);
            stream.Write("--defg--"u8.ToArray(), 2, 4);
            stream.Flush();
            Assert.Equal(7, stream.Length);
            Assert.Equal(7, stream.Position);
        }

        Assert.Equal("abcdefg", File.ReadAllText(path));
    }

    [Fact]
    public void Disposing_the_stream_leaves_the_descriptor_open()
    {
        var path = _temp.Combine("out");
        using var handle = File.OpenHandle(path, FileMode.Create, FileAccess.Write);
        using (var stream = new DescriptorStream(handle))
        {
            stream.Write("a"u8);
        }

        Assert.False(handle.IsClosed);
        RandomAccess.Write(handle, "b"u8, 1);
        handle.Dispose();
        Assert.Equal("ab", File.ReadAllText(path));
    }

    [Fact]
    public void It_only_writes_forward()
    {
        var path = _temp.Combine("out");
        using var handle = File.OpenHandle(path, FileMode.Create, FileAccess.Write);
        using var stream = new DescriptorStream(handle);

        Assert.True(stream.CanWrite);
        Assert.False(stream.CanRead);
        Assert.False(stream.CanSeek);
        Assert.Throws<NotSupportedException>(() => stream.Position = 0);
        Assert.Throws<NotSupportedException>(() => stream.Read(new byte[1], 0, 1));
        Assert.Throws<NotSupportedException>(() => stream.Seek(0, SeekOrigin.Begin));
        Assert.Throws<NotSupportedException>(() => stream.SetLength(0));
    }
}
