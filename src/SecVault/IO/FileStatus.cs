using System.Buffers.Binary;

namespace SecVault.IO;

/// <summary>What <c>statx</c> tells of a file: its identity (device, inode), owner, mode, links, size and modification time.</summary>
internal readonly record struct FileStatus(
    ulong Device,
    ulong Inode,
    uint Mode,
    uint LinkCount,
    uint UserId,
    uint GroupId,
    long Size,
    long ModifiedSeconds,
    uint ModifiedNanoseconds)
{
    private const uint TypeMask = 0xF000;

    /// <summary>A regular file.</summary>
    public bool IsRegularFile => (Mode & TypeMask) == 0x8000;

    /// <summary>A folder.</summary>
    public bool IsFolder => (Mode & TypeMask) == 0x4000;

    /// <summary>A symbolic link (only seen when not following links).</summary>
    public bool IsSymbolicLink => (Mode & TypeMask) == 0xA000;

    /// <summary>The permission bits, without the type.</summary>
    public uint Permissions => Mode & 0xFFF;

    /// <summary>A word for the kind of a file that is not a regular file, for messages.</summary>
    public string KindName => (Mode & TypeMask) switch
    {
        0x1000 => "a named pipe (FIFO)",
        0x2000 => "a character device",
        0x4000 => "a folder",
        0x6000 => "a block device",
        0xA000 => "a symbolic link",
        0xC000 => "a socket",
        _ => "a regular file",
    };

    /// <summary>True when both describe the same file in the same state: device, inode, size and modification time.</summary>
    public bool IsSameVersionAs(FileStatus other) =>
        Device == other.Device && Inode == other.Inode && Size == other.Size
        && ModifiedSeconds == other.ModifiedSeconds && ModifiedNanoseconds == other.ModifiedNanoseconds;

    /// <summary>True when both name the same file (device and inode).</summary>
    public bool IsSameFileAs(FileStatus other) => Device == other.Device && Inode == other.Inode;

    /// <summary>Decodes Linux's <c>struct statx</c>, whose layout is the same on every architecture.</summary>
    internal static FileStatus FromStatx(ReadOnlySpan<byte> buffer) => new(
        Device: ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(buffer[136..]) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(buffer[140..]),
        Inode: BinaryPrimitives.ReadUInt64LittleEndian(buffer[32..]),
        Mode: BinaryPrimitives.ReadUInt16LittleEndian(buffer[28..]),
        LinkCount: BinaryPrimitives.ReadUInt32LittleEndian(buffer[16..]),
        UserId: BinaryPrimitives.ReadUInt32LittleEndian(buffer[20..]),
        GroupId: BinaryPrimitives.ReadUInt32LittleEndian(buffer[24..]),
        Size: (long)BinaryPrimitives.ReadUInt64LittleEndian(buffer[40..]),
        ModifiedSeconds: BinaryPrimitives.ReadInt64LittleEndian(buffer[112..]),
        ModifiedNanoseconds: BinaryPrimitives.ReadUInt32LittleEndian(buffer[120..]));
}
