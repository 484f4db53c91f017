using System.Runtime.InteropServices;
using SecVault.CliConfig;
using SecVault.Hosting;
using SecVault.Testing;

namespace SecVault.Tests.CliConfig;

public sealed class CliConfigStoreTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static KeystoreInfo Info()
    {
        var vector = VectorManifest.Load().Keystore("jks-rsa2048");
        return KeystoreInfo.FromKeystore(VectorManifest.KeystorePath(vector), null, "wso2carbon", vector.StorePassword);
    }

    [Fact]
    public void Save_then_Load_round_trips_and_creates_missing_folders()
    {
        var store = new CliConfigStore(_temp.Combine("a", "b"));

        Assert.False(store.Save(Info()));

        Assert.Equal("wso2carbon", store.Load().KeyAlias);
    }

    [Fact]
    public void Load_of_a_missing_file_is_not_initialized()
    {
        var error = Assert.Throws<CliConfigException>(() => new CliConfigStore(_temp.Path).Load());

        Assert.Equal(CliConfigErrorKind.NotInitialized, error.Kind);
        Assert.StartsWith("key store has not been initialized", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForEnvironment_mentions_the_upstream_file_and_suggests_deleting_it()
    {
        var upstream = _temp.Combine("home", ".wso2mi", "keystore", "keystore_info.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(upstream)!);
        File.WriteAllText(upstream, "x: y");
        var store = CliConfigStore.ForEnvironment(new DictionaryEnvironment(new Dictionary<string, string> { ["HOME"] = _temp.Combine("home") }));

        var error = Assert.Throws<CliConfigException>(store.Load);

        Assert.Contains(upstream, error.Message, StringComparison.Ordinal);
        Assert.Contains("delete " + upstream, error.Hint, StringComparison.Ordinal);
    }

    /// <summary>The user id of nobody on Debian and most Linux distributions; any id but the caller's and root's will do.</summary>
    private const uint Nobody = 65534;

    private static bool IsRoot => Environment.IsPrivilegedProcess;

    [DllImport("libc", EntryPoint = "chown", SetLastError = true)]
    private static extern int Chown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint owner, uint group);

    private static void GiveAway(string path)
    {
        // Group stays root (0): only the owner matters here.
        Assert.Equal(0, Chown(path, Nobody, 0));
    }

    /// <summary>A store whose file was saved by the caller (mode 0600, folder 0700).</summary>
    private CliConfigStore Saved()
    {
        var store = new CliConfigStore(_temp.Combine("config"));
        store.Save(Info());
        return store;
    }

    [SkippableFact]
    public void Load_accepts_the_callers_own_private_file()
    {
        Skip.If(OperatingSystem.IsWindows(), "Windows files carry ACLs, not modes");
        var store = Saved();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.FilePath));
        Assert.Equal("wso2carbon", store.Load().KeyAlias);
        File.SetUnixFileMode(store.FilePath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Assert.Equal("wso2carbon", store.Load().KeyAlias);
    }

    [SkippableTheory]
    [InlineData("666")]
    [InlineData("620")]
    [InlineData("602")]
    public void Load_refuses_a_file_writable_by_group_or_others_naming_it_with_a_chmod_hint(string octal)
    {
        Skip.If(OperatingSystem.IsWindows(), "Windows files carry ACLs, not modes");
        var store = Saved();
        File.SetUnixFileMode(store.FilePath, (UnixFileMode)Convert.ToInt32(octal, 8));

        var error = Assert.Throws<CliConfigException>(store.Load);

        Assert.Equal(CliConfigErrorKind.Untrusted, error.Kind);
        Assert.Equal($"{store.FilePath} is writable by group or others; mi does not trust it", error.Message);
        Assert.Equal($"run 'chmod go-w {store.FilePath}'", error.Hint);
        Assert.DoesNotContain('\n', error.Message);
    }

    [SkippableFact]
    public void Load_refuses_a_file_in_a_folder_writable_by_others()
    {
        Skip.If(OperatingSystem.IsWindows(), "Windows files carry ACLs, not modes");
        var store = Saved();
        File.SetUnixFileMode(store.Folder, (UnixFileMode)Convert.ToInt32("777", 8));

        var error = Assert.Throws<CliConfigException>(store.Load);

        Assert.Equal(CliConfigErrorKind.Untrusted, error.Kind);
        Assert.Equal($"{store.FilePath} is in {store.Folder}, writable by group or others; mi does not trust it", error.Message);
        Assert.Equal($"run 'chmod go-w {store.Folder}'", error.Hint);
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Load_refuses_a_private_file_when_it_or_its_folder_is_owned_by_another_user(bool folder)
    {
        Skip.If(OperatingSystem.IsWindows(), "Windows files carry ACLs, not modes");
        Skip.IfNot(OperatingSystem.IsLinux(), "the owner is read with statx, which only Linux has");
        Skip.IfNot(IsRoot, "only root can give a file to another user (chown)");
        var store = Saved();
        GiveAway(folder ? store.Folder : store.FilePath);

        var error = Assert.Throws<CliConfigException>(store.Load);

        Assert.Equal(CliConfigErrorKind.Untrusted, error.Kind);
        if (folder)
        {
            Assert.Equal($"{store.FilePath} is in {store.Folder}, owned by user id {Nobody}, neither you (user id 0) nor root; mi does not trust it", error.Message);
            Assert.StartsWith($"if the folder is yours, run 'chown 0 {store.Folder}'", error.Hint, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal($"{store.FilePath} is owned by user id {Nobody}, neither you (user id 0) nor root; mi does not trust it", error.Message);
            Assert.Equal($"if the file is yours, run 'chown 0 {store.FilePath}'; otherwise delete it and run 'mi secret init'", error.Hint);
        }
    }

    [SkippableFact]
    public void Load_judges_a_symbolic_link_by_the_file_it_leads_to()
    {
        Skip.If(OperatingSystem.IsWindows(), "Windows files carry ACLs, not modes");
        var planted = Saved();
        var store = new CliConfigStore(_temp.Combine("linked"));
        Directory.CreateDirectory(store.Folder);
        File.CreateSymbolicLink(store.FilePath, planted.FilePath);
        Assert.Equal("wso2carbon", store.Load().KeyAlias);

        File.SetUnixFileMode(planted.Folder, (UnixFileMode)Convert.ToInt32("777", 8));

        var error = Assert.Throws<CliConfigException>(store.Load);
        Assert.Equal(CliConfigErrorKind.Untrusted, error.Kind);
        Assert.Equal($"{store.FilePath} is in {planted.Folder}, writable by group or others; mi does not trust it", error.Message);
    }
}
