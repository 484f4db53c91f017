using System.Runtime.InteropServices;

namespace SecVault.CliConfig;

/// <summary>
/// Who owns a file and who the caller is: the two POSIX facts .NET does not expose.
/// TO BE MERGED into the libc adapter (<c>SecVault.IO.LibC</c>) once the descriptor-based file layer lands; it lives
/// here only so as not to edit <c>IO/</c> while that layer is rewritten.
/// </summary>
internal static class FileOwnership
{
    /// <summary>The superuser's id.</summary>
    internal const uint RootId = 0;

    private const int AtCurrentFolder = -100;
    private const uint StatxUid = 0x8;
    private const int StatxSize = 256;
    private const int StatxMaskOffset = 0;
    private const int StatxUidOffset = 20;

    /// <summary>The caller's effective user id, or null on Windows.</summary>
    internal static uint? CallerId => OperatingSystem.IsWindows() ? null : GetEffectiveUserId();

    /// <summary>
    /// The owner's user id of <paramref name="path"/>, following symbolic links; null where the platform gives no way
    /// to ask (anything but Linux). Throws <see cref="IOException"/> when the file cannot be examined.
    /// </summary>
    internal static uint? OwnerOf(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        // statx, unlike stat, has one layout on every Linux architecture.
        var buffer = new byte[StatxSize];
        if (Statx(AtCurrentFolder, path, 0, StatxUid, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException(Marshal.GetPInvokeErrorMessage(errno), errno);
        }

        // The kernel fills the buffer in the machine's byte order.
        var mask = MemoryMarshal.Read<uint>(buffer.AsSpan(StatxMaskOffset));
        return (mask & StatxUid) == 0 ? null : MemoryMarshal.Read<uint>(buffer.AsSpan(StatxUidOffset));
    }

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int folderDescriptor, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
}
