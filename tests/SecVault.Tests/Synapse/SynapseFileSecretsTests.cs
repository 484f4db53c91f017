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

    private static SynapseFileSecretScan Find(TempMiHome home, Dictionary<string, string>? properties = null) =>
        SynapseFileSecrets.Find(MiHome.FromPath(home.Path, MiHomeSource.Option, home.Path), properties ?? []);

    private static string WriteArtifact(TempMiHome home, string relative, string body)
    {
        var artifact = Path.Combine(home.Path, "repository", "deployment", "server", relative);
        Directory.CreateDirectory(Path.GetDirectoryName(artifact)!);
        File.WriteAllText(artifact, body);
        return artifact;
    }

    [Fact]
    public void Find_lists_each_encrypted_FILE_once_in_artifact_order_and_counts_the_plain_FILE_and_DOCKER_lookups_it_leaves()
    {
        using var home = new TempMiHome("[server]\nhostname = \"h\"\n");
        WriteArtifact(home, "synapse-configs/default/api/a.xml",
            "<api a=\"{wso2:vault-lookup('b.txt','FILE','TRUE')}\" b=\"{wso2:vault-lookup('a.txt','FILE','true')}\">" +
            "{wso2:vault-lookup('b.txt','FILE','tRuE')}{wso2:vault-lookup('p','FILE','false')}{wso2:vault-lookup('p2','FILE','yes')}" +
            "{wso2:vault-lookup('d','DOCKER','true')}{wso2:vault-lookup('d','DOCKER','false')}{wso2:vault-lookup('e','ENV','true')}" +
            "{wso2:vault-lookup('r','REG','true')}{wso2:vault-lookup('x.txt','FILE')}{x:vault-lookup('y.txt','FILE','true')}</api>");
        WriteArtifact(home, "dataservices/d.dbs", "<data>{wso2:vault-lookup('c.txt','FILE','true')}{wso2:vault-lookup('a.txt','FILE','true')}</data>");

        var scan = Find(home);

        Assert.Equal([Path.Combine(home.Path, "b.txt"), Path.Combine(home.Path, "a.txt"), Path.Combine(home.Path, "c.txt")], scan.EncryptedFiles);
        Assert.Equal((2, 2), (scan.PlainFileLookups, scan.DockerLookups));
    }

    [Theory]
    [InlineData("secrets")]
    [InlineData("secrets/")]
    public void Find_takes_the_FILE_root_from_the_system_property_with_or_without_its_separator(string root)
    {
        using var home = new TempMiHome("[server]\nhostname = \"h\"\n");
        Directory.CreateDirectory(Path.Combine(home.Path, "secrets"));
        AddArtifact(home, "db.txt");

        var scan = Find(home, new() { [SynapseResolver.FileRootProperty] = Path.Combine(home.Path, root) });
        var emptyRoot = Find(home, new() { [SynapseResolver.FileRootProperty] = string.Empty });

        Assert.Equal([Path.Combine(home.Path, "secrets", "db.txt")], scan.EncryptedFiles);
        Assert.Equal([Path.Combine(home.Path, "db.txt")], emptyRoot.EncryptedFiles);
    }

    [Fact]
    public void An_encrypted_FILE_lookup_that_climbs_out_of_the_root_stops_the_scan_naming_the_artifact_line_and_paths()
    {
        using var home = new TempMiHome("[server]\nhostname = \"h\"\n");
        var artifact = AddArtifact(home, "../outside.txt");

        var error = Assert.Throws<SecretInputException>(() => Find(home));

        Assert.Equal(
            (SecretInputErrorKind.Unreadable, artifact, 2, "../outside.txt"),
            (error.Kind, error.InputName, error.Line, error.Alias));
        Assert.Equal(
            $"{artifact} line 2: the FILE secret {home.Path}/../outside.txt is outside the lookup root {home.Path}/, or reached through a link leading out of it; nothing was rotated",
            error.Message);
    }

    [SkippableFact]
    public void An_encrypted_FILE_lookup_through_a_link_leading_out_of_the_root_stops_the_scan()
    {
        Skip.If(OperatingSystem.IsWindows(), "symbolic links need privileges on Windows");
        using var home = new TempMiHome("[server]\nhostname = \"h\"\n");
        using var elsewhere = new TempFolder();
        File.WriteAllText(elsewhere.Combine("db.txt"), "x");
        File.CreateSymbolicLink(Path.Combine(home.Path, "link.txt"), elsewhere.Combine("db.txt"));
        var artifact = AddArtifact(home, "link.txt");

        var error = Assert.Throws<SecretInputException>(() => Find(home));

        Assert.Equal(
            $"{artifact} line 2: the FILE secret {home.Path}/link.txt is outside the lookup root {home.Path}/, or reached through a link leading out of it; nothing was rotated",
            error.Message);
    }

    [Fact]
    public void An_artifact_with_a_lookup_that_does_not_parse_stops_the_scan_with_its_position()
    {
        using var home = new TempMiHome("[server]\nhostname = \"h\"\n");
        var artifact = WriteArtifact(home, "synapse-configs/a.xml", "<a>\n <p v=\"{wso2:vault-lookup('x','file','true')}\"/></a>");

        var error = Assert.Throws<SynapseLookupException>(() => Find(home));

        Assert.Equal($"{artifact}:2:8: vault-lookup type 'file' is unknown; use REG, ENV, FILE or DOCKER (case-sensitive)", error.Message);
    }

    [SkippableFact]
    public void An_artifact_that_cannot_be_read_stops_the_scan_naming_it()
    {
        Skip.If(OperatingSystem.IsWindows(), "symbolic links need privileges on Windows");
        using var home = new TempMiHome("[server]\nhostname = \"h\"\n");
        var folder = Path.Combine(home.Path, "repository", "deployment", "server", "synapse-configs");
        Directory.CreateDirectory(folder);
        var artifact = Path.Combine(folder, "gone.xml");
        File.CreateSymbolicLink(artifact, "/nonexistent-secvault-target.xml");

        var error = Assert.Throws<SecretInputException>(() => Find(home));

        Assert.Equal((SecretInputErrorKind.Unreadable, artifact), (error.Kind, error.InputName));
        Assert.StartsWith($"cannot read {artifact}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_refuses_null_arguments()
    {
        using var home = new TempMiHome("[server]\nhostname = \"h\"\n");

        Assert.Throws<ArgumentNullException>("home", () => SynapseFileSecrets.Find(null!, new Dictionary<string, string>()));
        Assert.Throws<ArgumentNullException>("systemProperties", () => SynapseFileSecrets.Find(MiHome.FromPath(home.Path, MiHomeSource.Option, home.Path), null!));
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
