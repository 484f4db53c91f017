using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using SecVault.IO;
using SecVault.Testing;

namespace SecVault.Tests.IO;

public sealed class SecureFileTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_regular_file_is_read_whole_with_its_status()
    {
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "twelve bytes");

        using var file = SecureFile.OpenRead(path);

        Assert.Equal(path, file.ResolvedPath);
        Assert.Equal(12, file.Length);
        Assert.True(file.Status.IsRegularFile);
        Assert.Equal("twelve bytes"u8.ToArray(), file.ReadAll(12));
    }

    [Fact]
    public void A_file_larger_than_the_limit_is_refused_naming_its_size_and_the_limit()
    {
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "eleven byte");

        var error = Assert.Throws<FileTooLargeException>(() => SecureFile.ReadAllBytes(path, 10));

        Assert.Equal($"{path} is too large (11 bytes; SecVault reads at most 10 bytes of it)", error.Message);
        Assert.Equal(path, error.Path);
        Assert.Equal(11, error.Size);
        Assert.Equal(10, error.Limit);
    }

    [Fact]
    public void A_file_of_exactly_the_limit_is_read()
    {
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "ten bytes!");
        Assert.Equal("ten bytes!"u8.ToArray(), SecureFile.ReadAllBytes(path, 10));
    }

    [Fact]
    public void A_file_that_grows_past_the_limit_after_opening_is_refused()
    {
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "ten bytes!");
        using var file = SecureFile.OpenRead(path);
        File.AppendAllText(path, "and more");

        var error = Assert.Throws<FileTooLargeException>(() => file.ReadAll(10));

        Assert.Equal(11, error.Size);
        Assert.Equal(10, error.Limit);
    }

    [Fact]
    public void A_file_that_grows_after_opening_but_stays_within_the_limit_is_an_error_saying_it_grew()
    {
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "five!");
        using var file = SecureFile.OpenRead(path);
        File.AppendAllText(path, "x");

        var error = Assert.Throws<IOException>(() => file.ReadAll(100));

        Assert.IsNotType<FileTooLargeException>(error);
        Assert.Equal($"{file.ResolvedPath} grew while it was read (another process is writing it); run the command again", error.Message);
    }

    [Fact]
    public void A_file_that_grows_to_exactly_the_limit_after_opening_is_not_called_too_large()
    {
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "five!");
        using var file = SecureFile.OpenRead(path);
        File.AppendAllText(path, "x");

        var error = Assert.Throws<IOException>(() => file.ReadAll(6));

        Assert.IsNotType<FileTooLargeException>(error);
        Assert.Contains("grew while it was read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_shrinks_after_opening_gives_what_is_left()
    {
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "ten bytes!");
        using var file = SecureFile.OpenRead(path);
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            stream.SetLength(4);
        }

        Assert.Equal("ten "u8.ToArray(), file.ReadAll(10));
    }

    [Fact]
    public void ReadAllText_drops_a_utf8_byte_order_mark_only_when_reading_utf8()
    {
        var path = _temp.Combine("deployment.toml");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, (byte)'a', (byte)'=', (byte)'1']);

        Assert.Equal("a=1", SecureFile.ReadAllText(path, 100, new UTF8Encoding(false)));
        Assert.Equal("\u00EF\u00BB\u00BFa=1", SecureFile.ReadAllText(path, 100, Encoding.Latin1));
    }

    [Fact]
    public void ReadAllText_keeps_text_without_a_byte_order_mark_whole()
    {
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "\u00E9t\u00E9", new UTF8Encoding(false));
        Assert.Equal("\u00E9t\u00E9", SecureFile.ReadAllText(path, 100, new UTF8Encoding(false)));
    }

    [SkippableFact]
    public void A_file_opened_for_reading_and_writing_is_overwritten_through_its_descriptor()
    {
        Skip.If(OperatingSystem.IsWindows(), "descriptor-based open on Unix only");
        var path = _temp.Combine("password-tmp");
        File.WriteAllText(path, "pass");

        using (var file = SecureFile.OpenReadWrite(path))
        {
            using var stream = file.ToStream(FileAccess.ReadWrite);
            stream.Write("****"u8);
            file.Flush();
        }

        Assert.Equal("****", File.ReadAllText(path));
    }

    [SkippableFact]
    public void A_file_opened_for_reading_only_cannot_be_written_through_its_stream()
    {
        Skip.If(OperatingSystem.IsWindows(), "descriptor-based open on Unix only");
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "abc");
        using var file = SecureFile.OpenRead(path);
        using var stream = file.ToStream();
        Assert.False(stream.CanWrite);
        Assert.Equal((int)'a', stream.ReadByte());
    }

    [Fact]
    public void A_missing_file_is_not_found_naming_it()
    {
        var path = _temp.Combine("deployment.toml");

        var error = Assert.Throws<FileNotFoundException>(() => SecureFile.OpenRead(path));

        Assert.Equal($"{path} does not exist", error.Message);
        Assert.Equal(path, error.FileName);
    }

    [SkippableFact]
    public void A_file_in_a_missing_folder_names_the_folder()
    {
        Skip.If(OperatingSystem.IsWindows(), "descriptor-based open on Unix only");
        var folder = _temp.Combine("conf");

        var error = Assert.Throws<DirectoryNotFoundException>(() => SecureFile.OpenRead(Path.Combine(folder, "deployment.toml")));

        Assert.Equal($"folder {folder} does not exist", error.Message);
    }

    [SkippableFact]
    public void A_folder_is_refused_as_input_naming_its_kind()
    {
        Skip.If(OperatingSystem.IsWindows(), "descriptor-based open on Unix only");
        var path = Directory.CreateDirectory(_temp.Combine("deployment.toml")).FullName;

        var error = Assert.Throws<UnsafeFileException>(() => SecureFile.OpenRead(path));

        Assert.Equal($"{path} is a folder, not a regular file; SecVault reads only regular files", error.Message);
        Assert.Equal(path, error.Path);
        Assert.False(error.IsLinkLoop);
    }

    [SkippableFact]
    public void A_socket_is_refused_as_input_and_as_target()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix sockets as files are POSIX");
        var path = _temp.Combine("deployment.toml");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));

        var read = Assert.Throws<UnsafeFileException>(() => SecureFile.OpenRead(path));
        var write = Assert.Throws<FileWriteException>(() => AtomicFile.Write(path, "x"u8.ToArray()));

        Assert.Equal($"{path} is a socket, not a regular file; SecVault reads only regular files", read.Message);
        Assert.Equal($"{path} is a socket, not a regular file; it was not replaced", write.Message);
        Assert.Equal("socket", Ownership.KindOf(path));
    }

    [SkippableFact]
    public void A_file_the_caller_may_not_read_is_permission_denied_naming_it()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix modes only");
        File.SetUnixFileMode(_temp.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherExecute);
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "x");
        File.SetUnixFileMode(path, UnixFileMode.None);

        UnauthorizedAccessException? error = null;
        Ownership.RunUnprivileged(() => error = Assert.Throws<UnauthorizedAccessException>(() => SecureFile.OpenRead(path)));

        Assert.Equal($"permission denied on {path}", error!.Message);
    }

    [SkippableFact]
    public void A_file_name_too_long_for_the_system_is_an_error_naming_it()
    {
        Skip.If(OperatingSystem.IsWindows(), "descriptor-based open on Unix only");
        var path = _temp.Combine(new string('n', 300));

        var error = Assert.Throws<IOException>(() => SecureFile.OpenRead(path));

        Assert.Equal($"cannot open {path}: {Marshal.GetPInvokeErrorMessage(36)}", error.Message);
    }

    [SkippableFact]
    public void A_folder_name_too_long_for_the_system_is_an_error_naming_it()
    {
        Skip.If(OperatingSystem.IsWindows(), "descriptor-based open on Unix only");
        var folder = _temp.Combine(new string('n', 300));

        var error = Assert.Throws<IOException>(() => SecureFile.OpenRead(Path.Combine(folder, "deployment.toml")));

        Assert.Equal($"cannot open {folder}: {Marshal.GetPInvokeErrorMessage(36)}", error.Message);
    }

    [SkippableFact]
    public void A_link_of_your_own_is_read_through_and_resolved()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix links");
        var real = _temp.Combine("real.toml");
        File.WriteAllText(real, "content");
        var link = _temp.Combine("deployment.toml");
        File.CreateSymbolicLink(link, "real.toml");

        using var file = SecureFile.OpenRead(link);

        Assert.Equal(real, file.ResolvedPath);
        Assert.Equal("content"u8.ToArray(), file.ReadAll(100));
    }

    [SkippableFact]
    public void OwnerOf_gives_the_owner_of_what_a_path_leads_to()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix owners");
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "x");
        var link = _temp.Combine("link.toml");
        File.CreateSymbolicLink(link, path);
        if (Ownership.IsRoot)
        {
            Ownership.GiveTo(path, Ownership.OtherUser);
        }

        Assert.Equal(Ownership.OwnerOf(path), (int)SecureFile.OwnerOf(link));
        Assert.Equal(Ownership.OwnerOf(_temp.Path), (int)SecureFile.OwnerOf(_temp.Path));
    }

    [SkippableFact]
    public void OwnerOf_a_missing_path_names_it()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix owners");
        var path = _temp.Combine("nope");

        var error = Assert.Throws<DirectoryNotFoundException>(() => SecureFile.OwnerOf(path));

        Assert.Equal($"folder {path} does not exist", error.Message);
    }

    [SkippableFact]
    public void CallerId_is_the_owner_of_files_this_process_makes()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix owners");
        var path = _temp.Combine("mine");
        File.WriteAllText(path, "x");
        Assert.Equal(Ownership.OwnerOf(path), (int)SecureFile.CallerId);
    }

    [Fact]
    public void OpenManaged_for_reading_gives_the_file_whole_and_refuses_writes()
    {
        var path = _temp.Combine("deployment.toml");
        File.WriteAllText(path, "twelve bytes");

        using (var file = SecureFile.OpenManaged(path, Posix.ReadOnly))
        {
            Assert.Equal(path, file.ResolvedPath);
            Assert.Equal(12, file.Length);
            Assert.True(file.Status.IsRegularFile);
            Assert.Equal("twelve bytes"u8.ToArray(), file.ReadAll(12));
            Assert.ThrowsAny<Exception>(() => RandomAccess.Write(file.Handle, "x"u8, 0));
        }

        Assert.Equal("twelve bytes", File.ReadAllText(path));
    }

    [Fact]
    public void OpenManaged_for_reading_and_writing_writes_through_its_descriptor()
    {
        var path = _temp.Combine("password-tmp");
        File.WriteAllText(path, "pass");

        using (var file = SecureFile.OpenManaged(path, Posix.ReadWrite))
        {
            RandomAccess.Write(file.Handle, "****"u8, 0);
        }

        Assert.Equal("****", File.ReadAllText(path));
    }

    [SkippableFact]
    public void A_flush_the_file_system_refuses_is_an_error_naming_the_file()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "procfs refuses fsync on Linux");
        using var file = SecureFile.OpenRead("/proc/self/status");

        var error = Assert.Throws<IOException>(file.Flush);

        Assert.Equal($"/proc/{Environment.ProcessId}/status", file.ResolvedPath);
        Assert.Equal($"cannot write {file.ResolvedPath}: {Marshal.GetPInvokeErrorMessage(22)}", error.Message);
    }

    [Fact]
    public void An_empty_path_is_a_usage_error()
    {
        Assert.ThrowsAny<ArgumentException>(() => SecureFile.OpenRead(string.Empty));
        Assert.ThrowsAny<ArgumentException>(() => SecureFile.OpenReadWrite(string.Empty));
    }
}
