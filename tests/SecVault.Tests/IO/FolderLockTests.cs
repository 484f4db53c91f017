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
}
