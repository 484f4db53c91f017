using SecVault.IO;

namespace SecVault.Tests.IO;

public sealed class FileStatusTests
{
    private static readonly FileStatus Regular = new(Device: 1, Inode: 2, Mode: 0x81A4, LinkCount: 1, UserId: 0, GroupId: 0, Size: 3, ModifiedSeconds: 4, ModifiedNanoseconds: 5);

    [Theory]
    [InlineData(0x1000u, "a named pipe (FIFO)")]
    [InlineData(0x2000u, "a character device")]
    [InlineData(0x4000u, "a folder")]
    [InlineData(0x6000u, "a block device")]
    [InlineData(0x8000u, "a regular file")]
    [InlineData(0xA000u, "a symbolic link")]
    [InlineData(0xC000u, "a socket")]
    public void Each_kind_of_file_has_its_word_for_messages(uint type, string word)
    {
        Assert.Equal(word, (Regular with { Mode = type | 0x1FF }).KindName);
    }

    [Theory]
    [InlineData(0x81A4u, true, false, false)]
    [InlineData(0x41EDu, false, true, false)]
    [InlineData(0xA1FFu, false, false, true)]
    [InlineData(0x11B6u, false, false, false)]
    public void The_type_bits_tell_regular_files_folders_and_links_apart(uint mode, bool regular, bool folder, bool link)
    {
        var status = Regular with { Mode = mode };
        Assert.Equal(regular, status.IsRegularFile);
        Assert.Equal(folder, status.IsFolder);
        Assert.Equal(link, status.IsSymbolicLink);
    }

    [Fact]
    public void Permissions_are_the_mode_without_the_type_setuid_bits_included()
    {
        Assert.Equal(0x1A4u, Regular.Permissions);
        Assert.Equal(0xDEDu, (Regular with { Mode = 0x8DED }).Permissions);
    }

    [Fact]
    public void The_same_version_needs_device_inode_size_and_modification_time_equal()
    {
        Assert.True(Regular.IsSameVersionAs(Regular with { Mode = 0x8180, LinkCount = 2, UserId = 7, GroupId = 8 }));
        Assert.False(Regular.IsSameVersionAs(Regular with { Device = 9 }));
        Assert.False(Regular.IsSameVersionAs(Regular with { Inode = 9 }));
        Assert.False(Regular.IsSameVersionAs(Regular with { Size = 9 }));
        Assert.False(Regular.IsSameVersionAs(Regular with { ModifiedSeconds = 9 }));
        Assert.False(Regular.IsSameVersionAs(Regular with { ModifiedNanoseconds = 9 }));
    }

    [Fact]
    public void The_same_file_needs_only_device_and_inode_equal()
    {
        Assert.True(Regular.IsSameFileAs(Regular with { Size = 9, ModifiedSeconds = 9, ModifiedNanoseconds = 9 }));
        Assert.False(Regular.IsSameFileAs(Regular with { Device = 9 }));
        Assert.False(Regular.IsSameFileAs(Regular with { Inode = 9 }));
    }

    [Fact]
    public void A_statx_buffer_is_decoded_at_the_kernel_offsets()
    {
        var buffer = new byte[256];
        BitConverter.TryWriteBytes(buffer.AsSpan(16), 3u);             // stx_nlink
        BitConverter.TryWriteBytes(buffer.AsSpan(20), 1000u);          // stx_uid
        BitConverter.TryWriteBytes(buffer.AsSpan(24), 1001u);          // stx_gid
        BitConverter.TryWriteBytes(buffer.AsSpan(28), (ushort)0x81B0); // stx_mode
        BitConverter.TryWriteBytes(buffer.AsSpan(32), 0x1122334455667788UL); // stx_ino
        BitConverter.TryWriteBytes(buffer.AsSpan(40), 4096UL);         // stx_size
        BitConverter.TryWriteBytes(buffer.AsSpan(112), 1_700_000_000L); // stx_mtime.tv_sec
        BitConverter.TryWriteBytes(buffer.AsSpan(120), 123_456_789u);  // stx_mtime.tv_nsec
        BitConverter.TryWriteBytes(buffer.AsSpan(136), 8u);            // stx_dev_major
        BitConverter.TryWriteBytes(buffer.AsSpan(140), 3u);            // stx_dev_minor

        var status = FileStatus.FromStatx(buffer);

        Assert.Equal(new FileStatus(0x0000_0008_0000_0003UL, 0x1122334455667788UL, 0x81B0, 3, 1000, 1001, 4096, 1_700_000_000L, 123_456_789u), status);
    }
}
