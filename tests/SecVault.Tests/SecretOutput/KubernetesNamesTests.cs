using SecVault.SecretOutput;

namespace SecVault.Tests.SecretOutput;

public sealed class KubernetesNamesTests
{
    [Theory]
    [InlineData("wso2secret", true)]
    [InlineData("a.b-c", true)]
    [InlineData("A", false)]
    [InlineData("a_b", false)]
    [InlineData("-a", false)]
    [InlineData("a.", false)]
    [InlineData("a\n", false)]
    public void IsDnsSubdomain_follows_RFC_1123(string name, bool expected) => Assert.Equal(expected, KubernetesNames.IsDnsSubdomain(name));

    [Fact]
    public void Length_limits_are_253_for_subdomains_and_secret_keys_and_63_for_labels()
    {
        Assert.True(KubernetesNames.IsDnsSubdomain(new string('a', 253)));
        Assert.False(KubernetesNames.IsDnsSubdomain(new string('a', 254)));
        Assert.True(KubernetesNames.IsDnsLabel(new string('a', 63)));
        Assert.False(KubernetesNames.IsDnsLabel(new string('a', 64)));
        Assert.False(KubernetesNames.IsDnsLabel("a.b"));
        Assert.False(KubernetesNames.IsSecretKey(new string('a', 254)));
    }

    [Theory]
    [InlineData("db_password", true)]
    [InlineData("A-b.C_1", true)]
    [InlineData(".x", true)]
    [InlineData(".", false)]
    [InlineData("..x", false)]
    [InlineData("a b", false)]
    [InlineData("a/b", false)]
    [InlineData("", false)]
    public void IsSecretKey_follows_the_config_map_key_rule(string key, bool expected) => Assert.Equal(expected, KubernetesNames.IsSecretKey(key));
}
