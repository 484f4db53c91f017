using System.Diagnostics;
using SecVault.IO;
using SecVault.Testing;

namespace SecVault.Tests.IO;

public sealed class FileSnapshotTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_snapshot_holds_the_path_given_the_bytes_and_their_sha256()
    {
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "abc");

        var snapshot = FileSnapshot.Read(path);

        Assert.Equal(path, snapshot.Path);
        Assert.Equal("abc"u8.ToArray(), snapshot.Content);
        Assert.Equal(Convert.FromHexString("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"), snapshot.Sha256);
    }

    [SkippableFact]
    public void A_snapshot_read_through_a_link_is_of_the_file_it_leads_to()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix links");
        var real = _temp.Combine("real.toml");
        File.WriteAllText(real, "abc");
        var link = _temp.Combine("deployment.toml");
        File.CreateSymbolicLink(link, "real.toml");

        var snapshot = FileSnapshot.Read(link);

        Assert.Equal(link, snapshot.Path);
        Assert.Equal(real, snapshot.ResolvedPath);
        Assert.True(snapshot.Status.IsRegularFile);
        Assert.Equal(3, snapshot.Status.Size);
    }

    [Fact]
    public void A_file_larger_than_the_limit_gives_no_snapshot()
    {
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "abcd");
        var error = Assert.Throws<FileTooLargeException>(() => FileSnapshot.Read(path, 3));
        Assert.Equal(4, error.Size);
    }

    [Fact]
    public void An_empty_path_is_a_usage_error()
    {
        Assert.ThrowsAny<ArgumentException>(() => FileSnapshot.Read(string.Empty));
    }

    [Fact]
    public void A_deleted_file_is_not_unchanged()
    {
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "abc");
        var snapshot = FileSnapshot.Read(path);
        File.Delete(path);

        Assert.False(snapshot.IsUnchangedOnDisk());
    }

    [Fact]
    public void A_file_grown_since_reading_is_not_unchanged()
    {
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "abc");
        var snapshot = FileSnapshot.Read(path);
        File.AppendAllText(path, "d");

        Assert.False(snapshot.IsUnchangedOnDisk());
    }

    [SkippableFact]
    public void A_file_whose_bytes_changed_behind_an_unchanged_size_and_time_is_not_unchanged()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "touch -r copies the modification time to the nanosecond");
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "abc");
        var snapshot = FileSnapshot.Read(path);
        var stamp = _temp.Combine("stamp");
        File.WriteAllText(stamp, string.Empty);
        Touch(path, stamp);

        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            stream.Write("xyz"u8);
        }

        Touch(stamp, path);

        using (var file = SecureFile.OpenRead(path))
        {
            Assert.True(file.Status.IsSameVersionAs(snapshot.Status), "the test did not restore size and time");
        }

        Assert.False(snapshot.IsUnchangedOnDisk());
    }

    [SkippableFact]
    public void A_file_that_can_no_longer_be_read_is_not_unchanged()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix modes only");
        File.SetUnixFileMode(_temp.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherExecute);
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "abc");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.OtherRead);
        FileSnapshot? snapshot = null;
        Ownership.RunUnprivileged(() => snapshot = FileSnapshot.Read(path));
        File.SetUnixFileMode(path, UnixFileMode.None);

        var unchanged = true;
        Ownership.RunUnprivileged(() => unchanged = snapshot!.IsUnchangedOnDisk());

        Assert.False(unchanged);
        File.SetUnixFileMode(path, UnixFileMode.UserRead);
        Assert.True(snapshot!.IsUnchangedOnDisk());
    }

    [Fact]
    public void An_unchanged_file_larger_than_a_hash_chunk_is_unchanged()
    {
        var path = _temp.Combine("deployment.toml");
        File.WriteAllBytes(path, [.. Enumerable.Range(0, 200_000).Select(i => (byte)(i % 251))]);
        var snapshot = FileSnapshot.Read(path);

        Assert.True(snapshot.IsUnchangedOnDisk());
    }

    /// <summary>Gives <paramref name="to"/> the access and modification times of <paramref name="from"/>, to the nanosecond.</summary>
    private static void Touch(string from, string to)
    {
        using var touch = Process.Start("touch", ["-r", from, to]);
        touch.WaitForExit();
        Assert.Equal(0, touch.ExitCode);
    }
}
