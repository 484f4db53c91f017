using SecVault.Home;
using SecVault.IO;
using SecVault.Testing;
using SecVault.Toml;
using SecVault.Vault;

namespace SecVault.Tests.Vault;

public sealed class VaultTargetTests
{
    [Fact]
    public void The_file_option_wins_over_the_folder_option_which_wins_over_the_home()
    {
        using var folder = new TempFolder();
        var home = MiHome.FromPath(folder.Path, MiHomeSource.Option, folder.Path);

        Assert.Equal(Path.Combine(folder.Path, "x", "my.toml"), VaultTarget.DeploymentTomlPathFor(home, "/elsewhere", "x/my.toml", folder.Path));
        Assert.Equal(Path.Combine(folder.Path, "c", "deployment.toml"), VaultTarget.DeploymentTomlPathFor(home, "c", null, folder.Path));
        Assert.Equal(home.DeploymentTomlPath, VaultTarget.DeploymentTomlPathFor(home, null, null, folder.Path));
    }

    [Fact]
    public void DeploymentTomlPathFor_and_Load_refuse_missing_arguments_whether_or_not_they_would_be_used()
    {
        using var home = new TempMiHome("[server]\n");
        var mi = MiHome.FromPath(home.Path, MiHomeSource.Option, home.Path);
        var sources = ConfigureOperationTests.Sources(mi);

        Assert.Throws<ArgumentNullException>("home", () => VaultTarget.DeploymentTomlPathFor(null!, null, "x/my.toml", home.Path));
        Assert.Throws<ArgumentException>("currentFolder", () => VaultTarget.DeploymentTomlPathFor(mi, null, null, string.Empty));
        Assert.Throws<ArgumentNullException>("home", () => VaultTarget.Load(null!, home.DeploymentTomlPath, sources, selectKeystore: false));
        Assert.Throws<ArgumentException>("deploymentTomlPath", () => VaultTarget.Load(mi, string.Empty, sources, selectKeystore: false));
        Assert.Throws<ArgumentNullException>("sources", () => VaultTarget.Load(mi, home.DeploymentTomlPath, null!, selectKeystore: false));
    }

    [Fact]
    public void A_deployment_toml_inside_the_home_is_named_relative_to_it_in_messages()
    {
        using var home = new TempMiHome("[secrets]\na = \"[x]\"\n");
        var target = ConfigureOperationTests.Load(home);

        Assert.Equal("conf/deployment.toml", target.Document.DisplayPath);
        Assert.Equal("conf/security/secret-conf.properties", target.SecretConfDisplayPath);
        Assert.Equal(KeystoreRole.Default, target.Keystore.Role);
    }

    [Fact]
    public void A_missing_deployment_toml_is_a_vault_error()
    {
        using var home = new TempMiHome("[server]\n");
        File.Delete(home.DeploymentTomlPath);

        var e = Assert.Throws<VaultException>(() => ConfigureOperationTests.Load(home));

        Assert.Equal(VaultErrorKind.DeploymentTomlMissing, e.Kind);
        Assert.Equal("conf/deployment.toml not found", e.Message);
    }

    [SkippableFact]
    public void A_deployment_toml_that_is_no_regular_file_is_a_vault_error_saying_why_it_cannot_be_read()
    {
        Skip.If(OperatingSystem.IsWindows(), "/dev/null is a Unix device");
        using var home = new TempMiHome("[server]\n");
        File.Delete(home.DeploymentTomlPath);
        File.CreateSymbolicLink(home.DeploymentTomlPath, "/dev/null");

        var e = Assert.Throws<VaultException>(() => ConfigureOperationTests.Load(home));

        Assert.Equal("cannot read conf/deployment.toml: /dev/null is a character device, not a regular file; SecVault reads only regular files", e.Message);
        Assert.IsType<UnsafeFileException>(e.InnerException);
    }

    [Fact]
    public void A_target_loaded_without_a_keystore_has_none_and_says_so_when_asked()
    {
        using var home = new TempMiHome("[secrets]\na = \"[x]\"\n", keystoreVector: null);
        var mi = MiHome.FromPath(home.Path, MiHomeSource.Option, home.Path);

        var target = VaultTarget.Load(mi, mi.DeploymentTomlPath, ConfigureOperationTests.Sources(mi), selectKeystore: false);

        Assert.False(target.HasKeystore);
        Assert.Equal("this target was loaded without a keystore", Assert.Throws<InvalidOperationException>(() => target.Keystore).Message);
    }

    [Fact]
    public void ReadAgainIfChanged_keeps_an_unchanged_target_and_reads_a_changed_file_again_with_its_keystore()
    {
        using var home = new TempMiHome("[secrets]\na = \"[x]\"\n");
        var target = ConfigureOperationTests.Load(home);
        var mi = target.Home;

        Assert.Same(target, target.ReadAgainIfChanged(ConfigureOperationTests.Sources(mi)));
        File.WriteAllText(home.DeploymentTomlPath, "[secrets]\na = \"[x]\"\nb = \"[y]\"\n");
        var again = target.ReadAgainIfChanged(ConfigureOperationTests.Sources(mi));

        Assert.NotSame(target, again);
        Assert.Equal(["a", "b"], again.SecretAliases);
        Assert.True(again.HasKeystore);
    }

    [Fact]
    public void Lock_holds_the_lock_file_of_the_deployment_toml_folder_until_disposed()
    {
        using var home = new TempMiHome("[secrets]\n");
        var target = ConfigureOperationTests.Load(home);

        using (target.Lock())
        {
            Assert.True(File.Exists(Path.Combine(home.Path, "conf", ".secvault.lock")));
            Assert.Throws<FileWriteException>(() => FolderLock.Acquire(Path.Combine(home.Path, "conf"), TimeSpan.Zero).Dispose());
        }

        FolderLock.Acquire(Path.Combine(home.Path, "conf"), TimeSpan.Zero).Dispose();
    }

    [Fact]
    public void A_deployment_toml_over_the_size_limit_is_refused_before_it_is_read()
    {
        using var home = new TempMiHome("[server]\n");
        using (var file = File.OpenWrite(home.DeploymentTomlPath))
        {
            file.SetLength(DeploymentToml.DefaultMaxFileBytes + 1);
        }

        var e = Assert.Throws<TomlDocumentException>(() => ConfigureOperationTests.Load(home));

        Assert.Equal(TomlErrorKind.FileTooLarge, e.Kind);
        Assert.Contains("conf/deployment.toml", e.Message, StringComparison.Ordinal);
    }
}
