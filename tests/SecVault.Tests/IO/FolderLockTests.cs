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

    [Fact]
    public void The_lock_leaves_no_file_behind()
    {
        using (FolderLock.Acquire(_temp.Path))
        {
        }

        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }

    [SkippableFact]
    public void A_missing_folder_is_an_error_naming_it()
    {
        Skip.If(OperatingSystem.IsWindows(), "flock is POSIX only");
        var missing = _temp.Combine("nope");
        var error = Assert.Throws<FileWriteException>(() => FolderLock.Acquire(missing));
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }
}
