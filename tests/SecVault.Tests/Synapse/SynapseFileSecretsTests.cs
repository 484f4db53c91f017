using SecVault.Home;
using SecVault.SecretOutput;
using SecVault.Synapse;
using SecVault.Testing;

namespace SecVault.Tests.Synapse;

public sealed class SynapseFileSecretsTests
{
    private const int Nobody = 65534;

    private static string AddArtifact(TempMiHome home, string lookupName)
    {
        var folder = Path.Combine(home.Path, Path.Combine("repository", "deployment", "server", "synapse-configs", "default", "api"));
        Directory.CreateDirectory(folder);
        var artifact = Path.Combine(folder, "a.xml");
        File.WriteAllText(artifact, $"<api>\n  <property value=\"{{wso2:vault-lookup('{lookupName}','FILE','true')}}\"/>\n</api>\n");
        return artifact;
    }

    [Fact]
    public void An_encrypted_FILE_lookup_below_the_home_is_found_once_per_file()
    {
        using var home = new TempMiHome("[server]\nhostname = \"h\"\n");
        AddArtifact(home, "secrets/db.txt");
        Directory.CreateDirectory(Path.Combine(home.Path, "secrets"));
        File.WriteAllText(Path.Combine(home.Path, Path.Combine("secrets", "db.txt")), "x");

        var scan = SynapseFileSecrets.Find(MiHome.FromPath(home.Path, MiHomeSource.Option, home.Path), new Dictionary<string, string>());

        Assert.Equal([Path.Combine(home.Path, Path.Combine("secrets", "db.txt"))], scan.EncryptedFiles);
    }

    [SkippableFact]
    public void A_link_under_the_root_owned_by_another_account_is_one_error_naming_the_artifact_line_and_path()
    {
        Skip.IfNot(Ownership.IsRoot, "needs root to give a link to another account");
        using var home = new TempMiHome("[server]\nhostname = \"h\"\n");
        var artifact = AddArtifact(home, "planted/db.txt");
        Directory.CreateDirectory(Path.Combine(home.Path, "real"));
        File.WriteAllText(Path.Combine(home.Path, Path.Combine("real", "db.txt")), "x");
        var link = Path.Combine(home.Path, "planted");
        Directory.CreateSymbolicLink(link, Path.Combine(home.Path, "real"));
        Ownership.GiveTo(link, Nobody);

        var error = Assert.Throws<SecretInputException>(() =>
            SynapseFileSecrets.Find(MiHome.FromPath(home.Path, MiHomeSource.Option, home.Path), new Dictionary<string, string>()));

        Assert.StartsWith($"{artifact} line 2: the FILE secret {Path.Combine(home.Path, "planted/db.txt")} cannot be checked safely (", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("); nothing was rotated", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Line);
    }
}
