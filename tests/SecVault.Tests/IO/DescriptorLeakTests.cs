using SecVault.IO;
using SecVault.Testing;

namespace SecVault.Tests.IO;

/// <summary>
/// Every descriptor the file layer opens is closed again, on success and on failure: a long-running host (the
/// configuration provider reloads, `mi secret exec` runs for days) would otherwise run out of them. The open
/// descriptors are read from <c>/proc/self/fd</c>, counting only those inside this test's own folder.
/// </summary>
public sealed class DescriptorLeakTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [SkippableFact]
    public void Opening_a_deep_folder_keeps_one_descriptor_of_that_folder_and_none_of_the_steps()
    {
        SkipUnlessProcfs();
        var deep = Directory.CreateDirectory(_temp.Combine("a", "b", "c")).FullName;

        using (var handle = SafePath.OpenFolder(deep))
        {
            Assert.Equal([deep], DescriptorsInside());
        }

        Assert.Empty(DescriptorsInside());
    }

    [SkippableFact]
    public void A_folder_that_cannot_be_opened_leaves_no_descriptor()
    {
        SkipUnlessProcfs();
        Directory.CreateDirectory(_temp.Combine("a", "b"));
        File.WriteAllText(_temp.Combine("a", "file"), "x");

        Assert.Throws<DirectoryNotFoundException>(() => SafePath.OpenFolder(_temp.Combine("a", "b", "missing", "d")));
        Assert.Throws<UnsafeFileException>(() => SafePath.OpenFolder(_temp.Combine("a", "file")));

        Assert.Empty(DescriptorsInside());
    }

    [SkippableFact]
    public void Reading_a_file_or_failing_to_leaves_no_descriptor()
    {
        SkipUnlessProcfs();
        var file = _temp.Combine("sub", "deployment.toml");
        Directory.CreateDirectory(_temp.Combine("sub"));
        File.WriteAllText(file, "a = 1\n");
        Ownership.MakeFifo(_temp.Combine("sub", "fifo"));

        Assert.Equal(6, FileSnapshot.Read(file).Content.Length);
        Assert.Throws<FileNotFoundException>(() => SecureFile.OpenRead(_temp.Combine("sub", "missing")));
        Assert.ThrowsAny<IOException>(() => SecureFile.OpenRead(_temp.Combine("sub", "fifo")));
        Assert.ThrowsAny<IOException>(() => SecureFile.OpenRead(_temp.Combine("sub")));

        Assert.Empty(DescriptorsInside());
    }

    [SkippableFact]
    public void Writing_a_file_or_failing_to_leaves_no_descriptor()
    {
        SkipUnlessProcfs();
        var file = _temp.Combine("conf", "deployment.toml");
        AtomicFile.CreateFolder(_temp.Combine("conf"));
        AtomicFile.Write(file, stream => stream.Write("a = 1\n"u8));
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(file, _ => throw new InvalidOperationException("refused")));

        Assert.Equal("a = 1\n", File.ReadAllText(file));
        Assert.Empty(DescriptorsInside());
    }

    [SkippableFact]
    public void A_released_lock_leaves_no_descriptor()
    {
        SkipUnlessProcfs();
        using (FolderLock.Acquire(_temp.Path))
        {
            Assert.Equal([_temp.Combine(FolderLock.FileName)], DescriptorsInside());
        }

        Assert.Empty(DescriptorsInside());
    }

    [SkippableFact]
    public void Waiting_for_a_busy_lock_leaves_no_descriptor_of_the_attempts()
    {
        SkipUnlessProcfs();
        using (FolderLock.Acquire(_temp.Path))
        {
            Assert.Throws<FileWriteException>(() => FolderLock.Acquire(_temp.Path, TimeSpan.FromMilliseconds(150)));
        }

        Assert.Empty(DescriptorsInside());
    }

    [SkippableFact]
    public void Replacing_a_lock_file_others_could_open_leaves_no_descriptor_of_the_old_one()
    {
        SkipUnlessProcfs();
        var lockFile = _temp.Combine(FolderLock.FileName);
        File.WriteAllText(lockFile, string.Empty);
        File.SetUnixFileMode(lockFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        using (FolderLock.Acquire(_temp.Path))
        {
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(lockFile));
        Assert.Empty(DescriptorsInside());
    }

    private static void SkipUnlessProcfs() =>
        Skip.IfNot(OperatingSystem.IsLinux() && Directory.Exists("/proc/self/fd"), "reads the open descriptors from Linux's /proc/self/fd");

    /// <summary>What the process's open descriptors name inside the test folder (other tests' descriptors are elsewhere).</summary>
    private List<string> DescriptorsInside()
    {
        var inside = new List<string>();
        foreach (var entry in Directory.GetFileSystemEntries("/proc/self/fd"))
        {
            string? target;
            try
            {
                target = new FileInfo(entry).LinkTarget;
            }
            catch (IOException)
            {
                continue; // closed by another thread meanwhile
            }

            if (target is not null && (target == _temp.Path || target.StartsWith(_temp.Path + "/", StringComparison.Ordinal)))
            {
                inside.Add(target);
            }
        }

        return inside;
    }
}
