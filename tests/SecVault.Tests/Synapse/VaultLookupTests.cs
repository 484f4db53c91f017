using SecVault.Synapse;

namespace SecVault.Tests.Synapse;

public sealed class VaultLookupTests
{
    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("tRuE", true)]
    [InlineData("yes", false)]
    [InlineData("", false)]
    [InlineData(" true", false)]
    public void IsEncrypted_follows_Java_parseBoolean(string flag, bool expected)
    {
        Assert.Equal(expected, Lookup("ENV", flag, 3).IsEncrypted);
    }

    [Theory]
    [InlineData("REG", nameof(VaultLookupType.Registry))]
    [InlineData("ENV", nameof(VaultLookupType.Environment))]
    [InlineData("FILE", nameof(VaultLookupType.File))]
    [InlineData("DOCKER", nameof(VaultLookupType.Docker))]
    public void Three_arguments_select_the_type(string type, string expected)
    {
        Assert.Equal(expected, Lookup(type, "false", 3).LookupType?.ToString());
    }

    [Fact]
    public void The_type_is_case_sensitive()
    {
        Assert.Null(Lookup("env", "false", 3).LookupType);
    }

    [Fact]
    public void Two_arguments_act_like_one_and_flag_the_ignored_type()
    {
        var two = Lookup("ENV", null, 2);

        Assert.Equal((VaultLookupType.Registry, true, false), (two.LookupType, two.TypeIgnored, two.IsEncrypted));
        Assert.False(Lookup(null, null, 1).TypeIgnored);
    }

    private static VaultLookup Lookup(string? type, string? flag, int count) =>
        new("name", type, flag, count, "wso2", 0, 1, 1, 1, VaultLookupSite.XPathCall);
}
