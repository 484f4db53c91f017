using SecVault.SecretOutput;

namespace SecVault.Tests.SecretOutput;

public sealed class SecretOutputFormatsTests
{
    [Theory]
    [InlineData("console", SecretOutputFormat.Console)]
    [InlineData("FILE", SecretOutputFormat.File)]
    [InlineData("K8", SecretOutputFormat.Kubernetes)]
    [InlineData(" file\t", SecretOutputFormat.File)]
    public void TryParse_reads_the_names_in_any_case_and_around_blanks(string name, SecretOutputFormat expected)
    {
        Assert.True(SecretOutputFormats.TryParse(name, out var format));
        Assert.Equal(expected, format);
    }

    [Theory]
    [InlineData("k8s")]
    [InlineData("yaml")]
    [InlineData(null)]
    public void TryParse_refuses_other_names(string? name) => Assert.False(SecretOutputFormats.TryParse(name, out _));
}
