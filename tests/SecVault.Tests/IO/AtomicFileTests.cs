using System.Runtime.InteropServices;
using System.Text;
using SecVault.IO;
using SecVault.Testing;

namespace SecVault.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private const UnixFileMode GroupReadable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

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

    [SkippableFact]
    public void A_private_write_makes_a_readable_file_private_to_its_owner()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix modes only");
        var path = _temp.Combine("secret-conf.properties");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        AtomicFile.Write(path, "new"u8.ToArray(), privateFile: true);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal("new", File.ReadAllText(path));
    }

    [Fact]
    public void A_plain_replacement_has_no_warnings()
    {
        var path = _temp.Combine("a.toml");
        File.WriteAllText(path, "old");
        Assert.Empty(AtomicFile.Write(path, "new"u8.ToArray()));
    }

    [Fact]
    public void The_changed_since_read_refusal_names_the_file_and_hints_to_run_again()
    {
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "first");
        var snapshot = FileSnapshot.Read(path);
        File.WriteAllText(path, "second");

        var error = Assert.Throws<FileWriteException>(() => AtomicFile.Write(path, "mine"u8.ToArray(), snapshot));

        Assert.Equal($"{path} was changed by another process since it was read; nothing was written", error.Message);
        Assert.Equal("run the command again", error.Hint);
        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void A_file_deleted_since_it_was_read_is_not_created_again()
    {
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "first");
        var snapshot = FileSnapshot.Read(path);
        File.Delete(path);

        var error = Assert.Throws<FileWriteException>(() => AtomicFile.Write(path, "mine"u8.ToArray(), snapshot));

        Assert.Equal($"{path} was changed by another process since it was read; nothing was written", error.Message);
        Assert.Equal("run the command again", error.Hint);
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public void A_file_replaced_by_another_with_the_same_bytes_since_it_was_read_is_a_change()
    {
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "first");
        var snapshot = FileSnapshot.Read(path);

        // Replaced by another file with the same content: another inode, so the write is refused.
        var other = _temp.Combine("other");
        File.WriteAllText(other, "first");
        File.Move(other, path, overwrite: true);

        Assert.Throws<FileWriteException>(() => AtomicFile.Write(path, "mine"u8.ToArray(), snapshot));
        Assert.Equal("first", File.ReadAllText(path));
    }

    [SkippableFact]
    public void The_refusal_of_a_folder_as_target_names_it_and_its_kind()
    {
        Skip.If(OperatingSystem.IsWindows(), "descriptor-based write on Unix only");
        var path = _temp.Combine("deployment.toml");
        Directory.CreateDirectory(path);

        var error = Assert.Throws<FileWriteException>(() => AtomicFile.Write(path, "x"u8.ToArray()));

        Assert.Equal($"{path} is a folder, not a regular file; it was not replaced", error.Message);
        Assert.Equal(path, error.Path);
        Assert.True(Directory.Exists(path));
    }

    [SkippableFact]
    public void A_write_into_a_missing_folder_names_the_folder()
    {
        Skip.If(OperatingSystem.IsWindows(), "descriptor-based write on Unix only");
        var folder = _temp.Combine("conf");
        var path = Path.Combine(folder, "deployment.toml");

        var error = Assert.Throws<FileWriteException>(() => AtomicFile.Write(path, "x"u8.ToArray()));

        Assert.Equal($"cannot write {path}: folder {folder} does not exist", error.Message);
        Assert.Equal(path, error.Path);
        Assert.IsType<DirectoryNotFoundException>(error.InnerException);
        Assert.False(Directory.Exists(folder));
    }

    [SkippableFact]
    public void A_write_through_a_regular_file_used_as_folder_is_refused()
    {
        Skip.If(OperatingSystem.IsWindows(), "descriptor-based write on Unix only");
        var notFolder = _temp.Combine("conf");
        File.WriteAllText(notFolder, "a file");
        var path = Path.Combine(notFolder, "deployment.toml");

        var error = Assert.Throws<FileWriteException>(() => AtomicFile.Write(path, "x"u8.ToArray()));

        Assert.Equal($"cannot write {path}: {notFolder} was replaced by a symbolic link or changed while being opened", error.Message);
        Assert.IsType<UnsafeFileException>(error.InnerException);
        Assert.Equal("a file", File.ReadAllText(notFolder));
    }

    [SkippableFact]
    public void A_write_into_a_folder_that_cannot_be_entered_is_permission_denied()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix modes only");
        File.SetUnixFileMode(_temp.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherExecute);
        var locked = Directory.CreateDirectory(_temp.Combine("locked")).FullName;
        var inner = Directory.CreateDirectory(Path.Combine(locked, "conf")).FullName;
        File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var path = Path.Combine(inner, "deployment.toml");

        FileWriteException? error = null;
        Ownership.RunUnprivileged(() => error = Assert.Throws<FileWriteException>(() => AtomicFile.Write(path, "x"u8.ToArray())));

        Assert.Equal($"cannot write {path}: permission denied on {inner}", error!.Message);
        Assert.IsType<UnauthorizedAccessException>(error.InnerException);
        File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Assert.Empty(Directory.GetFileSystemEntries(inner));
    }

    [SkippableFact]
    public void A_folder_that_can_be_written_but_not_listed_is_written_into()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix modes only");
        File.SetUnixFileMode(_temp.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherExecute);
        var dropBox = Directory.CreateDirectory(_temp.Combine("drop")).FullName;
        if (Ownership.IsRoot)
        {
            Ownership.GiveTo(dropBox, Ownership.OtherUser);
        }

        File.SetUnixFileMode(dropBox, UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = Path.Combine(dropBox, "deployment.toml");

        Ownership.RunUnprivileged(() => AtomicFile.Write(path, "new"u8.ToArray()));

        File.SetUnixFileMode(dropBox, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Single(Directory.GetFileSystemEntries(dropBox));
    }

    [SkippableFact]
    public void A_dangling_link_of_your_own_gets_its_target_created()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix links");
        var link = _temp.Combine("deployment.toml");
        File.CreateSymbolicLink(link, "real.toml");

        AtomicFile.Write(link, "new"u8.ToArray());

        Assert.Equal("real.toml", new FileInfo(link).LinkTarget);
        Assert.Equal("new", File.ReadAllText(_temp.Combine("real.toml")));
    }

    [Fact]
    public void A_write_of_an_empty_path_or_no_content_writer_is_a_usage_error()
    {
        Assert.ThrowsAny<ArgumentException>(() => AtomicFile.Write(string.Empty, "x"u8.ToArray()));
        Assert.Throws<ArgumentNullException>(() => AtomicFile.Write(_temp.Combine("a"), (Action<Stream>)null!));
        Assert.ThrowsAny<ArgumentException>(() => AtomicFile.CreateFolder(string.Empty));
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public void TryPutBack_restores_the_earlier_content_and_reports_no_problem()
    {
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "half done");

        Assert.Null(AtomicFile.TryPutBack(path, "as before"u8.ToArray()));
        Assert.Equal("as before", File.ReadAllText(path));
    }

    [SkippableFact]
    public void TryPutBack_returns_why_it_failed_instead_of_throwing()
    {
        Skip.If(OperatingSystem.IsWindows(), "descriptor-based write on Unix only");
        var path = Path.Combine(_temp.Path, "gone", "deployment.toml");

        var problem = AtomicFile.TryPutBack(path, "as before"u8.ToArray());

        Assert.Equal($"cannot write {path}: folder {_temp.Combine("gone")} does not exist", problem);
    }

    [SkippableFact]
    public void CreateFolder_leaves_an_existing_folder_and_its_mode_alone()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix modes only");
        var folder = GroupReadableFolder("conf");
        File.WriteAllText(Path.Combine(folder, "kept"), "x");

        AtomicFile.CreateFolder(folder);

        Assert.Equal(GroupReadable, File.GetUnixFileMode(folder));
        Assert.True(File.Exists(Path.Combine(folder, "kept")));
    }

    [SkippableFact]
    public void CreateFolder_refuses_a_file_in_the_way_naming_it_and_its_kind()
    {
        Skip.If(OperatingSystem.IsWindows(), "descriptor-based write on Unix only");
        var path = _temp.Combine("conf");
        File.WriteAllText(path, "a file");

        var error = Assert.Throws<FileWriteException>(() => AtomicFile.CreateFolder(Path.Combine(path, "security")));

        Assert.Equal($"cannot write {path}: {path} is a regular file, not a folder", error.Message);
        Assert.Equal(path, error.Path);
        Assert.Equal("a file", File.ReadAllText(path));
    }

    [SkippableFact]
    public void CreateFolder_through_dot_dot_after_a_new_folder_leaves_the_folder_above_alone()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix modes only");
        var conf = GroupReadableFolder("conf");

        AtomicFile.CreateFolder(Path.Join(conf, "new", "..", "security"));

        Assert.Equal(GroupReadable, File.GetUnixFileMode(conf));
        Assert.True(Directory.Exists(Path.Combine(conf, "security")));
    }

    [SkippableFact]
    public void CreateFolder_follows_a_link_of_your_own_to_a_folder()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix links");
        var real = Directory.CreateDirectory(_temp.Combine("real")).FullName;
        var link = _temp.Combine("conf");
        File.CreateSymbolicLink(link, real);

        AtomicFile.CreateFolder(Path.Combine(link, "security"));

        Assert.True(Directory.Exists(Path.Combine(real, "security")));
        Assert.NotNull(new FileInfo(link).LinkTarget);
    }

    [SkippableFact]
    public void CreateFolder_in_a_folder_it_may_not_write_is_permission_denied()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix modes only");
        var readOnly = UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(_temp.Path, readOnly);
        var path = _temp.Combine("conf");

        FileWriteException? error = null;
        Ownership.RunUnprivileged(() => error = Assert.Throws<FileWriteException>(() => AtomicFile.CreateFolder(path)));

        File.SetUnixFileMode(_temp.Path, readOnly | UnixFileMode.UserWrite);
        Assert.Equal($"cannot write {path}: {Marshal.GetPInvokeErrorMessage(13)}", error!.Message);
        Assert.False(Directory.Exists(path));
    }

    [SkippableFact]
    public void Temporary_files_of_live_writers_and_other_names_are_left_alone()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "stale temporaries are recognised through /proc");
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "old");
        string[] kept =
        [
            _temp.Combine($".deployment.toml.{Environment.ProcessId}.0123456789abcdef0123456789abcdef.tmp"),
            _temp.Combine(".deployment.toml.1.0123456789abcdef0123456789abcdef.tmp"),
            _temp.Combine(".deployment.toml.notapid.0123456789abcdef0123456789abcdef.tmp"),
            _temp.Combine(".deployment.toml.99999999.tmp"),
            _temp.Combine(".deployment.toml.99999999.a.b.tmp"),
        ];
        foreach (var file in kept)
        {
            File.WriteAllText(file, "someone's");
        }

        AtomicFile.Write(path, "new"u8.ToArray());

        Assert.All(kept, file => Assert.True(File.Exists(file), file));
        Assert.Equal("new", File.ReadAllText(path));
    }

    [SkippableFact]
    public void A_write_into_a_folder_the_caller_may_not_write_leaves_the_file_as_it_was()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix modes only");
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);
        var readOnly = UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(_temp.Path, readOnly);

        FileWriteException? error = null;
        Ownership.RunUnprivileged(() => error = Assert.Throws<FileWriteException>(() => AtomicFile.Write(path, "new"u8.ToArray())));

        File.SetUnixFileMode(_temp.Path, readOnly | UnixFileMode.UserWrite);
        Assert.Equal($"cannot write {path}: {Marshal.GetPInvokeErrorMessage(13)}", error!.Message);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public void A_file_deleted_while_the_new_content_is_written_is_not_created_again()
    {
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "first");
        var snapshot = FileSnapshot.Read(path);

        var error = Assert.Throws<FileWriteException>(() => AtomicFile.Write(path, output =>
        {
            File.Delete(path);
            output.Write("mine"u8);
        }, snapshot));

        Assert.Equal($"{path} was changed by another process since it was read; nothing was written", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }

    [SkippableFact]
    public void A_bind_mounted_file_is_rewritten_in_place_with_a_warning_keeping_its_mode()
    {
        var (host, path) = MountPair("a much longer old content than the new one");
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(host, mode);
        IReadOnlyList<string> warnings = [];

        var refused = BindMount.TryRun(host, path, () =>
        {
            warnings = AtomicFile.Write(path, "new"u8.ToArray());
            Assert.Equal("new", File.ReadAllText(path));
        });

        Skip.If(refused is not null, refused);
        Assert.Equal([$"{path} cannot be replaced by rename (a mount point, e.g. a bind-mounted file); it was rewritten in place behind a backup"], warnings);
        Assert.Equal("new", File.ReadAllText(host));
        Assert.Equal(mode, File.GetUnixFileMode(host));
        Assert.Equal("under the mount", File.ReadAllText(path));
        Assert.Equal(2, Directory.GetFileSystemEntries(_temp.Path).Length);
    }

    [SkippableFact]
    public void A_bind_mounted_private_file_is_made_owner_only_when_rewritten_in_place()
    {
        var (host, path) = MountPair("old");
        File.SetUnixFileMode(host, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var refused = BindMount.TryRun(host, path, () => AtomicFile.Write(path, "secret-bearing"u8.ToArray(), privateFile: true));

        Skip.If(refused is not null, refused);
        Assert.Equal("secret-bearing", File.ReadAllText(host));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(host));
    }

    [SkippableFact]
    public void A_bind_mounted_file_larger_than_a_copy_chunk_is_rewritten_whole()
    {
        var old = new string('o', 150_000);
        var (host, path) = MountPair(old);
        var content = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 20_000).Select(i => $"{i:D9}\n")));

        var refused = BindMount.TryRun(host, path, () => AtomicFile.Write(path, content));

        Skip.If(refused is not null, refused);
        Assert.Equal(content, File.ReadAllBytes(host));
        Assert.Equal(2, Directory.GetFileSystemEntries(_temp.Path).Length);
    }

    [SkippableFact]
    public void A_bind_mounted_file_keeps_its_owner_and_group()
    {
        var (host, path) = MountPair("old");
        Skip.IfNot(Ownership.IsRoot, "giving files to another user needs root");
        Ownership.GiveTo(host, Ownership.OtherUser, 100);

        var refused = BindMount.TryRun(host, path, () => AtomicFile.Write(path, "new"u8.ToArray()));

        Skip.If(refused is not null, refused);
        Assert.Equal("new", File.ReadAllText(host));
        Assert.Equal(Ownership.OtherUser, Ownership.OwnerOf(host));
        Assert.Equal(100, Ownership.GroupOf(host));
    }

    [SkippableFact]
    public void A_backup_left_by_an_interrupted_in_place_write_stops_the_next_one_with_a_hint()
    {
        var (host, path) = MountPair("old");
        var backup = _temp.Combine(".deployment.toml.secvault-backup");
        File.WriteAllText(backup, "older");
        FileWriteException? error = null;

        var refused = BindMount.TryRun(host, path, () => error = Assert.Throws<FileWriteException>(() => AtomicFile.Write(path, "new"u8.ToArray())));

        Skip.If(refused is not null, refused);
        Assert.Equal($"an interrupted in-place write of {path} left {backup}; nothing was written", error!.Message);
        Assert.Equal($"compare {backup} with the file, keep the right content, then delete {backup}", error.Hint);
        Assert.Equal(path, error.Path);
        Assert.Equal("old", File.ReadAllText(host));
        Assert.Equal("older", File.ReadAllText(backup));
        Assert.Equal(3, Directory.GetFileSystemEntries(_temp.Path).Length);
    }

    [SkippableFact]
    public void A_bind_mount_swapped_for_another_file_during_the_write_is_left_alone()
    {
        var (host, path) = MountPair("old");
        var other = _temp.Combine("other.toml");
        File.WriteAllText(other, "another file");
        FileWriteException? error = null;

        var refused = BindMount.TryRun(host, path, () => error = Assert.Throws<FileWriteException>(() => AtomicFile.Write(path, output =>
        {
            BindMount.Replace(other, path);
            output.Write("new"u8);
        })));

        Skip.If(refused is not null, refused);
        Assert.Equal($"{path} was changed by another process since it was read; nothing was written", error!.Message);
        Assert.Equal("run the command again", error.Hint);
        Assert.Equal("old", File.ReadAllText(host));
        Assert.Equal("another file", File.ReadAllText(other));
        Assert.Equal(3, Directory.GetFileSystemEntries(_temp.Path).Length);
    }

    /// <summary>A new file, a replaced one, and one replaced after a check that it is unchanged since read.</summary>
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void WriteManaged_writes_the_file_and_leaves_no_temporary_file(bool exists, bool checkUnchanged)
    {
        var path = _temp.Combine("deployment.toml");
        if (exists)
        {
            File.WriteAllText(path, "old");
        }

        AtomicFile.WriteManaged(path, output => output.Write("new"u8), checkUnchanged ? FileSnapshot.Read(path) : null);

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Single(Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public void WriteManaged_refuses_a_file_changed_since_it_was_read_and_removes_its_temporary_file()
    {
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "first");
        var snapshot = FileSnapshot.Read(path);
        File.WriteAllText(path, "changed by someone else");

        var error = Assert.Throws<FileWriteException>(() => AtomicFile.WriteManaged(path, output => output.Write("mine"u8), snapshot));

        Assert.Equal($"{path} was changed by another process since it was read; nothing was written", error.Message);
        Assert.Equal("run the command again", error.Hint);
        Assert.Equal(path, error.Path);
        Assert.Equal("changed by someone else", File.ReadAllText(path));
        Assert.Single(Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public void WriteManaged_into_a_missing_folder_is_a_write_error_naming_the_file()
    {
        var path = _temp.Combine("conf", "deployment.toml");

        var error = Assert.Throws<FileWriteException>(() => AtomicFile.WriteManaged(path, output => output.Write("new"u8), expected: null));

        var cause = Assert.IsType<DirectoryNotFoundException>(error.InnerException);
        Assert.Equal($"cannot write {path}: {cause.Message}", error.Message);
        Assert.Equal(path, error.Path);
        Assert.Null(error.Hint);
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public void WriteManaged_leaves_the_file_as_it_was_when_the_content_writer_fails()
    {
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "old");

        var error = Assert.Throws<InvalidOperationException>(() => AtomicFile.WriteManaged(path, output =>
        {
            output.Write("half"u8);
            throw new InvalidOperationException("the producer failed");
        }, expected: null));

        Assert.Equal("the producer failed", error.Message);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.GetFileSystemEntries(_temp.Path));
    }

    [SkippableFact]
    public void CreateFolder_in_a_set_group_id_folder_makes_a_folder_of_mode_0700_without_that_bit()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix modes only");
        var parent = Directory.CreateDirectory(_temp.Combine("conf")).FullName;
        File.SetUnixFileMode(parent, GroupReadable | UnixFileMode.SetGroup);
        var folder = Path.Combine(parent, "security");

        AtomicFile.CreateFolder(folder);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
    }

    [Fact]
    public void A_file_deleted_since_it_was_read_is_refused_before_its_new_content_is_made()
    {
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "first");
        var snapshot = FileSnapshot.Read(path);
        File.Delete(path);
        var produced = false;

        var error = Assert.Throws<FileWriteException>(() => AtomicFile.Write(path, output =>
        {
            produced = true;
            output.Write("mine"u8);
        }, snapshot));

        Assert.Equal($"{path} was changed by another process since it was read; nothing was written", error.Message);
        Assert.False(produced);
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }

    [SkippableFact]
    public void Another_users_file_in_a_sticky_folder_is_not_replaced_nor_rewritten_in_place()
    {
        Skip.IfNot(Ownership.IsRoot, "writing as a second user needs root");
        File.SetUnixFileMode(_temp.Path, (UnixFileMode)0x1FF | UnixFileMode.StickyBit);
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, (UnixFileMode)0x1B6);

        FileWriteException? error = null;
        Ownership.RunAsFileSystemUser(Ownership.OtherUser, () => error = Assert.Throws<FileWriteException>(() => AtomicFile.Write(path, "new"u8.ToArray())));

        Assert.Equal($"cannot write {path}: {Marshal.GetPInvokeErrorMessage(1)}", error!.Message);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(0, Ownership.OwnerOf(path));
        Assert.Single(Directory.GetFileSystemEntries(_temp.Path));
    }

    [SkippableFact]
    public void A_bind_mounted_file_of_another_user_is_not_made_private_nor_rewritten()
    {
        var (host, path) = MountPair("old");
        Skip.IfNot(Ownership.IsRoot, "writing as a second user needs root");
        File.SetUnixFileMode(_temp.Path, (UnixFileMode)0x1FF);
        var groupWritable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;
        Ownership.GiveTo(host, 0, Ownership.OtherUser);
        File.SetUnixFileMode(host, groupWritable);
        FileWriteException? error = null;

        var refused = BindMount.TryRun(host, path, () => Ownership.RunAsFileSystemUser(
            Ownership.OtherUser,
            () => error = Assert.Throws<FileWriteException>(() => AtomicFile.Write(path, "secret-bearing"u8.ToArray(), privateFile: true))));

        Skip.If(refused is not null, refused);
        Assert.Equal($"cannot write {path}: {Marshal.GetPInvokeErrorMessage(1)}", error!.Message);
        Assert.Equal("old", File.ReadAllText(host));
        Assert.Equal(groupWritable, File.GetUnixFileMode(host));
        Assert.Equal(2, Directory.GetFileSystemEntries(_temp.Path).Length);
    }

    /// <summary>A new folder of mode 0750 in the test folder.</summary>
    private string GroupReadableFolder(string name)
    {
        var folder = Directory.CreateDirectory(_temp.Combine(name)).FullName;
        File.SetUnixFileMode(folder, GroupReadable);
        return folder;
    }

    /// <summary>A host file holding <paramref name="content"/> and the deployment.toml it is to be mounted over.</summary>
    private (string Host, string Path) MountPair(string content)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "bind mounts are Linux");
        var host = _temp.Combine("host.toml");
        File.WriteAllText(host, content);
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "under the mount");
        return (host, path);
    }
}
