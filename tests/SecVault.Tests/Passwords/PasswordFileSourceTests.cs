using SecVault.Passwords;
using SecVault.Testing;

namespace SecVault.Tests.Passwords;

public sealed class PasswordFileSourceTests
{
    /// <summary>A user id that is neither the caller's (root) nor any MI home's.</summary>
    private const int Stranger = 12345;

    private static readonly PasswordRequest Request = new("ks.jks", SeparateKeyPassword: false);

    /// <summary>Upstream's names in lookup order, written out here rather than read from the code under test.</summary>
    private static readonly string[] UpstreamNames = OperatingSystem.IsWindows()
        ? ["password.txt", "password-tmp.txt", "password-persist.txt"]
        : ["password", "password-tmp", "password-persist"];

    private static string Name(int i) => UpstreamNames[i];

    [Fact]
    public void FileNames_are_upstreams_in_lookup_order()
    {
        Assert.Equal(UpstreamNames, PasswordFileSource.FileNames);
    }

    [Fact]
    public void GetPassword_reads_the_files_in_upstream_order_without_consuming_them()
    {
        using var home = new TempFolder();
        File.WriteAllText(home.Combine(Name(1)), "from-tmp\n");
        File.WriteAllText(home.Combine(Name(2)), "from-persist\n");

        using (var tmp = new PasswordFileSource(home.Path, consume: false).GetPassword(Request)!)
        {
            Assert.Equal("from-tmp", tmp.Store.ToString());
        }

        File.WriteAllText(home.Combine(Name(0)), "from-password\r\n");
        using var first = new PasswordFileSource(home.Path, consume: false).GetPassword(Request)!;
        Assert.Equal("from-password", first.Store.ToString());
        Assert.True(File.Exists(home.Combine(Name(0))));
        Assert.True(File.Exists(home.Combine(Name(1))));
    }

    [Fact]
    public void GetPassword_consumes_password_tmp_by_overwriting_then_deleting_it()
    {
        using var home = new TempFolder();
        var path = home.Combine(Name(1));
        File.WriteAllText(path, "päss\n");

        using var password = new PasswordFileSource(home.Path, consume: true).GetPassword(Request)!;

        Assert.Equal("päss", password.Store.ToString());
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void GetPassword_renames_password_to_password_tmp_and_consumes_it()
    {
        using var home = new TempFolder();
        File.WriteAllText(home.Combine(Name(0)), "first");
        File.WriteAllText(home.Combine(Name(2)), "persisted");

        using var password = new PasswordFileSource(home.Path, consume: true).GetPassword(Request)!;

        Assert.Equal("first", password.Store.ToString());
        Assert.False(File.Exists(home.Combine(Name(0))));
        Assert.False(File.Exists(home.Combine(Name(1))));
        using var next = new PasswordFileSource(home.Path, consume: true).GetPassword(Request)!;
        Assert.Equal("persisted", next.Store.ToString());
        Assert.True(File.Exists(home.Combine(Name(2))));
    }

    [Fact]
    public void Overwrite_writes_as_many_zero_bytes_as_the_file_held()
    {
        using var home = new TempFolder();
        var path = home.Combine("victim");
        File.WriteAllText(path, "0123456789");
        using var link = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        File.WriteAllText(home.Combine(Name(1)), "unused");

        // The overwrite happens in place before the delete: an open handle on the same inode sees zeros.
        File.Delete(home.Combine(Name(1)));
        File.Move(path, home.Combine(Name(1)));
        using var password = new PasswordFileSource(home.Path, consume: true).GetPassword(Request)!;
        var buffer = new byte[16];
        var read = RandomAccess.Read(link, buffer, 0);

        Assert.Equal(10, read);
        Assert.All(buffer[..read], b => Assert.Equal(0, b));
    }

    [Fact]
    public void GetPassword_reads_the_key_password_from_line_two_when_separate()
    {
        using var home = new TempFolder();
        File.WriteAllText(home.Combine(Name(2)), "store\nkey\n");

        using var password = new PasswordFileSource(home.Path, consume: false).GetPassword(Request with { SeparateKeyPassword = true })!;

        Assert.Equal(("store", "key"), (password.Store.ToString(), password.Key.ToString()));
        File.WriteAllText(home.Combine(Name(2)), "store-only\n");
        var ex = Assert.Throws<PasswordException>(() => new PasswordFileSource(home.Path, consume: false).GetPassword(Request with { SeparateKeyPassword = true }));
        Assert.Equal(PasswordErrorKind.Incomplete, ex.Kind);
        Assert.DoesNotContain("store-only", ex.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void GetPassword_reports_a_file_it_cannot_delete()
    {
        Skip.If(OperatingSystem.IsWindows(), "a read-only folder is a POSIX notion; Windows deletes through ACLs");
        using var home = new TempFolder();
        File.WriteAllText(home.Combine(Name(1)), "secret-pw");
        File.SetUnixFileMode(home.Combine(Name(1)), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        if (Ownership.IsRoot)
        {
            // Root deletes from any folder: the home and its file go to "nobody", who then meets the folder's mode.
            Ownership.GiveTo(home.Path, Ownership.OtherUser);
            Ownership.GiveTo(home.Combine(Name(1)), Ownership.OtherUser);
        }

        File.SetUnixFileMode(home.Path, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            PasswordException? ex = null;
            void Consume() => ex = Assert.Throws<PasswordException>(() => new PasswordFileSource(home.Path, consume: true).GetPassword(Request));
            if (Ownership.IsRoot)
            {
                Ownership.RunAsFileSystemUser(Ownership.OtherUser, Consume);
            }
            else
            {
                Consume();
            }

            Assert.Equal(PasswordErrorKind.FileFailure, ex!.Kind);
            Assert.Contains(Name(1), ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("secret-pw", ex.Message, StringComparison.Ordinal);
            // It failed at the delete, not before: the overwrite (which needs only the file) ran, the name stays.
            Assert.Equal(new byte[9], File.ReadAllBytes(home.Combine(Name(1))));
        }
        finally
        {
            File.SetUnixFileMode(home.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void Arguments_are_checked_by_name()
    {
        using var home = new TempFolder();
        var source = new PasswordFileSource(home.Path, consume: true);

        Assert.Equal("homePath", Assert.Throws<ArgumentNullException>(() => new PasswordFileSource(null!, consume: true)).ParamName);
        Assert.Equal("homePath", Assert.Throws<ArgumentException>(() => new PasswordFileSource(string.Empty, consume: true)).ParamName);
        Assert.Equal("request", Assert.Throws<ArgumentNullException>(() => source.GetPassword(null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => PasswordFileSource.ReadFile(string.Empty)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => PasswordFileSource.ReadFile(string.Empty, separateKey: true)).ParamName);
    }

    [Fact]
    public void Name_is_password_file()
    {
        Assert.Equal("password file", new PasswordFileSource("/mi", consume: false).Name);
    }

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public void GetPassword_refuses_to_consume_a_symbolic_link_and_leaves_it_and_its_target_alone(bool dangling)
    {
        Skip.If(OperatingSystem.IsWindows(), "symbolic links need privileges on Windows");
        using var home = new TempFolder();
        var target = home.Combine("target");
        if (!dangling)
        {
            File.WriteAllText(target, "secret-pw\n");
        }

        var path = home.Combine(Name(0));
        File.CreateSymbolicLink(path, target);

        var ex = Assert.Throws<PasswordException>(() => new PasswordFileSource(home.Path, consume: true).GetPassword(Request));

        Assert.Equal(PasswordErrorKind.FileFailure, ex.Kind);
        Assert.Equal($"password file {path} is a symbolic link; a password file to be consumed must be the file itself, so it was left alone", ex.Message);
        Assert.Equal(path, ex.Path);
        Assert.Equal(target, new FileInfo(path).LinkTarget);
        Assert.Equal(dangling ? null : "secret-pw\n", File.Exists(target) ? File.ReadAllText(target) : null);
    }

    [SkippableFact]
    public void GetPassword_refuses_to_consume_a_file_with_another_hard_link_and_leaves_it_alone()
    {
        Skip.If(OperatingSystem.IsWindows(), "hard link counts are checked on POSIX only");
        using var home = new TempFolder();
        var path = home.Combine(Name(1));
        File.WriteAllText(path, "secret-pw\n");
        Ownership.MakeHardLink(path, home.Combine("other-name"));

        var ex = Assert.Throws<PasswordException>(() => new PasswordFileSource(home.Path, consume: true).GetPassword(Request));

        AssertNotPrivate(ex, path);
        Assert.Equal("secret-pw\n", File.ReadAllText(path));
        Assert.Equal("secret-pw\n", File.ReadAllText(home.Combine("other-name")));
    }

    [SkippableFact]
    public void GetPassword_refuses_to_consume_a_file_owned_by_neither_the_caller_nor_the_MI_homes_owner()
    {
        Skip.IfNot(Ownership.IsRoot, "giving files to another user needs root");
        using var home = new TempFolder();
        var path = home.Combine(Name(1));
        File.WriteAllText(path, "secret-pw\n");
        Ownership.GiveTo(path, Stranger);

        var ex = Assert.Throws<PasswordException>(() => new PasswordFileSource(home.Path, consume: true).GetPassword(Request));

        AssertNotPrivate(ex, path);
        Assert.Equal("secret-pw\n", File.ReadAllText(path));
    }

    [SkippableTheory]
    [InlineData(0, Stranger)]
    [InlineData(Stranger, Stranger)]
    public void GetPassword_consumes_a_file_owned_by_the_caller_or_by_the_MI_homes_owner(int fileOwner, int homeOwner)
    {
        Skip.IfNot(Ownership.IsRoot, "giving files to another user needs root");
        using var home = new TempFolder();
        var path = home.Combine(Name(1));
        File.WriteAllText(path, "secret-pw\n");
        Ownership.GiveTo(path, fileOwner);
        Ownership.GiveTo(home.Path, homeOwner);

        using var password = new PasswordFileSource(home.Path, consume: true).GetPassword(Request)!;

        Assert.Equal("secret-pw", password.Store.ToString());
        Assert.False(File.Exists(path));
    }

    [SkippableFact]
    public void GetPassword_consumes_a_file_in_an_MI_home_reached_through_a_symbolic_link()
    {
        Skip.If(OperatingSystem.IsWindows(), "symbolic links need privileges on Windows");
        using var folder = new TempFolder();
        var real = Directory.CreateDirectory(folder.Combine("mi-4.2")).FullName;
        var home = folder.Combine("mi");
        Directory.CreateSymbolicLink(home, real);
        File.WriteAllText(Path.Combine(real, Name(1)), "secret-pw\n");

        using var password = new PasswordFileSource(home, consume: true).GetPassword(Request)!;

        Assert.Equal("secret-pw", password.Store.ToString());
        Assert.False(File.Exists(Path.Combine(real, Name(1))));
    }

    [Theory]
    [InlineData(new byte[] { 0x70, 0x77, 0xFF, 0x0A })]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0xC3, 0x28, 0x0A })]
    public void GetPassword_refuses_a_file_that_is_not_UTF8_and_leaves_it_in_place(byte[] content)
    {
        using var home = new TempFolder();
        var path = home.Combine(Name(1));
        File.WriteAllBytes(path, content);

        var ex = Assert.Throws<PasswordException>(() => new PasswordFileSource(home.Path, consume: true).GetPassword(Request));

        Assert.Equal((PasswordErrorKind.FileFailure, $"password file {path} is not UTF-8", path), (ex.Kind, ex.Message, ex.Path));
        Assert.Equal(content, File.ReadAllBytes(path));
    }

    [Fact]
    public void GetPassword_skips_a_UTF8_byte_order_mark_at_the_start()
    {
        using var home = new TempFolder();
        File.WriteAllBytes(home.Combine(Name(2)), [0xEF, 0xBB, 0xBF, (byte)'p', (byte)'w', (byte)'\n']);

        using var password = new PasswordFileSource(home.Path, consume: false).GetPassword(Request)!;

        Assert.Equal("pw", password.Store.ToString());
        Assert.Equal(2, password.Store.Length);
    }

    [Theory]
    [InlineData("store\nkey\n")]
    [InlineData("store\r\nkey\r\n")]
    [InlineData("store\rkey")]
    [InlineData("store\nkey\nthird\n")]
    public void GetPassword_with_a_separate_key_password_takes_line_two_as_the_key_password(string content)
    {
        using var home = new TempFolder();
        File.WriteAllText(home.Combine(Name(2)), content);

        using var password = new PasswordFileSource(home.Path, consume: false).GetPassword(Request with { SeparateKeyPassword = true })!;

        Assert.Equal(("store", "key", true), (password.Store.ToString(), password.Key.ToString(), password.HasSeparateKey));
    }

    [Theory]
    [InlineData("", false, "is empty")]
    [InlineData("\n", false, "is empty")]
    [InlineData("\r\nsecret-pw\n", true, "is empty")]
    [InlineData("\uFEFF", false, "is empty")]
    [InlineData("\uFEFF\nsecret-pw", false, "is empty")]
    [InlineData("secret-pw", true, "has no private key password on line 2")]
    [InlineData("secret-pw\n", true, "has no private key password on line 2")]
    [InlineData("secret-pw\r\n\r\nkey\n", true, "has no private key password on line 2")]
    public void GetPassword_refuses_an_empty_first_line_and_a_missing_or_empty_line_two_when_a_separate_key_password_is_asked(string content, bool separateKey, string problem)
    {
        using var home = new TempFolder();
        var path = home.Combine(Name(2));
        File.WriteAllText(path, content, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

        var ex = Assert.Throws<PasswordException>(() => new PasswordFileSource(home.Path, consume: false).GetPassword(Request with { SeparateKeyPassword = separateKey }));

        Assert.Equal((PasswordErrorKind.Incomplete, $"password file {path} {problem}", path), (ex.Kind, ex.Message, ex.Path));
        Assert.DoesNotContain("secret-pw", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetPassword_without_a_separate_key_password_reads_line_one_only_and_the_key_password_is_the_store_password()
    {
        using var home = new TempFolder();
        File.WriteAllText(home.Combine(Name(2)), "store\nother\n");

        using var password = new PasswordFileSource(home.Path, consume: false).GetPassword(Request)!;

        Assert.Equal(("store", "store", false), (password.Store.ToString(), password.Key.ToString(), password.HasSeparateKey));
    }

    [Fact]
    public void Consuming_overwrites_a_file_longer_than_one_zero_block_with_zeros_over_its_whole_length()
    {
        using var home = new TempFolder();
        var path = home.Combine(Name(0));
        File.WriteAllText(path, "secret-pw\n" + new string('x', 20_000));
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

        using var password = new PasswordFileSource(home.Path, consume: true).GetPassword(Request)!;
        var buffer = new byte[30_000];
        var read = RandomAccess.Read(handle, buffer, 0);

        Assert.Equal("secret-pw", password.Store.ToString());
        Assert.False(File.Exists(path));
        Assert.Equal(20_010, read);
        Assert.Equal(new byte[20_010], buffer[..read]);
    }

    [Fact]
    public void GetPassword_reads_a_file_of_64_KiB_and_refuses_a_larger_one()
    {
        using var home = new TempFolder();
        var path = home.Combine(Name(2));
        File.WriteAllText(path, "pw\n" + new string('x', (64 * 1024) - 3));

        using (var password = new PasswordFileSource(home.Path, consume: false).GetPassword(Request)!)
        {
            Assert.Equal("pw", password.Store.ToString());
        }

        File.AppendAllText(path, "x");
        var ex = Assert.Throws<PasswordException>(() => new PasswordFileSource(home.Path, consume: false).GetPassword(Request));

        Assert.Equal(PasswordErrorKind.FileFailure, ex.Kind);
        Assert.Equal($"cannot consume password file {path}: {path} is too large (65537 bytes; SecVault reads at most 65536 bytes of it)", ex.Message);
    }

    [SkippableFact]
    public void GetPassword_refuses_a_named_pipe_at_once_whether_consuming_or_not()
    {
        Skip.If(OperatingSystem.IsWindows(), "named pipes in a folder are POSIX only");
        using var home = new TempFolder();
        var path = home.Combine(Name(0));
        Ownership.MakeFifo(path);
        var message = $"cannot consume password file {path}: {path} is a named pipe (FIFO), not a regular file; SecVault reads only regular files";

        var consuming = Assert.Throws<PasswordException>(() => new PasswordFileSource(home.Path, consume: true).GetPassword(Request));
        var reading = Assert.Throws<PasswordException>(() => new PasswordFileSource(home.Path, consume: false).GetPassword(Request));

        Assert.Equal((PasswordErrorKind.FileFailure, message, path), (consuming.Kind, consuming.Message, consuming.Path));
        Assert.Equal((PasswordErrorKind.FileFailure, message, path), (reading.Kind, reading.Message, reading.Path));
        Assert.Equal("fifo", Ownership.KindOf(path));
    }

    [Fact]
    public void ReadFile_reads_line_one_only_and_leaves_the_file_in_place()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("old-password");
        File.WriteAllText(path, "store\nkey\n");

        using var password = PasswordFileSource.ReadFile(path);

        Assert.Equal(("store", "store", false), (password.Store.ToString(), password.Key.ToString(), password.HasSeparateKey));
        Assert.Equal("store\nkey\n", File.ReadAllText(path));
    }

    [Fact]
    public void ReadFile_of_a_missing_file_fails_naming_it()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("old-password");

        var ex = Assert.Throws<PasswordException>(() => PasswordFileSource.ReadFile(path, separateKey: true));

        Assert.Equal((PasswordErrorKind.FileFailure, path), (ex.Kind, ex.Path));
        Assert.Equal($"cannot consume password file {path}: {path} does not exist", ex.Message);
        Assert.IsType<FileNotFoundException>(ex.InnerException);
    }

    private static void AssertNotPrivate(PasswordException ex, string path)
    {
        Assert.Equal(PasswordErrorKind.FileFailure, ex.Kind);
        Assert.Equal($"password file {path} has other hard links or belongs to neither you nor the MI home's owner; it was left alone", ex.Message);
        Assert.Equal("make it a regular file with a single name, owned by you or the MI home's owner, or give the password another way", ex.Hint);
        Assert.Equal(path, ex.Path);
    }

    [Fact]
    public void GetPassword_gives_nothing_without_files()
    {
        using var home = new TempFolder();
        Assert.Null(new PasswordFileSource(home.Path, consume: true).GetPassword(Request));
    }
}
