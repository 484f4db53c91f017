using System.Diagnostics;
using SecVault.IO;
using SecVault.Passwords;
using SecVault.Testing;

namespace SecVault.Tests.IO;

/// <summary>
/// The file-system rule against what another user can plant in a folder they own: links, hard links, devices,
/// FIFOs. Cases that need to give files to another user run as root (CI runs them so; the hostile suite in
/// tests/hostile repeats them across real users).
/// </summary>
public sealed class HostileFileSystemTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [SkippableFact]
    public void A_link_planted_by_another_user_to_a_file_of_yours_is_neither_read_nor_written()
    {
        Skip.IfNot(Ownership.IsRoot, "giving a link to another user needs root");
        var victim = _temp.Combine("victim");
        File.WriteAllText(victim, "root's own");
        File.SetUnixFileMode(victim, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var link = _temp.Combine("deployment.toml");
        File.CreateSymbolicLink(link, victim);
        Ownership.GiveTo(link, Ownership.OtherUser);

        var read = Assert.Throws<UnsafeFileException>(() => SecureFile.ReadAllBytes(link, 1024));
        var write = Assert.Throws<FileWriteException>(() => AtomicFile.Write(link, "attacker's choice"u8.ToArray()));

        var refusal = $"refusing to follow the symbolic link {link}: it belongs to uid 65534 and points to a file of uid 0";
        Assert.Equal(refusal, read.Message);
        Assert.Equal(link, read.Path);
        Assert.Equal($"cannot write {link}: {refusal}", write.Message);
        Assert.Equal(link, write.Path);
        Assert.Equal("root's own", File.ReadAllText(victim));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(victim));
    }

    [SkippableFact]
    public void A_folder_link_planted_by_another_user_is_refused_anywhere_in_the_path()
    {
        Skip.IfNot(Ownership.IsRoot, "giving a link to another user needs root");
        var elsewhere = Directory.CreateDirectory(_temp.Combine("etc")).FullName;
        var home = Directory.CreateDirectory(_temp.Combine("home")).FullName;
        var conf = Path.Combine(home, "conf");
        File.CreateSymbolicLink(conf, elsewhere);
        Ownership.GiveTo(conf, Ownership.OtherUser);

        var path = Path.Combine(conf, "secret-conf.properties");
        var write = Assert.Throws<FileWriteException>(() => AtomicFile.Write(path, "x"u8.ToArray()));
        var folder = Assert.Throws<FileWriteException>(() => AtomicFile.CreateFolder(Path.Combine(conf, "security")));

        var refusal = $"refusing to follow the symbolic link {conf}: it belongs to uid 65534 and points to a file of uid 0";
        Assert.Equal($"cannot write {path}: {refusal}", write.Message);
        Assert.Equal(path, write.Path);
        Assert.Equal($"cannot write {Path.Combine(conf, "security")}: {refusal}", folder.Message);
        Assert.Empty(Directory.GetFileSystemEntries(elsewhere));
    }

    [SkippableFact]
    public void A_link_of_another_user_to_that_users_own_file_is_followed_and_the_target_replaced()
    {
        Skip.IfNot(Ownership.IsRoot, "giving files to another user needs root");
        var target = _temp.Combine("real.toml");
        File.WriteAllText(target, "old");
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        Ownership.GiveTo(target, Ownership.OtherUser);
        var link = _temp.Combine("deployment.toml");
        File.CreateSymbolicLink(link, "real.toml");
        Ownership.GiveTo(link, Ownership.OtherUser);

        AtomicFile.Write(link, "new"u8.ToArray());

        Assert.Equal("real.toml", new FileInfo(link).LinkTarget);
        Assert.Equal("new", File.ReadAllText(target));
        Assert.Equal(Ownership.OtherUser, Ownership.OwnerOf(target));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(target));
    }

    /// <summary>Owner and group each differing from root's, or only one of them: <c>fchown</c> is asked whenever either differs.</summary>
    [SkippableTheory]
    [InlineData(Ownership.OtherUser, 100)]
    [InlineData(Ownership.OtherUser, 0)]
    [InlineData(0, 100)]
    public void A_replaced_file_keeps_its_owner_and_group_when_root_writes_it(int owner, int group)
    {
        Skip.IfNot(Ownership.IsRoot, "giving files to another user needs root");
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "old");
        Ownership.GiveTo(path, owner, group);

        AtomicFile.Write(path, "new"u8.ToArray());

        Assert.Equal([owner, group], [Ownership.OwnerOf(path), Ownership.GroupOf(path)]);
        Assert.Equal("new", File.ReadAllText(path));
    }

    [SkippableFact]
    public void A_file_replaced_by_a_user_who_may_not_give_it_away_becomes_theirs_keeping_its_mode()
    {
        Skip.IfNot(Ownership.IsRoot, "writing as a second user needs root");
        var all = (UnixFileMode)0x1FF;
        File.SetUnixFileMode(_temp.Path, all);
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "old");
        Ownership.GiveTo(path, 0, Ownership.OtherUser);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);

        Ownership.RunAsFileSystemUser(Ownership.OtherUser, () => AtomicFile.Write(path, "new"u8.ToArray()));

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(Ownership.OtherUser, Ownership.OwnerOf(path));
        Assert.Equal(Ownership.OtherUser, Ownership.GroupOf(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite, File.GetUnixFileMode(path));
    }

    [SkippableFact]
    public void A_user_who_may_not_give_a_file_away_still_gives_it_the_old_group_they_belong_to()
    {
        Skip.IfNot(Ownership.IsRoot, "writing as a second user needs root");
        // New files in a set-group-id folder get the folder's group (100), not the writer's.
        Ownership.GiveTo(_temp.Path, 0, 100);
        File.SetUnixFileMode(_temp.Path, (UnixFileMode)0x1FF | UnixFileMode.SetGroup);
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "old");
        Ownership.GiveTo(path, 0, Ownership.OtherUser);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);

        Ownership.RunAsFileSystemUser(Ownership.OtherUser, () => AtomicFile.Write(path, "new"u8.ToArray()));

        Assert.Equal([Ownership.OtherUser, Ownership.OtherUser], [Ownership.OwnerOf(path), Ownership.GroupOf(path)]);
        Assert.Equal("new", File.ReadAllText(path));
    }

    [SkippableFact]
    public void New_files_and_folders_take_the_owner_of_the_folder_they_are_made_in()
    {
        Skip.IfNot(Ownership.IsRoot, "giving files to another user needs root");
        var conf = Directory.CreateDirectory(_temp.Combine("conf")).FullName;
        Ownership.GiveTo(conf, Ownership.OtherUser);
        var security = Path.Combine(conf, "security");

        AtomicFile.CreateFolder(security);
        AtomicFile.Write(Path.Combine(security, "secret-conf.properties"), "x"u8.ToArray());

        Assert.Equal(Ownership.OtherUser, Ownership.OwnerOf(security));
        Assert.Equal(Ownership.OtherUser, Ownership.OwnerOf(Path.Combine(security, "secret-conf.properties")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(security));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(security, "secret-conf.properties")));
    }

    [SkippableFact]
    public void A_fifo_is_refused_at_once_as_input_and_as_target()
    {
        Skip.If(OperatingSystem.IsWindows(), "FIFOs are POSIX");
        var fifo = _temp.Combine("deployment.toml");
        Ownership.MakeFifo(fifo);
        var clock = Stopwatch.StartNew();

        var read = Assert.Throws<UnsafeFileException>(() => SecureFile.ReadAllBytes(fifo, 1024));
        var write = Assert.Throws<FileWriteException>(() => AtomicFile.Write(fifo, "x"u8.ToArray()));

        Assert.Equal($"{fifo} is a named pipe (FIFO), not a regular file; SecVault reads only regular files", read.Message);
        Assert.Equal($"{fifo} is a named pipe (FIFO), not a regular file; it was not replaced", write.Message);
        Assert.Equal("fifo", Ownership.KindOf(fifo));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "a FIFO must not block the reader");
    }

    [SkippableFact]
    public void A_device_node_is_refused_as_input_and_is_not_replaced_as_target()
    {
        Skip.IfNot(Ownership.IsRoot, "mknod needs root");
        var zero = _temp.Combine("zero");
        Ownership.MakeCharacterDevice(zero, 1, 5);

        var read = Assert.Throws<UnsafeFileException>(() => SecureFile.ReadAllBytes(zero, 1024));
        var write = Assert.Throws<FileWriteException>(() => AtomicFile.Write(zero, "x"u8.ToArray()));

        Assert.Equal($"{zero} is a character device, not a regular file; SecVault reads only regular files", read.Message);
        Assert.Equal($"{zero} is a character device, not a regular file; it was not replaced", write.Message);

        Assert.Contains("character device", Assert.Throws<UnsafeFileException>(() => FileSnapshot.Read(zero)).Message, StringComparison.Ordinal);
        Assert.Equal("character special file", Ownership.KindOf(zero));
    }

    [SkippableFact]
    public void A_symlinked_file_passes_the_changed_since_read_check_when_unchanged()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix links");
        var data = Directory.CreateDirectory(_temp.Combine("..data")).FullName;
        var real = Path.Combine(data, "deployment.toml");
        File.WriteAllText(real, "short");
        var link = _temp.Combine("deployment.toml");
        File.CreateSymbolicLink(link, "..data/deployment.toml");

        var snapshot = FileSnapshot.Read(link);
        AtomicFile.Write(link, "a longer content"u8.ToArray(), snapshot);

        Assert.Equal("a longer content", File.ReadAllText(real));
    }

    [SkippableFact]
    public void A_link_retargeted_to_a_file_of_the_same_size_after_reading_is_a_change()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix links");
        File.WriteAllText(_temp.Combine("a"), "same size");
        File.WriteAllText(_temp.Combine("b"), "same size");
        var link = _temp.Combine("secret-conf.properties");
        File.CreateSymbolicLink(link, "a");
        var snapshot = FileSnapshot.Read(link);
        File.Delete(link);
        File.CreateSymbolicLink(link, "b");

        Assert.Throws<FileWriteException>(() => AtomicFile.Write(link, "new"u8.ToArray(), snapshot));
        Assert.Equal("same size", File.ReadAllText(_temp.Combine("b")));
    }

    [SkippableFact]
    public void A_hard_linked_target_is_written_with_a_warning_that_the_other_name_keeps_the_old_content()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix links");
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "[secrets]\nx = \"[plain]\"\n");
        var other = _temp.Combine("backup.toml");
        Assert.Equal(0, Process.Start("ln", [path, other]).WaitForExitAndCode());

        var warnings = AtomicFile.Write(path, "encrypted"u8.ToArray());

        Assert.Equal([$"{path} has 1 other hard link(s); they keep the old content, plaintext included"], warnings);
        Assert.Equal("encrypted", File.ReadAllText(path));
        Assert.Equal("[secrets]\nx = \"[plain]\"\n", File.ReadAllText(other));
    }

    [SkippableFact]
    public void A_symlinked_password_file_is_never_consumed_and_its_target_never_zeroed()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix links");
        var victim = _temp.Combine("victim");
        File.WriteAllText(victim, "precious");
        var home = Directory.CreateDirectory(_temp.Combine("home")).FullName;
        File.CreateSymbolicLink(Path.Combine(home, "password-tmp"), victim);

        var error = Assert.Throws<PasswordException>(() => new PasswordFileSource(home, consume: true).GetPassword(new PasswordRequest("ks", false)));

        Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
        Assert.Equal("precious", File.ReadAllText(victim));
        Assert.True(File.Exists(Path.Combine(home, "password-tmp")));
    }

    [SkippableFact]
    public void A_hard_linked_password_file_is_never_consumed()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix links");
        var victim = _temp.Combine("victim");
        File.WriteAllText(victim, "precious");
        var home = Directory.CreateDirectory(_temp.Combine("home")).FullName;
        Assert.Equal(0, Process.Start("ln", [victim, Path.Combine(home, "password")]).WaitForExitAndCode());

        Assert.Throws<PasswordException>(() => new PasswordFileSource(home, consume: true).GetPassword(new PasswordRequest("ks", false)));

        Assert.Equal("precious", File.ReadAllText(victim));
    }

    [SkippableFact]
    public void A_password_file_of_a_third_user_is_never_consumed()
    {
        Skip.IfNot(Ownership.IsRoot, "giving files to another user needs root");
        var home = Directory.CreateDirectory(_temp.Combine("home")).FullName;
        var file = Path.Combine(home, "password-tmp");
        File.WriteAllText(file, "pw");
        Ownership.GiveTo(file, Ownership.OtherUser);

        Assert.Throws<PasswordException>(() => new PasswordFileSource(home, consume: true).GetPassword(new PasswordRequest("ks", false)));

        Assert.Equal("pw", File.ReadAllText(file));
    }
}

internal static class ProcessExtensions
{
    public static int WaitForExitAndCode(this Process? process)
    {
        ArgumentNullException.ThrowIfNull(process);
        process.WaitForExit();
        return process.ExitCode;
    }
}
