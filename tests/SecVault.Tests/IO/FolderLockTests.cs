using SecVault.IO;
using SecVault.Testing;

namespace SecVault.Tests.IO;

public sealed class FolderLockTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [SkippableFact]
    public void A_second_holder_waits_until_the_first_releases()
    {
        Skip.If(OperatingSystem.IsWindows(), "flock is POSIX only");
        var first = FolderLock.Acquire(_temp.Path);
        var acquired = new ManualResetEventSlim();
        var second = Task.Run(() =>
        {
            using var lock2 = FolderLock.Acquire(_temp.Path, TimeSpan.FromSeconds(20));
            acquired.Set();
        });
        Assert.False(acquired.Wait(300), "the second lock was granted while the first was held");
        first.Dispose();
        Assert.True(second.Wait(TimeSpan.FromSeconds(20)));
        Assert.True(acquired.IsSet);
    }

    [SkippableFact]
    public void A_busy_folder_fails_with_a_clear_message_after_the_timeout()
    {
        Skip.If(OperatingSystem.IsWindows(), "flock is POSIX only");
        using var first = FolderLock.Acquire(_temp.Path);
        var error = Assert.Throws<FileWriteException>(() => FolderLock.Acquire(_temp.Path, TimeSpan.FromMilliseconds(100)));
        Assert.Contains("another process has been writing in", error.Message, StringComparison.Ordinal);
        Assert.Equal(_temp.Path, error.Path);
        Assert.NotNull(error.Hint);
    }

    [SkippableFact]
    public void The_lock_file_is_private_to_the_folder_owner()
    {
        Skip.If(OperatingSystem.IsWindows(), "flock is POSIX only");
        using (FolderLock.Acquire(_temp.Path))
        {
        }

        var lockFile = Assert.Single(Directory.GetFileSystemEntries(_temp.Path));
        Assert.Equal(FolderLock.FileName, Path.GetFileName(lockFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(lockFile));
    }

    [SkippableFact]
    public void A_lock_file_others_could_open_is_replaced_so_their_lock_does_not_block()
    {
        Skip.If(OperatingSystem.IsWindows(), "flock is POSIX only");
        var lockFile = _temp.Combine(FolderLock.FileName);
        File.WriteAllText(lockFile, string.Empty);
        File.SetUnixFileMode(lockFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        // Another user who could read the old file holds a lock on it.
        using var squatter = new FileStream(lockFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        Assert.Equal(0, Flock(squatter.SafeFileHandle, 2 | 4));

        using var acquired = FolderLock.Acquire(_temp.Path, TimeSpan.FromMilliseconds(200));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(lockFile));
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static extern int Flock(Microsoft.Win32.SafeHandles.SafeFileHandle handle, int operation);

    [SkippableFact]
    public void A_missing_folder_is_an_error_naming_it()
    {
        Skip.If(OperatingSystem.IsWindows(), "flock is POSIX only");
        var missing = _temp.Combine("nope");
        var error = Assert.Throws<FileWriteException>(() => FolderLock.Acquire(missing));
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void The_lock_names_the_folder_with_its_links_resolved()
    {
        Skip.If(OperatingSystem.IsWindows(), "flock is POSIX only");
        var real = Directory.CreateDirectory(_temp.Combine("real")).FullName;
        var link = _temp.Combine("conf");
        File.CreateSymbolicLink(link, real);

        using var held = FolderLock.Acquire(link);

        Assert.Equal(real, held.Folder);
        Assert.True(File.Exists(Path.Combine(real, FolderLock.FileName)));
    }

    [SkippableFact]
    public void A_link_in_place_of_the_lock_file_is_refused_and_left_alone()
    {
        Skip.If(OperatingSystem.IsWindows(), "flock is POSIX only");
        var victim = _temp.Combine("victim");
        File.WriteAllText(victim, "precious");
        var lockFile = _temp.Combine(FolderLock.FileName);
        File.CreateSymbolicLink(lockFile, victim);

        var error = Assert.Throws<FileWriteException>(() => FolderLock.Acquire(_temp.Path));

        Assert.Equal($"cannot lock {_temp.Path}: {lockFile} was replaced by a symbolic link or changed while being opened", error.Message);
        Assert.Equal(_temp.Path, error.Path);
        Assert.Equal(victim, new FileInfo(lockFile).LinkTarget);
        Assert.Equal("precious", File.ReadAllText(victim));
    }

    [SkippableFact]
    public void A_folder_the_caller_may_not_write_cannot_be_locked()
    {
        Skip.If(OperatingSystem.IsWindows(), "flock is POSIX only");
        var readOnly = UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(_temp.Path, readOnly);

        FileWriteException? error = null;
        Ownership.RunUnprivileged(() => error = Assert.Throws<FileWriteException>(() => FolderLock.Acquire(_temp.Path)));

        File.SetUnixFileMode(_temp.Path, readOnly | UnixFileMode.UserWrite);
        Assert.Equal($"cannot lock {_temp.Path}: {System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(13)}", error!.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }

    [SkippableFact]
    public void A_private_lock_file_of_root_is_given_to_the_folder_owner()
    {
        Skip.IfNot(Ownership.IsRoot, "giving files to another user needs root");
        Ownership.GiveTo(_temp.Path, Ownership.OtherUser);
        var lockFile = _temp.Combine(FolderLock.FileName);
        File.WriteAllText(lockFile, string.Empty);
        File.SetUnixFileMode(lockFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        using (FolderLock.Acquire(_temp.Path))
        {
        }

        Assert.Equal(Ownership.OtherUser, Ownership.OwnerOf(lockFile));
    }

    [SkippableFact]
    public void A_hard_linked_lock_file_is_replaced_by_a_private_one_of_the_folder_owner()
    {
        Skip.If(OperatingSystem.IsWindows(), "flock is POSIX only");
        var lockFile = _temp.Combine(FolderLock.FileName);
        File.WriteAllText(lockFile, string.Empty);
        File.SetUnixFileMode(lockFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var other = _temp.Combine("other-name");
        Assert.Equal(0, System.Diagnostics.Process.Start("ln", [lockFile, other]).WaitForExitAndCode());

        using (FolderLock.Acquire(_temp.Path))
        {
        }

        Assert.Equal(1, LinkCount(lockFile));
        Assert.Equal(1, LinkCount(other));
        Assert.Equal(Ownership.OwnerOf(_temp.Path), Ownership.OwnerOf(lockFile));
        Assert.Equal(2, Directory.GetFileSystemEntries(_temp.Path).Length);
    }

    [Fact]
    public void An_empty_or_null_folder_is_a_usage_error_naming_the_folder_argument()
    {
        Assert.Equal("folder", Assert.Throws<ArgumentException>(() => FolderLock.Acquire(string.Empty)).ParamName);
        Assert.Equal("folder", Assert.Throws<ArgumentNullException>(() => FolderLock.Acquire(null!)).ParamName);
    }

    [SkippableFact]
    public void A_private_lock_file_of_the_folder_owner_is_kept()
    {
        Skip.IfNot(Ownership.IsRoot, "giving files to another user needs root");
        Ownership.GiveTo(_temp.Path, Ownership.OtherUser);
        var (lockFile, inode) = AcquireOverPrivateLockFileOf(Ownership.OtherUser);

        Assert.Equal(inode, SafePath.StatusOf(lockFile)!.Value.Inode);
        Assert.Equal(Ownership.OtherUser, Ownership.OwnerOf(lockFile));
        Assert.Single(Directory.GetFileSystemEntries(_temp.Path));
    }

    [SkippableFact]
    public void A_private_lock_file_of_a_third_user_is_replaced_by_one_of_the_folder_owner()
    {
        Skip.IfNot(Ownership.IsRoot, "giving files to another user needs root");
        var (lockFile, inode) = AcquireOverPrivateLockFileOf(Ownership.OtherUser);

        Assert.NotEqual(inode, SafePath.StatusOf(lockFile)!.Value.Inode);
        Assert.Equal(0, Ownership.OwnerOf(lockFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(lockFile));
        Assert.Single(Directory.GetFileSystemEntries(_temp.Path));
    }

    [SkippableFact]
    public void A_private_lock_file_of_a_third_user_in_a_service_account_folder_is_replaced_by_one_of_that_account()
    {
        Skip.IfNot(Ownership.IsRoot, "giving files to another user needs root");
        const int serviceAccount = 4242;
        Ownership.GiveTo(_temp.Path, serviceAccount, serviceAccount);
        var (lockFile, inode) = AcquireOverPrivateLockFileOf(Ownership.OtherUser);

        Assert.NotEqual(inode, SafePath.StatusOf(lockFile)!.Value.Inode);
        Assert.Equal(serviceAccount, Ownership.OwnerOf(lockFile));
        Assert.Equal(serviceAccount, Ownership.GroupOf(lockFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(lockFile));
    }

    /// <summary>Puts a lock file of mode 0600 owned by <paramref name="user"/> in the test folder, then takes and releases the lock; gives the inode the file had.</summary>
    private (string LockFile, ulong Inode) AcquireOverPrivateLockFileOf(int user)
    {
        var lockFile = _temp.Combine(FolderLock.FileName);
        File.WriteAllText(lockFile, string.Empty);
        File.SetUnixFileMode(lockFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Ownership.GiveTo(lockFile, user);
        var inode = SafePath.StatusOf(lockFile)!.Value.Inode;
        using (FolderLock.Acquire(_temp.Path))
        {
        }

        return (lockFile, inode);
    }

    private static int LinkCount(string path)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%h", path]) { RedirectStandardOutput = true };
        using var process = System.Diagnostics.Process.Start(psi)!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return int.Parse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
