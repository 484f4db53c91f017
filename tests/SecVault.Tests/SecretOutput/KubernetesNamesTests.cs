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
        Assert.True(KubernetesNames.IsSecretKey(new string('a', 253)));
        Assert.False(KubernetesNames.IsSecretKey(new string('a', 254)));
    }

    [Fact]
    public void Nothing_and_the_empty_string_are_no_names()
    {
        Assert.False(KubernetesNames.IsDnsSubdomain(null));
        Assert.False(KubernetesNames.IsDnsSubdomain(string.Empty));
        Assert.False(KubernetesNames.IsDnsLabel(null));
        Assert.False(KubernetesNames.IsDnsLabel(string.Empty));
        Assert.False(KubernetesNames.IsSecretKey(null));
    }

    [Theory]
    [InlineData("wso2secret", "prod", null)]
    [InlineData(null, null, null)]
    [InlineData(null, "Prod", "--namespace 'Prod' is not a valid namespace (lower-case letters, digits and '-', at most 63 characters)")]
    [InlineData("My_Secret", "prod", "--name 'My_Secret' is not a valid Secret name (lower-case letters, digits, '-' and '.', at most 253 characters)")]
    [InlineData("bad\u0007", "Bad", "--name 'bad\\u0007' is not a valid Secret name (lower-case letters, digits, '-' and '.', at most 253 characters)")]
    [InlineData("wso2secret", "a.b", "--namespace 'a.b' is not a valid namespace (lower-case letters, digits and '-', at most 63 characters)")]
    public void Problem_names_the_first_invalid_option_and_its_printable_value(string? name, string? ns, string? expected)
    {
        Assert.Equal(expected, KubernetesNames.Problem(name, ns));
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
