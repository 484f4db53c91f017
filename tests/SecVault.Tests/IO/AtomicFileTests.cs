using System.Text;
using SecVault.IO;
using SecVault.Testing;

namespace SecVault.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Write_replaces_the_content_and_leaves_no_temporary_file()
    {
        var path = _temp.Combine("a.toml");
        File.WriteAllText(path, "old");
        AtomicFile.Write(path, "new"u8.ToArray());
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Single(Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public void A_streamed_write_of_many_chunks_lands_whole_and_keeps_the_mode()
    {
        var path = _temp.Combine("big.toml");
        File.WriteAllText(path, "old");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        }

        // 3 MB written in pieces of 1,000 bytes: larger than the write buffer, so it reaches the descriptor many times.
        AtomicFile.Write(path, output =>
        {
            for (var i = 0; i < 3000; i++)
            {
                output.Write(Encoding.ASCII.GetBytes(new string((char)('a' + (i % 26)), 1000)));
            }
        });

        var content = File.ReadAllBytes(path);
        Assert.Equal(3_000_000, content.Length);
        Assert.Equal((byte)'a', content[0]);
        Assert.Equal((byte)'z', content[25_999]);
        Assert.Equal((byte)('a' + (2999 % 26)), content[^1]);
        Assert.Single(Directory.GetFileSystemEntries(_temp.Path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void A_streamed_write_that_fails_midway_leaves_the_file_as_it_was_and_no_temporary_file()
    {
        var path = _temp.Combine("a.toml");
        File.WriteAllText(path, "old");

        var e = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, output =>
        {
            output.Write(new byte[200_000]);
            throw new InvalidOperationException("the producer failed");
        }));

        Assert.Equal("the producer failed", e.Message);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.GetFileSystemEntries(_temp.Path));
    }

    [SkippableFact]
    public void A_new_file_is_private_to_its_owner()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix modes only");
        var path = _temp.Combine("secret.yaml");
        AtomicFile.Write(path, "x"u8.ToArray());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [SkippableFact]
    public void A_replaced_file_keeps_its_mode()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix modes only");
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "old");
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.SetUnixFileMode(path, mode);
        AtomicFile.Write(path, "new"u8.ToArray());
        Assert.Equal(mode, File.GetUnixFileMode(path));
    }

    [Fact]
    public void A_symbolic_link_keeps_pointing_at_its_target_which_gets_the_new_content()
    {
        var target = _temp.Combine("real.toml");
        File.WriteAllText(target, "old");
        var link = _temp.Combine("link.toml");
        File.CreateSymbolicLink(link, target);
        AtomicFile.Write(link, "new"u8.ToArray());
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal("new", File.ReadAllText(target));
    }

    [Fact]
    public void A_file_changed_since_it_was_read_is_not_overwritten()
    {
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "first");
        var snapshot = FileSnapshot.Read(path);
        File.WriteAllText(path, "changed by someone else");
        var error = Assert.Throws<FileWriteException>(() => AtomicFile.Write(path, "mine"u8.ToArray(), snapshot));
        Assert.Contains("changed by another process", error.Message, StringComparison.Ordinal);
        Assert.Equal("changed by someone else", File.ReadAllText(path));
        Assert.Single(Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public void An_unchanged_snapshot_allows_the_write()
    {
        var path = _temp.Combine("deployment.toml");
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes("same"));
        var snapshot = FileSnapshot.Read(path);
        Assert.True(snapshot.IsUnchangedOnDisk());
        AtomicFile.Write(path, "next"u8.ToArray(), snapshot);
        Assert.Equal("next", File.ReadAllText(path));
    }

    [Fact]
    public void A_folder_in_place_of_the_file_is_a_clear_error()
    {
        var path = _temp.Combine("deployment.toml");
        Directory.CreateDirectory(path);
        var error = Assert.Throws<FileWriteException>(() => AtomicFile.Write(path, "x"u8.ToArray()));
        Assert.Contains("not a regular file", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void CreateFolder_makes_missing_parents_private()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix modes only");
        var folder = _temp.Combine("a", "b", "c");
        AtomicFile.CreateFolder(folder);
        Assert.True(Directory.Exists(folder));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
    }

    [SkippableFact]
    public void A_temporary_file_left_by_a_killed_writer_is_removed_by_the_next_write()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "stale temporaries are recognised through /proc");
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "old");
        // PIDs above the kernel's pid_max cannot exist, so this file is certainly orphaned.
        var stale = _temp.Combine(".deployment.toml.99999999.0123456789abcdef0123456789abcdef.tmp");
        File.WriteAllText(stale, "half written");
        var foreign = _temp.Combine(".other.toml.99999999.0123456789abcdef0123456789abcdef.tmp");
        File.WriteAllText(foreign, "not ours");
        AtomicFile.Write(path, "new"u8.ToArray());
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(foreign));
        Assert.Equal("new", File.ReadAllText(path));
    }
}
