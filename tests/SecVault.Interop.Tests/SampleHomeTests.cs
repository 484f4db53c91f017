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
}
