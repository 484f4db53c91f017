using SecVault.CliConfig;
using SecVault.Hosting;

namespace SecVault.Tests.CliConfig;

public sealed class CliConfigFolderTests
{
    [Fact]
    public void Locate_prefers_a_non_empty_MI_CLI_HOME()
    {
        var environment = new DictionaryEnvironment(new Dictionary<string, string> { ["MI_CLI_HOME"] = "/opt/mi-cli", ["HOME"] = "/home/u" });

        Assert.Equal(Path.GetFullPath("/opt/mi-cli"), CliConfigFolder.Locate(environment));
    }

    [Fact]
    public void Locate_falls_back_to_the_security_folder_under_HOME()
    {
        var environment = new DictionaryEnvironment(new Dictionary<string, string> { ["MI_CLI_HOME"] = "", ["HOME"] = "/home/u" });

        Assert.Equal(Path.Combine(Path.GetFullPath("/home/u"), ".wso2mi", "security"), CliConfigFolder.Locate(environment));
    }
}
