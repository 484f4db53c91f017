using SecVault.Testing;

namespace SecVault.Interop.Tests;

/// <summary>samples/symmetric-home, run as its README says: MI 4.6's own library decrypts what ciphertool writes there.</summary>
public sealed class SampleHomeTests
{
    [SkippableFact]
    public void The_symmetric_sample_home_configured_as_its_readme_says_decrypts_in_mi_runtime()
    {
        Peers.Require(Peers.MiRuntime);
        using var folder = new TempFolder();
        var home = folder.Combine("symmetric-home");
        var sample = Path.Combine(Repo.Root, "samples", "symmetric-home");
        foreach (var file in Directory.EnumerateFiles(sample, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(home, Path.GetRelativePath(sample, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        Homes.CipherTool(home, "sample-aes-store\n", "-Dsymmetric", "-Dconfigure");

        Assert.Contains("secretRepositories.file.encryptionMode=symmetric\n", File.ReadAllText(Path.Combine(home, "conf", "security", "secret-conf.properties")), StringComparison.Ordinal);
        Assert.Equal(
            new Dictionary<string, string> { ["db_password"] = "p@ss[w0rd]!", ["admin_password"] = "änd-ünïcödé-密码" },
            Peers.DecryptWithMiRuntime(home, "sample-aes-store"));
    }

    [SkippableFact]
    public void Vault_lookups_of_a_symmetric_home_resolve_in_mi_secret_resolve_and_verify_to_what_mi_runtime_decrypts()
    {
        Peers.Require(Peers.MiRuntime);
        using var folder = new TempFolder();
        var home = folder.Combine("symmetric-home");
        var sample = Path.Combine(Repo.Root, "samples", "symmetric-home");
        foreach (var file in Directory.EnumerateFiles(sample, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(home, Path.GetRelativePath(sample, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        Homes.CipherTool(home, "sample-aes-store\n", "-Dsymmetric", "-Dconfigure");
        var artifact = Path.Combine(folder.Path, "proxy.xml");
        File.WriteAllText(artifact, "<proxy xmlns=\"http://ws.apache.org/ns/synapse\" name=\"p\"><target><inSequence>"
            + "<property name=\"a\" expression=\"wso2:vault-lookup('db_password')\"/>"
            + "<property name=\"b\" expression=\"wso2:vault-lookup('admin_password')\"/></inSequence></target></proxy>");

        var resolved = Homes.Mi(folder.Path, "sample-aes-store\n", null, "secret", "resolve", "--home", home, "--password-stdin", "--show-secrets", "--synapse", artifact);
        var verified = Homes.Mi(folder.Path, "sample-aes-store\n", null, "secret", "verify", "--home", home, "--password-stdin", "--synapse", artifact);

        Assert.True(resolved.Exit == 0, resolved.Err);
        Assert.Contains("<property name=\"a\" expression=\"'p@ss[w0rd]!'\"/>", resolved.Out, StringComparison.Ordinal);
        Assert.Contains("<property name=\"b\" expression=\"'änd-ünïcödé-密码'\"/>", resolved.Out, StringComparison.Ordinal);
        Assert.Equal(0, verified.Exit);
        Assert.Contains("0 errors, 0 warnings", verified.Err, StringComparison.Ordinal);
        var runtime = Peers.DecryptWithMiRuntime(home, "sample-aes-store");
        Assert.Equal(("p@ss[w0rd]!", "änd-ünïcödé-密码"), (runtime["db_password"], runtime["admin_password"]));
    }
}
