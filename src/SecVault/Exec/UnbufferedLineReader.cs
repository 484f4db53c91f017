using System.Text;

namespace SecVault.Exec;

/// <summary>
/// Reads UTF-8 lines from a stream one byte at a time, so nothing past the line is taken: a child process that
/// inherits the stream (standard input of <c>mi secret exec</c>) still gets every later byte. Lines end at LF; a CR
/// before it is removed. Only <see cref="ReadLine"/> is supported.
/// </summary>
public sealed class UnbufferedLineReader(Stream stream) : TextReader
{
    private readonly Stream _stream = stream ?? throw new ArgumentNullException(nameof(stream));

    /// <summary>The next line without its terminator, or null at end of input.</summary>
    public override string? ReadLine()
    {
        var buffer = new byte[256];
        var length = 0;
        var one = new byte[1];
        try
        {
            while (true)
            {
                if (_stream.Read(one, 0, 1) == 0)
                {
                    if (length == 0)
                    {
                        return null;
                    }

                    break;
                }

                if (one[0] == (byte)'\n')
                {
                    break;
                }

                if (length == buffer.Length)
                {
                    var larger = new byte[buffer.Length * 2];
                    buffer.AsSpan().CopyTo(larger);
                    // Stryker disable once Statement: zeroes the outgrown copy of the line (usually a password), which nothing reads again.
                    Array.Clear(buffer);
                    buffer = larger;
                }

                buffer[length++] = one[0];
            }

            if (length > 0 && buffer[length - 1] == (byte)'\r')
            {
                length--;
            }

            // Invalid bytes become U+FFFD rather than throw: such a password then fails as a wrong one, with the usual message.
            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        finally
        // Stryker disable once Block: the block zeroes the line (usually a password) in buffers no caller sees; nothing reads them again.
        {
            // Stryker disable once Statement: as above, hygiene only.
            Array.Clear(buffer);
            one[0] = 0;
        }
    }
}
