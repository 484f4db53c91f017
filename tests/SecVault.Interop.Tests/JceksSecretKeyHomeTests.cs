using SecVault.Testing;

namespace SecVault.Interop.Tests;

/// <summary>
/// A symmetric vault whose AES key is a JCEKS secret-key entry (made by keytool): SecVault's own tools encrypt and
/// decrypt with it, and verify reports that MI 4.6 cannot load a JCEKS identity keystore.
/// </summary>
public sealed class JceksSecretKeyHomeTests
{
    [SkippableFact]
    public void A_jceks_aes_key_encrypts_and_resolves_with_secvault_and_verify_says_mi_cannot_load_it()
    {
        Peers.Require();
        const string password = "jceks-store-pw";
        using var home = new TempMiHome("[keystore.primary]\nfile_name = \"aes.jceks\"\ntype = \"JCEKS\"\nalias = \"vault-key\"\n\n" + Homes.Secrets + "\n[server]\nfirst = \"$secret{db_password}\"\nsecond = \"$secret{equals}\"\n", keystoreVector: null);
        var keystore = Path.Combine(home.Path, "repository", "resources", "security", "aes.jceks");
        Directory.CreateDirectory(Path.GetDirectoryName(keystore)!);
        JavaInterop.Keytool("-genseckey", "-keyalg", "AES", "-keysize", "256", "-storetype", "JCEKS", "-keystore", keystore, "-storepass", password, "-alias", "vault-key");

        var configured = Homes.CipherTool(home.Path, password + "\n", "-Dsymmetric", "-Dconfigure");
        var resolved = Homes.Mi(home.Path, password + "\n", null, "secret", "resolve", "--home", home.Path, "--password-stdin", "--show-secrets");
        var verified = Homes.Mi(home.Path, password + "\n", null, "secret", "verify", "--home", home.Path, "--password-stdin");

        Assert.Contains("MI reads the AES key of a symmetric vault from a PKCS12 keystore only", configured.Err, StringComparison.Ordinal);
        Assert.True(resolved.Exit == 0, resolved.Err);
        Assert.Contains("first = \"s3cr3t-db\"", resolved.Out, StringComparison.Ordinal);
        Assert.Contains("second = \"a=b==c\"", resolved.Out, StringComparison.Ordinal);
        Assert.Equal(1, verified.Exit);
        Assert.Contains("keystore.identity.type", verified.Out, StringComparison.Ordinal);
        Assert.Contains("JCEKS", verified.Out, StringComparison.Ordinal);
    }
}
