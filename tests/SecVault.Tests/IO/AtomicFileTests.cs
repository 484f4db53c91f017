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
        AtomicFile.Write(path, "new"u8);
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Single(Directory.GetFileSystemEntries(_temp.Path));
    }

    [SkippableFact]
    public void A_new_file_is_private_to_its_owner()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix modes only");
        var path = _temp.Combine("secret.yaml");
        AtomicFile.Write(path, "x"u8);
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
        AtomicFile.Write(path, "new"u8);
        Assert.Equal(mode, File.GetUnixFileMode(path));
    }

    [Fact]
    public void A_symbolic_link_keeps_pointing_at_its_target_which_gets_the_new_content()
    {
        var target = _temp.Combine("real.toml");
        File.WriteAllText(target, "old");
        var link = _temp.Combine("link.toml");
        File.CreateSymbolicLink(link, target);
        AtomicFile.Write(link, "new"u8);
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
        var error = Assert.Throws<FileWriteException>(() => AtomicFile.Write(path, "mine"u8, snapshot));
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
        AtomicFile.Write(path, "next"u8, snapshot);
        Assert.Equal("next", File.ReadAllText(path));
    }

    [Fact]
    public void A_folder_in_place_of_the_file_is_a_clear_error()
    {
        var path = _temp.Combine("deployment.toml");
        Directory.CreateDirectory(path);
        var error = Assert.Throws<FileWriteException>(() => AtomicFile.Write(path, "x"u8));
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
        AtomicFile.Write(path, "new"u8);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(foreign));
        Assert.Equal("new", File.ReadAllText(path));
    }
}
