using SecVault.IO;
using SecVault.Testing;

namespace SecVault.Tests.IO;

public sealed class SafePathTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [SkippableFact]
    public void Dot_and_dot_dot_are_resolved_by_name()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix resolution");
        Directory.CreateDirectory(_temp.Combine("a"));
        Directory.CreateDirectory(_temp.Combine("b"));

        Assert.Equal(_temp.Combine("b", "c"), SafePath.Resolve(_temp.Path + "/./a/../b/./c"));
    }

    [SkippableFact]
    public void Dot_and_dot_dot_in_a_tail_that_does_not_exist_yet_are_resolved_by_name()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix resolution");
        Assert.Equal(_temp.Combine("b", "c"), SafePath.Resolve(_temp.Path + "/new/../b/./c"));
    }

    [SkippableFact]
    public void After_dot_dot_leaves_a_missing_folder_the_links_that_follow_are_looked_at_again()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix links");
        var real = Directory.CreateDirectory(_temp.Combine("data", "v2")).FullName;
        File.CreateSymbolicLink(_temp.Combine("current"), "data/v2");

        Assert.Equal(Path.Combine(real, "security"), SafePath.Resolve(_temp.Path + "/new/../current/security"));
    }

    [SkippableFact]
    public void After_dot_dot_leaves_a_missing_folder_a_link_of_another_user_is_still_refused()
    {
        Skip.IfNot(Ownership.IsRoot, "giving a link to another user needs root");
        var link = _temp.Combine("conf");
        File.CreateSymbolicLink(link, "/etc");
        Ownership.GiveTo(link, Ownership.OtherUser);

        var error = Assert.Throws<UnsafeFileException>(() => SafePath.Resolve(_temp.Path + "/new/../conf/deployment.toml"));

        Assert.StartsWith($"refusing to follow the symbolic link {link}: it belongs to uid 65534", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Dot_dot_above_the_root_stays_at_the_root()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix resolution");
        Assert.Equal(_temp.Path, SafePath.Resolve("/../.." + _temp.Path));
    }

    [SkippableFact]
    public void A_relative_path_is_taken_from_the_working_folder()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix resolution");
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), _temp.Combine("deployment.toml"));
        Assert.False(Path.IsPathRooted(relative));

        Assert.Equal(_temp.Combine("deployment.toml"), SafePath.Resolve(relative));
    }

    [SkippableFact]
    public void Links_of_your_own_are_followed_in_folders_and_at_the_end()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix links");
        var real = Directory.CreateDirectory(_temp.Combine("data", "v2")).FullName;
        File.CreateSymbolicLink(_temp.Combine("current"), "data/v2");
        File.WriteAllText(Path.Combine(real, "real.toml"), "x");
        File.CreateSymbolicLink(Path.Combine(real, "deployment.toml"), "/" + _temp.Path.TrimStart('/') + "/data/v2/real.toml");

        Assert.Equal(Path.Combine(real, "real.toml"), SafePath.Resolve(_temp.Combine("current", "deployment.toml")));
    }

    [SkippableFact]
    public void The_missing_tail_of_a_path_is_kept_as_written()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix resolution");
        Assert.Equal(_temp.Combine("new", "sub", "file.toml"), SafePath.Resolve(_temp.Combine("new", "sub", "file.toml")));
    }

    [SkippableFact]
    public void A_link_to_itself_is_a_loop_naming_the_link()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix links");
        var link = _temp.Combine("deployment.toml");
        File.CreateSymbolicLink(link, "deployment.toml");

        var error = Assert.Throws<UnsafeFileException>(() => SafePath.Resolve(link));

        Assert.Equal($"too many symbolic links at {link}", error.Message);
        Assert.Equal(link, error.Path);
        Assert.True(error.IsLinkLoop);
    }

    [SkippableFact]
    public void A_chain_of_forty_links_is_followed_and_one_more_is_too_many()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix links");
        File.WriteAllText(_temp.Combine("real"), "x");
        for (var i = 1; i <= 41; i++)
        {
            File.CreateSymbolicLink(_temp.Combine($"l{i}"), i == 1 ? "real" : $"l{i - 1}");
        }

        Assert.Equal(_temp.Combine("real"), SafePath.Resolve(_temp.Combine("l40")));
        var error = Assert.Throws<UnsafeFileException>(() => SafePath.Resolve(_temp.Combine("l41")));
        Assert.True(error.IsLinkLoop);
        Assert.StartsWith("too many symbolic links at ", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_dangling_link_of_another_user_is_refused_as_pointing_to_nothing()
    {
        Skip.IfNot(Ownership.IsRoot, "giving a link to another user needs root");
        var link = _temp.Combine("deployment.toml");
        File.CreateSymbolicLink(link, _temp.Combine("not-yet"));
        Ownership.GiveTo(link, Ownership.OtherUser);

        var error = Assert.Throws<UnsafeFileException>(() => SafePath.Resolve(link));
        var write = Assert.Throws<FileWriteException>(() => AtomicFile.Write(link, "x"u8.ToArray()));

        Assert.Equal($"refusing to follow the symbolic link {link}: it belongs to uid 65534 and points to nothing that exists", error.Message);
        Assert.Equal($"cannot write {link}: {error.Message}", write.Message);
        Assert.False(File.Exists(_temp.Combine("not-yet")));
    }

    [SkippableFact]
    public void A_link_of_root_is_trusted_whoever_owns_its_target()
    {
        Skip.IfNot(Ownership.IsRoot, "giving files to another user needs root");
        var target = _temp.Combine("theirs.toml");
        File.WriteAllText(target, "x");
        Ownership.GiveTo(target, Ownership.OtherUser);
        var link = _temp.Combine("deployment.toml");
        File.CreateSymbolicLink(link, target);

        Assert.Equal(target, SafePath.Resolve(link));
    }

    [SkippableFact]
    public void OpenFolder_names_a_missing_step()
    {
        Skip.If(OperatingSystem.IsWindows(), "descriptor walk on Unix only");
        var missing = _temp.Combine("a");

        var error = Assert.Throws<DirectoryNotFoundException>(() => SafePath.OpenFolder(Path.Combine(missing, "b")));

        Assert.Equal($"folder {missing} does not exist", error.Message);
    }

    [SkippableFact]
    public void OpenFolder_refuses_a_link_in_any_step_even_one_of_your_own()
    {
        Skip.If(OperatingSystem.IsWindows(), "descriptor walk on Unix only");
        Directory.CreateDirectory(_temp.Combine("real", "b"));
        var link = _temp.Combine("a");
        File.CreateSymbolicLink(link, "real");

        var error = Assert.Throws<UnsafeFileException>(() => SafePath.OpenFolder(Path.Combine(link, "b")));

        Assert.Equal($"{link} was replaced by a symbolic link or changed while being opened", error.Message);
        Assert.Equal(link, error.Path);
    }

    [SkippableFact]
    public void OpenFolder_opens_the_root()
    {
        Skip.If(OperatingSystem.IsWindows(), "descriptor walk on Unix only");
        using var root = SafePath.OpenFolder("/");
        Assert.False(root.IsInvalid);
    }

    [SkippableFact]
    public void StatusOf_does_not_follow_a_final_link_and_is_null_for_nothing()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix links");
        File.WriteAllText(_temp.Combine("real"), "abc");
        File.CreateSymbolicLink(_temp.Combine("link"), "real");

        Assert.True(SafePath.StatusOf(_temp.Combine("link"))!.Value.IsSymbolicLink);
        Assert.Equal(3, SafePath.StatusOf(_temp.Combine("real"))!.Value.Size);
        Assert.Null(SafePath.StatusOf(_temp.Combine("nothing")));
    }

    [SkippableFact]
    public void A_relative_name_is_taken_from_the_working_folder_not_from_the_root()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix resolution");
        var name = $"secvault-missing-{Guid.NewGuid():N}.toml";

        Assert.Equal(Path.Join(SafePath.Resolve(Directory.GetCurrentDirectory()), name), SafePath.Resolve(name));
    }

    [SkippableFact]
    public void OpenFolder_for_a_flush_gives_a_descriptor_the_folder_can_be_flushed_through()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "O_PATH descriptors are Linux");
        var folder = Directory.CreateDirectory(_temp.Combine("a", "b")).FullName;

        using var forSync = SafePath.OpenFolder(folder);
        using var pathOnly = SafePath.OpenFolder(folder, forSync: false);

        Assert.Equal(0, Posix.Sync(forSync));
        Assert.Equal(0, PosixTests.StatusFlags(forSync) & Posix.PathOnly);
        Assert.Equal(Posix.PathOnly, PosixTests.StatusFlags(pathOnly) & Posix.PathOnly);
    }

    [SkippableFact]
    public void OpenFolder_of_the_root_for_a_flush_gives_a_descriptor_the_root_can_be_flushed_through()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "O_PATH descriptors are Linux");

        using var root = SafePath.OpenFolder("/");

        Assert.Equal(0, Posix.Sync(root));
        Assert.Equal(0, PosixTests.StatusFlags(root) & Posix.PathOnly);
    }

    [SkippableFact]
    public void OpenFolder_of_the_root_without_a_flush_is_a_path_only_descriptor()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "O_PATH descriptors are Linux");

        using var root = SafePath.OpenFolder("/", forSync: false);

        Assert.Equal(Posix.PathOnly, PosixTests.StatusFlags(root) & Posix.PathOnly);
    }

    [Fact]
    public void An_empty_path_is_a_usage_error()
    {
        Assert.ThrowsAny<ArgumentException>(() => SafePath.Resolve(string.Empty));
    }
}
