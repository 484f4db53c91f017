using SecVault.Passwords;
using SecVault.Testing;

namespace SecVault.Tests.Passwords;

public sealed class PasswordFileSourceTests
{
    private static readonly PasswordRequest Request = new("ks.jks", SeparateKeyPassword: false);

    private static string Name(int i) => PasswordFileSource.FileNames[i];

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
    public void GetPassword_gives_nothing_without_files()
    {
        using var home = new TempFolder();
        Assert.Null(new PasswordFileSource(home.Path, consume: true).GetPassword(Request));
    }
}
