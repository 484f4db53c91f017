using System.Text;
using SecVault.Testing;

namespace SecVault.Interop.Tests;

/// <summary>
/// What upstream writes, SecVault's mi reads: homes configured by the upstream Cipher Tool 1.2.6, ciphertexts made by
/// the upstream Go MI CLI 4.6.0, and AES values made by the JDK as upstream's Cipher Tool makes them (128-byte IVs).
/// </summary>
public sealed class SecVaultDecryptsUpstreamTests
{
    private const string References = "\n[test]\ndb = \"$secret{db_password}\"\nunicode = \"$secret{unicode}\"\nequals = \"$secret{equals}\"\n";

    [SkippableTheory]
    [InlineData("jks-rsa2048")]
    [InlineData("jks-unicode-password")]
    public void A_home_configured_by_the_upstream_cipher_tool_resolves_and_verifies_in_secvault(string vector)
    {
        Peers.Require(Peers.CipherTool);
        var keystore = VectorManifest.Load().Keystore(vector);
        using var home = UpstreamHome(vector, keystore.StorePassword);

        var resolved = Homes.Mi(home.Path, keystore.StorePassword + "\n", null, "secret", "resolve", "--home", home.Path, "--password-stdin", "--show-secrets", "--format", "flat");
        var verified = Homes.Mi(home.Path, keystore.StorePassword + "\n", null, "secret", "verify", "--home", home.Path, "--password-stdin");

        Assert.True(resolved.Exit == 0, resolved.Err);
        Assert.Equal(ExpectedFlat, TestLines(resolved.Out));
        Assert.True(verified.Exit == 0, verified.Out + verified.Err);
    }

    [SkippableTheory]
    [InlineData("stdin")]
    [InlineData("password-file")]
    [InlineData("environment")]
    public void A_separate_key_password_reaches_verify_resolve_and_exec_from_every_source(string source)
    {
        Peers.Require(Peers.CipherTool);
        var keystore = VectorManifest.Load().Keystore("jks-distinct-key-password");
        using var home = UpstreamHome("jks-distinct-key-password", keystore.StorePassword);
        var twoLines = keystore.StorePassword + "\n" + keystore.KeyPassword + "\n";
        string stdin = string.Empty;
        Dictionary<string, string?>? environment = null;
        string[] options = ["--home", home.Path, "-Dkey.password=true"];
        switch (source)
        {
            case "stdin":
                stdin = twoLines;
                options = [.. options, "--password-stdin"];
                break;
            case "password-file":
                // MI's two-line password file; password-persist is kept, so every command can read it.
                File.WriteAllText(Path.Combine(home.Path, "password-persist"), twoLines);
                break;
            default:
                // MI_KEY_PASSWORD alone announces the separate key password: no -Dkey.password needed.
                environment = new() { ["MI_KEYSTORE_PASSWORD"] = keystore.StorePassword, ["MI_KEY_PASSWORD"] = keystore.KeyPassword };
                options = ["--home", home.Path];
                break;
        }

        var verified = Homes.Mi(home.Path, stdin, environment, ["secret", "verify", .. options]);
        var resolved = Homes.Mi(home.Path, stdin, environment, ["secret", "resolve", .. options, "--show-secrets", "--format", "flat"]);
        var exec = Homes.Mi(home.Path, stdin, environment, ["secret", "exec", .. options, "--prefix", "T_", "--", "env"]);

        Assert.True(verified.Exit == 0, verified.Out + verified.Err);
        Assert.Equal(ExpectedFlat, TestLines(resolved.Out));
        Assert.Contains("T_unicode=héllo wörld ☃ 密码\n", exec.Out, StringComparison.Ordinal);
        Assert.Contains("T_db_password=s3cr3t-db\n", exec.Out, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("RSA/ECB/OAEPWithSHA1AndMGF1Padding", "RSA/ECB/OAEPwithSHA1andMGF1Padding")]
    [InlineData("RSA/ECB/PKCS1Padding", "RSA/ECB/PKCS1Padding")]
    public void Ciphertexts_made_by_the_upstream_go_cli_resolve_in_secvault_as_static_and_dynamic_secrets(string cliCipher, string transformation)
    {
        Peers.Require(Peers.MiCli);
        var keystore = VectorManifest.Load().Keystore("jks-rsa2048");
        using var home = new TempMiHome("[secrets]\n", "jks-rsa2048");
        var cliHome = home.Folder.Combine("cli-home");
        WriteGoKeystoreInfo(cliHome, VectorManifest.KeystorePath(keystore), keystore.StorePassword);
        var input = home.Folder.Combine("in.properties");
        File.WriteAllText(input, "db_password=s3cr3t-db\nunicode=h\\u00e9llo w\\u00f6rld \\u2603 \\u5bc6\\u7801\nequals=a\\=b\\=\\=c\n", Encoding.ASCII);

        var created = Peers.Run(Peers.MiCli, ["secret", "create", "-f", input, "-c", cliCipher], home.Folder.Path, environment: new Dictionary<string, string?> { ["HOME"] = cliHome });
        Assert.True(created.Exit == 0, created.Err);
        var ciphertexts = created.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(" : ", 2)).ToDictionary(parts => parts[0], parts => parts[1].Trim(), StringComparer.Ordinal);

        // db_password is dynamic (its ciphertext in the environment, as the CLI is meant for); the others are static.
        File.WriteAllText(home.DeploymentTomlPath, "[secrets]\ndb_password = \"$env{DB_SECRET}\"\n"
            + $"unicode = \"{ciphertexts["unicode"]}\"\nequals = \"{ciphertexts["equals"]}\"\n" + References);
        Homes.CipherTool(home.Path, keystore.StorePassword + "\n", "-Dconfigure", "-Dorg.wso2.CipherTransformation=" + transformation);
        var environment = new Dictionary<string, string?> { ["DB_SECRET"] = ciphertexts["db_password"] };

        var resolved = Homes.Mi(home.Path, keystore.StorePassword + "\n", environment, "secret", "resolve", "--home", home.Path, "--password-stdin", "--show-secrets", "--format", "flat");
        var verified = Homes.Mi(home.Path, keystore.StorePassword + "\n", environment, "secret", "verify", "--home", home.Path, "--password-stdin");

        Assert.True(resolved.Exit == 0, resolved.Err);
        Assert.Equal(ExpectedFlat, TestLines(resolved.Out));
        Assert.True(verified.Exit == 0, verified.Out + verified.Err);
    }

    [SkippableTheory]
    [InlineData("AES/GCM/NoPadding", 128)]
    [InlineData("AES/GCM/NoPadding", 12)]
    [InlineData("AES", 0)]
    public void Aes_values_made_by_the_jdk_with_a_pkcs12_secret_key_resolve_in_secvault(string algorithm, int ivBytes)
    {
        Peers.Require();
        const string password = "aes-store-pw";
        using var home = new TempMiHome("[keystore.primary]\nfile_name = \"aes.p12\"\ntype = \"PKCS12\"\nalias = \"vaultkey\"\n\n[secrets]\n", keystoreVector: null);
        var keystore = Path.Combine(home.Path, "repository", "resources", "security", "aes.p12");
        Homes.AesKeystore(keystore, password, "vaultkey");
        Homes.CipherTool(home.Path, password + "\n", "-Dsymmetric", "-Dconfigure", "-Dorg.wso2.CipherTransformation=" + algorithm);
        var secrets = Homes.Plaintexts.Select(p => $"{p.Key} = \"{AesJavaInterop.EncryptWithKeystore(keystore, password, "vaultkey", algorithm, p.Value, ivBytes)}\"\n");
        File.WriteAllText(home.DeploymentTomlPath, File.ReadAllText(home.DeploymentTomlPath) + string.Concat(secrets) + References);

        var resolved = Homes.Mi(home.Path, password + "\n", null, "secret", "resolve", "--home", home.Path, "--password-stdin", "--show-secrets", "--format", "flat");
        var verified = Homes.Mi(home.Path, password + "\n", null, "secret", "verify", "--home", home.Path, "--password-stdin");

        Assert.True(resolved.Exit == 0, resolved.Err);
        Assert.Equal(ExpectedFlat, TestLines(resolved.Out));
        Assert.True(verified.Exit == 0, verified.Out + verified.Err);
    }

    [SkippableFact]
    public void Aes_values_made_by_the_jdk_with_a_key_based_key_resolve_in_secvault_with_the_key_from_the_password_file()
    {
        Peers.Require();
        const string key = "00112233445566778899aabbccddeeff00112233445566778899AABBCCDDEEFF";
        using var home = new TempMiHome("[secrets]\n", keystoreVector: null);
        Homes.CipherTool(home.Path, key + "\n", "-Dsymmetric", "-Dkey.based.encryption=true", "-Dconfigure");
        var secrets = Homes.Plaintexts.Select(p => $"{p.Key} = \"{AesJavaInterop.EncryptWithKey(key, "AES/GCM/NoPadding", p.Value)}\"\n");
        File.WriteAllText(home.DeploymentTomlPath, "[secrets]\n" + string.Concat(secrets) + References);
        File.WriteAllText(Path.Combine(home.Path, "password-persist"), key + "\n");

        var resolved = Homes.Mi(home.Path, string.Empty, null, "secret", "resolve", "--home", home.Path, "--show-secrets", "--format", "flat");

        Assert.True(resolved.Exit == 0, resolved.Err);
        Assert.Equal(ExpectedFlat, TestLines(resolved.Out));
    }

    [SkippableFact]
    public void Verify_names_an_identity_alias_that_is_not_a_secret_key_where_mi_would_silently_use_a_built_in_key()
    {
        Peers.Require();
        const string password = "aes-store-pw";
        using var home = new TempMiHome("[keystore.primary]\nfile_name = \"aes.p12\"\ntype = \"PKCS12\"\nalias = \"vaultkey\"\n\n" + Homes.Secrets, keystoreVector: null);
        var keystore = Path.Combine(home.Path, "repository", "resources", "security", "aes.p12");
        Homes.AesKeystore(keystore, password, "vaultkey");
        Homes.AddRsaKeyPair(keystore, password, "rsa");
        Homes.CipherTool(home.Path, password + "\n", "-Dsymmetric", "-Dconfigure");
        var conf = File.ReadAllText(home.SecretConfPath);
        File.WriteAllText(home.SecretConfPath, conf.Replace("keystore.identity.alias=vaultkey", "keystore.identity.alias=rsa", StringComparison.Ordinal));

        var verified = Homes.Mi(home.Path, password + "\n", null, "secret", "verify", "--home", home.Path, "--password-stdin");

        Assert.Equal(1, verified.Exit);
        Assert.Contains("is not a secret key; in symmetric mode MI then silently uses a built-in key", verified.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(password, verified.Out + verified.Err, StringComparison.Ordinal);
    }

    private static string ExpectedFlat => string.Concat(Homes.Plaintexts.Select(p => $"test:{(p.Key == "db_password" ? "db" : p.Key)} = {p.Value}\n").Order(StringComparer.Ordinal));

    private static string TestLines(string flat) =>
        string.Concat(flat.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("test:", StringComparison.Ordinal)).Select(l => l + "\n").Order(StringComparer.Ordinal));

    /// <summary>An MI home as MI 4.x ships it (carbon.xml, the two nearly empty property files), configured by the upstream Cipher Tool.</summary>
    private static TempMiHome UpstreamHome(string vector, string storePassword)
    {
        var home = new TempMiHome(Homes.Secrets + References, vector);
        Homes.AddUpstreamFiles(home.Path);
        var result = Peers.Run(Peers.CipherTool, ["-Dcarbon.home=" + home.Path, "-Dconfigure", "-Dpassword=" + storePassword], home.Path);
        Assert.True(result.Exit == 0, result.Out + result.Err);
        return home;
    }

    /// <summary>What 'mi secret init' of the Go CLI writes (it needs a terminal to ask): passwords in base64, as upstream keeps them.</summary>
    private static void WriteGoKeystoreInfo(string cliHome, string keystore, string password)
    {
        var folder = Path.Combine(cliHome, ".wso2mi", "keystore");
        Directory.CreateDirectory(folder);
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(password));
        File.WriteAllText(Path.Combine(folder, "keystore_info.yaml"), $"keyStorePath: {keystore}\nkeyStorePassword: {encoded}\nkeyAlias: wso2carbon\nkeyPassword: {encoded}\n");
    }
}
