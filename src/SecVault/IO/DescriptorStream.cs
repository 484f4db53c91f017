using Microsoft.Win32.SafeHandles;

namespace SecVault.IO;

/// <summary>
/// A write-only stream over a file descriptor it does not own, writing from offset 0 onwards with positional
/// writes; <see cref="AtomicFile"/> hands it (buffered) to content writers, so the descriptor is never closed or
/// swapped behind its back.
/// </summary>
internal sealed class DescriptorStream(SafeFileHandle handle) : Stream
{
    private long _position;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _position;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        RandomAccess.Write(handle, buffer, _position);
        _position += buffer.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
