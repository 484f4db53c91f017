using System.Text;
using SecVault.Testing;
using Xunit.Sdk;

namespace SecVault.Tests.Testing;

public sealed class SecretHygieneTests
{
    [Fact]
    public void Output_holding_a_tracked_secret_fails_the_check()
    {
        var hygiene = new SecretHygiene().Track("s3cr3t-value");
        Assert.Throws<FalseException>(() => hygiene.AssertClean("stderr", "error: s3cr3t-value is wrong"));
    }

    [Fact]
    public void Output_holding_the_base64_of_a_tracked_secret_fails_the_check()
    {
        var hygiene = new SecretHygiene().Track("wso2carbon");
        var leaked = Convert.ToBase64String(Encoding.UTF8.GetBytes("wso2carbon"));
        Assert.Throws<FalseException>(() => hygiene.AssertClean("config", $"password: {leaked}"));
    }

    [Fact]
    public void A_file_holding_a_tracked_secret_in_UTF16_fails_the_check()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp.Combine("dump.bin"), Encoding.Unicode.GetBytes("xx pässwörd yy"));
        var hygiene = new SecretHygiene().Track("pässwörd");
        Assert.Throws<FalseException>(() => hygiene.AssertFilesClean(temp.Path));
    }

    [Fact]
    public void Clean_output_and_files_pass()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("deployment.toml"), "db = \"Tln6pynxwUH8Q==\"\n");
        var hygiene = new SecretHygiene().Track("s3cr3t-value");
        hygiene.AssertClean("stdout", "ciphertool: encrypted 1 secret (db)");
        hygiene.AssertFilesClean(temp.Path);
    }
}
