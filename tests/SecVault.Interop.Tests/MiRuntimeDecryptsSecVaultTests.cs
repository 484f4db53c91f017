using SecVault.Testing;

namespace SecVault.Interop.Tests;

/// <summary>Homes configured by SecVault's ciphertool are decrypted by MI 4.6's own run-time library (mi-runtime-peer).</summary>
public sealed class MiRuntimeDecryptsSecVaultTests
{
    private const string AesStorePassword = "aes-store-pw";

    [SkippableTheory]
    [InlineData("jks-rsa2048", "RSA/ECB/OAEPwithSHA1andMGF1Padding")]
    [InlineData("jks-rsa2048", "RSA/ECB/PKCS1Padding")]
    [InlineData("p12-pbes2", "RSA/ECB/OAEPwithSHA1andMGF1Padding")]
    [InlineData("p12-legacy", "RSA/ECB/PKCS1Padding")]
    [InlineData("jks-rsa4096", "RSA/ECB/OAEPwithSHA1andMGF1Padding")]
    [InlineData("jks-unicode-password", "RSA/ECB/OAEPwithSHA1andMGF1Padding")]
    public void An_rsa_home_configured_by_ciphertool_decrypts_in_mi_runtime(string vector, string transformation)
    {
        Peers.Require(Peers.MiRuntime);
        var keystore = VectorManifest.Load().Keystore(vector);
        var toml = $"[keystore.primary]\nfile_name = \"wso2carbon.jks\"\ntype = \"{keystore.Type}\"\n\n" + Homes.Secrets;
        using var home = new TempMiHome(toml, vector);

        Homes.CipherTool(home.Path, keystore.StorePassword + "\n", "-Dconfigure", "-Dorg.wso2.CipherTransformation=" + transformation);

        Assert.Equal(Homes.Plaintexts, Peers.DecryptWithMiRuntime(home.Path, keystore.StorePassword));
    }

    [SkippableFact]
    public void A_key_password_differing_from_the_store_password_reaches_mi_runtime_as_its_second_password()
    {
        Peers.Require(Peers.MiRuntime);
        var keystore = VectorManifest.Load().Keystore("jks-distinct-key-password");
        using var home = new TempMiHome(Homes.Secrets, "jks-distinct-key-password");

        Homes.CipherTool(home.Path, keystore.StorePassword + "\n", "-Dconfigure");

        Assert.Equal(Homes.Plaintexts, Peers.DecryptWithMiRuntime(home.Path, keystore.StorePassword, keystore.KeyPassword));
    }

    [SkippableFact]
    public void A_home_with_a_relative_keystore_location_still_decrypts_after_it_is_moved()
    {
        Peers.Require(Peers.MiRuntime);
        var keystore = VectorManifest.Load().Keystore("jks-rsa2048");
        using var home = new TempMiHome(Homes.Secrets);
        Homes.CipherTool(home.Path, keystore.StorePassword + "\n", "-Dconfigure");
        Assert.Contains("keystore.identity.location=repository/resources/security/wso2carbon.jks\n", File.ReadAllText(home.SecretConfPath), StringComparison.Ordinal);

        var moved = home.Folder.Combine("moved-home");
        Directory.Move(home.Path, moved);

        Assert.Equal(Homes.Plaintexts, Peers.DecryptWithMiRuntime(moved, keystore.StorePassword));
    }

    [SkippableTheory]
    [InlineData("AES/GCM/NoPadding")]
    [InlineData("AES")]
    public void A_symmetric_home_keyed_by_a_pkcs12_secret_key_decrypts_in_mi_runtime(string algorithm)
    {
        Peers.Require(Peers.MiRuntime);
        using var home = new TempMiHome("[keystore.primary]\nfile_name = \"aes.p12\"\ntype = \"PKCS12\"\nalias = \"vaultkey\"\n\n" + Homes.Secrets, keystoreVector: null);
        Homes.AesKeystore(Path.Combine(home.Path, "repository", "resources", "security", "aes.p12"), AesStorePassword, "vaultkey");

        Homes.CipherTool(home.Path, AesStorePassword + "\n", "-Dsymmetric", "-Dconfigure", "-Dorg.wso2.CipherTransformation=" + algorithm);

        var conf = File.ReadAllText(home.SecretConfPath);
        Assert.Contains("secretRepositories.file.encryptionMode=symmetric\n", conf, StringComparison.Ordinal);
        Assert.Contains("secretRepositories.file.algorithm=" + algorithm + "\n", conf, StringComparison.Ordinal);
        Assert.Equal(Homes.Plaintexts, Peers.DecryptWithMiRuntime(home.Path, AesStorePassword));
    }

    [SkippableTheory]
    [InlineData("0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789abcdef")]
    [InlineData("exactly-32-bytes-of-utf8-text!!!")]
    public void A_key_based_symmetric_home_decrypts_in_mi_runtime_with_the_key_as_its_password(string key)
    {
        Peers.Require(Peers.MiRuntime);
        using var home = new TempMiHome(Homes.Secrets, keystoreVector: null);

        Homes.CipherTool(home.Path, key + "\n", "-Dsymmetric", "-Dkey.based.encryption=true", "-Dconfigure");

        var conf = File.ReadAllText(home.SecretConfPath);
        Assert.Contains("secretRepositories.file.encryptionMode=key.based.symmetric.encryption\n", conf, StringComparison.Ordinal);
        Assert.DoesNotContain(key, conf, StringComparison.Ordinal);
        Assert.Equal(Homes.Plaintexts, Peers.DecryptWithMiRuntime(home.Path, key));
    }
}
