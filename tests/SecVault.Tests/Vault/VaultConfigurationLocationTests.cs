using SecVault.Home;

namespace SecVault.Tests.Vault;

public sealed class VaultConfigurationLocationTests
{
    [Fact]
    public void A_keystore_inside_the_home_is_written_relative_with_slashes_and_one_outside_absolute()
    {
        var home = Path.Combine(Path.GetTempPath(), "mi-home");
        var inside = Path.Combine(home, "repository", "resources", "security", "wso2carbon.jks");
        var outside = Path.Combine(Path.GetTempPath(), "keys", "wso2carbon.jks");

        Assert.Equal("repository/resources/security/wso2carbon.jks", VaultConfiguration.LocationToWrite(inside, home));
        Assert.Equal(Path.GetFullPath(outside), VaultConfiguration.LocationToWrite(outside, home));
        Assert.Equal(Path.GetFullPath(inside), VaultConfiguration.LocationToWrite(inside, null));
    }

    [Fact]
    public void A_relative_location_is_read_from_the_home_and_an_absolute_one_as_it_is()
    {
        var home = Path.Combine(Path.GetTempPath(), "mi-home");
        var absolute = Path.Combine(Path.GetTempPath(), "elsewhere", "k.p12");

        Assert.Equal(Path.Combine(home, "repository", "k.jks"), VaultConfiguration.ResolveLocation("repository/k.jks", home));
        Assert.Equal(absolute, VaultConfiguration.ResolveLocation(absolute, home));
    }
}
