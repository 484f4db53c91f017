using SecVault.Home;
using SecVault.Testing;
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
}
