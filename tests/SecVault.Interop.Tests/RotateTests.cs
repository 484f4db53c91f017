using SecVault.Testing;

namespace SecVault.Interop.Tests;

/// <summary><c>ciphertool -Drotate -Dold.alias=A</c>: after a rotation MI 4.6's own library decrypts every secret with the new key.</summary>
public sealed class RotateTests
{
    [SkippableFact]
    public void Rsa_secrets_rotated_to_another_alias_decrypt_in_mi_runtime_and_plain_markers_are_encrypted_too()
    {
        Peers.Require(Peers.MiRuntime);
        var keystore = VectorManifest.Load().Keystore("p12-multi");
        const string Settings = "[keystore.primary]\nfile_name = \"wso2carbon.jks\"\ntype = \"PKCS12\"\nalias = \"{0}\"\n\n";
        using var home = new TempMiHome(string.Format(System.Globalization.CultureInfo.InvariantCulture, Settings, "first") + Homes.Secrets, "p12-multi");
        Homes.CipherTool(home.Path, keystore.StorePassword + "\n", "-Dconfigure");
        var toml = File.ReadAllText(home.DeploymentTomlPath).Replace("alias = \"first\"", "alias = \"second\"", StringComparison.Ordinal);
        File.WriteAllText(home.DeploymentTomlPath, toml + "fresh = \"[new value]\"\n");

        var rotated = Homes.CipherTool(home.Path, keystore.StorePassword + "\n", "-Drotate", "-Dold.alias=first");

        Assert.Contains("re-encrypted 4 secret(s) from 'first' to 'second'", rotated.Err, StringComparison.Ordinal);
        Assert.Contains("keystore.identity.alias=second\n", File.ReadAllText(home.SecretConfPath), StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, string>(Homes.Plaintexts) { ["fresh"] = "new value" }, Peers.DecryptWithMiRuntime(home.Path, keystore.StorePassword));
    }

    [SkippableFact]
    public void Symmetric_secrets_rotated_to_another_aes_key_decrypt_in_mi_runtime()
    {
        Peers.Require(Peers.MiRuntime);
        const string password = "aes-store-pw";
        using var home = new TempMiHome("[keystore.primary]\nfile_name = \"aes.p12\"\ntype = \"PKCS12\"\nalias = \"old-key\"\n\n" + Homes.Secrets, keystoreVector: null);
        var keystore = Path.Combine(home.Path, "repository", "resources", "security", "aes.p12");
        Homes.AesKeystore(keystore, password, "old-key");
        Homes.AesKeystore(keystore, password, "new-key");
        Homes.CipherTool(home.Path, password + "\n", "-Dsymmetric", "-Dconfigure");
        var before = File.ReadAllText(home.DeploymentTomlPath);
        File.WriteAllText(home.DeploymentTomlPath, before.Replace("alias = \"old-key\"", "alias = \"new-key\"", StringComparison.Ordinal));

        Homes.CipherTool(home.Path, password + "\n", "-Dsymmetric", "-Drotate", "-Dold.alias=old-key");

        Assert.Contains("keystore.identity.alias=new-key\n", File.ReadAllText(home.SecretConfPath), StringComparison.Ordinal);
        Assert.Equal(Homes.Plaintexts, Peers.DecryptWithMiRuntime(home.Path, password));
    }

    [SkippableFact]
    public void A_value_neither_key_decrypts_stops_the_rotation_and_nothing_is_written()
    {
        Peers.Require();
        var keystore = VectorManifest.Load().Keystore("p12-multi");
        const string Settings = "[keystore.primary]\nfile_name = \"wso2carbon.jks\"\ntype = \"PKCS12\"\nalias = \"second\"\n\n";
        using var home = new TempMiHome(Settings + Homes.Secrets, "p12-multi");
        // A value of another keystore's key: neither 'first' nor 'second' decrypts it (a value only 'second' decrypts
        // would be one an interrupted rotation already moved, and is kept).
        var underOther = JavaInterop.Encrypt(VectorManifest.Load().Keystore("jks-rsa2048"), "wso2carbon", "RSA/ECB/OAEPwithSHA1andMGF1Padding", "other value"u8.ToArray());
        File.WriteAllText(home.DeploymentTomlPath, Settings.Replace("second", "first", StringComparison.Ordinal) + Homes.Secrets);
        Homes.CipherTool(home.Path, keystore.StorePassword + "\n", "-Dconfigure");
        File.WriteAllText(home.DeploymentTomlPath, File.ReadAllText(home.DeploymentTomlPath).Replace("alias = \"first\"", "alias = \"second\"", StringComparison.Ordinal)
            + $"stray = \"{underOther}\"\n");
        var toml = File.ReadAllBytes(home.DeploymentTomlPath);
        var conf = File.ReadAllBytes(home.SecretConfPath);

        var result = ToolProcess.Run("ciphertool", home.Path, keystore.StorePassword + "\n", null, "-Dcarbon.home=" + home.Path, "-Dpassword.stdin", "-Drotate", "-Dold.alias=first");

        Assert.Equal(1, result.Exit);
        Assert.Contains("stray", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("other value", result.Err, StringComparison.Ordinal);
        Assert.Equal(toml, File.ReadAllBytes(home.DeploymentTomlPath));
        Assert.Equal(conf, File.ReadAllBytes(home.SecretConfPath));
    }

    [SkippableFact]
    public void Rsa_secrets_rotated_to_an_aes_key_of_the_same_keystore_decrypt_in_mi_runtime()
    {
        Peers.Require(Peers.MiRuntime);
        const string password = "mixed-store-pw";
        using var home = new TempMiHome("[keystore.primary]\nfile_name = \"mixed.p12\"\ntype = \"PKCS12\"\nalias = \"rsa-key\"\n\n" + Homes.Secrets, keystoreVector: null);
        var keystore = Path.Combine(home.Path, "repository", "resources", "security", "mixed.p12");
        Homes.AesKeystore(keystore, password, "aes-key");
        Homes.AddRsaKeyPair(keystore, password, "rsa-key");
        Homes.CipherTool(home.Path, password + "\n", "-Dconfigure");
        File.WriteAllText(home.DeploymentTomlPath, File.ReadAllText(home.DeploymentTomlPath).Replace("alias = \"rsa-key\"", "alias = \"aes-key\"", StringComparison.Ordinal));

        var rotated = Homes.CipherTool(home.Path, password + "\n", "-Dsymmetric", "-Drotate", "-Dold.alias=rsa-key", "-Dold.mode=rsa");

        Assert.Contains("re-encrypted 3 secret(s) from 'rsa-key' to 'aes-key'", rotated.Err, StringComparison.Ordinal);
        var conf = File.ReadAllText(home.SecretConfPath);
        Assert.Contains("secretRepositories.file.encryptionMode=symmetric\n", conf, StringComparison.Ordinal);
        Assert.Contains("keystore.identity.alias=aes-key\n", conf, StringComparison.Ordinal);
        Assert.Equal(Homes.Plaintexts, Peers.DecryptWithMiRuntime(home.Path, password));
    }

    [SkippableFact]
    public void Secrets_of_an_old_keystore_rotated_to_a_new_keystore_decrypt_in_mi_runtime_with_the_new_one_only()
    {
        Peers.Require(Peers.MiRuntime);
        const string oldPassword = "old-store-pw", newPassword = "new-store-pw";
        using var home = new TempMiHome("[keystore.primary]\nfile_name = \"old.p12\"\ntype = \"PKCS12\"\nalias = \"wso2carbon\"\n\n" + Homes.Secrets, keystoreVector: null);
        var security = Path.Combine(home.Path, "repository", "resources", "security");
        Directory.CreateDirectory(security);
        Homes.AddRsaKeyPair(Path.Combine(security, "old.p12"), oldPassword, "wso2carbon");
        Homes.AddRsaKeyPair(Path.Combine(security, "new.p12"), newPassword, "wso2carbon");
        Homes.CipherTool(home.Path, oldPassword + "\n", "-Dconfigure");
        File.WriteAllText(home.DeploymentTomlPath, File.ReadAllText(home.DeploymentTomlPath).Replace("old.p12", "new.p12", StringComparison.Ordinal));
        var oldKeystore = Path.Combine(security, "old.p12");

        // The old keystore's password is the second line of standard input; it never appears on the command line.
        var rotated = Homes.CipherTool(home.Path, newPassword + "\n" + oldPassword + "\n", "-Drotate", "-Dold.keystore=" + oldKeystore);

        Assert.Contains($"re-encrypted 3 secret(s) from 'wso2carbon' of {oldKeystore} to 'wso2carbon'", rotated.Err, StringComparison.Ordinal);
        Assert.Contains("keystore.identity.location=repository/resources/security/new.p12\n", File.ReadAllText(home.SecretConfPath), StringComparison.Ordinal);
        File.Delete(oldKeystore);
        Assert.Equal(Homes.Plaintexts, Peers.DecryptWithMiRuntime(home.Path, newPassword));
    }

    [SkippableFact]
    public void Aes_secrets_rotated_to_rsa_in_another_keystore_with_the_old_password_from_a_file_decrypt_in_mi_runtime()
    {
        Peers.Require(Peers.MiRuntime);
        const string oldPassword = "aes-store-pw", newPassword = "rsa-store-pw";
        using var home = new TempMiHome("[keystore.primary]\nfile_name = \"aes.p12\"\ntype = \"PKCS12\"\nalias = \"vault-key\"\n\n" + Homes.Secrets, keystoreVector: null);
        var security = Path.Combine(home.Path, "repository", "resources", "security");
        Homes.AesKeystore(Path.Combine(security, "aes.p12"), oldPassword, "vault-key");
        Homes.AddRsaKeyPair(Path.Combine(security, "rsa.p12"), newPassword, "wso2carbon");
        Homes.CipherTool(home.Path, oldPassword + "\n", "-Dsymmetric", "-Dconfigure");
        File.WriteAllText(home.DeploymentTomlPath, File.ReadAllText(home.DeploymentTomlPath)
            .Replace("aes.p12", "rsa.p12", StringComparison.Ordinal).Replace("vault-key", "wso2carbon", StringComparison.Ordinal));
        var passwordFile = Path.Combine(home.Path, "old-password");
        File.WriteAllText(passwordFile, oldPassword + "\n");

        Homes.CipherTool(home.Path, newPassword + "\n", "-Drotate", "-Dold.keystore=" + Path.Combine(security, "aes.p12"), "-Dold.alias=vault-key", "-Dold.mode=symmetric", "-Dold.password.file=" + passwordFile);

        var conf = File.ReadAllText(home.SecretConfPath);
        Assert.DoesNotContain("encryptionMode", conf, StringComparison.Ordinal);
        Assert.Contains("secretRepositories.file.algorithm=RSA/ECB/OAEPwithSHA1andMGF1Padding\n", conf, StringComparison.Ordinal);
        Assert.Equal(Homes.Plaintexts, Peers.DecryptWithMiRuntime(home.Path, newPassword));
    }

    [SkippableTheory]
    [InlineData("stdin")]
    [InlineData("file")]
    [InlineData("environment")]
    public void Secrets_of_an_old_key_with_its_own_key_password_are_rotated_and_decrypt_in_mi_runtime(string source)
    {
        Peers.Require(Peers.MiRuntime);
        var old = VectorManifest.Load().Keystore("jks-distinct-key-password");
        const string newPassword = "new-store-pw";
        using var home = new TempMiHome("[keystore.primary]\nfile_name = \"old.jks\"\ntype = \"JKS\"\nalias = \"wso2carbon\"\n\n" + Homes.Secrets, keystoreVector: null);
        var oldKeystore = home.AddKeystore("jks-distinct-key-password", "repository/resources/security/old.jks");
        Homes.AddRsaKeyPair(Path.Combine(home.Path, "repository", "resources", "security", "new.p12"), newPassword, "wso2carbon");
        Homes.CipherTool(home.Path, old.StorePassword + "\n", "-Dconfigure");
        File.WriteAllText(home.DeploymentTomlPath, File.ReadAllText(home.DeploymentTomlPath)
            .Replace("old.jks", "new.p12", StringComparison.Ordinal).Replace("\"JKS\"", "\"PKCS12\"", StringComparison.Ordinal));
        var passwordFile = Path.Combine(home.Folder.Path, "old-password");
        File.WriteAllText(passwordFile, old.StorePassword + "\n" + old.KeyPassword + "\n");
        string[] args = ["-Dcarbon.home=" + home.Path, "-Dpassword.stdin", "-Drotate", "-Dold.keystore=" + oldKeystore, "-Dold.key.password=true"];
        (string Stdin, string[] Extra, Dictionary<string, string?>? Environment) run = source switch
        {
            "stdin" => (newPassword + "\n" + old.StorePassword + "\n" + old.KeyPassword + "\n", [], null),
            "file" => (newPassword + "\n", ["-Dold.password.file=" + passwordFile], null),
            _ => (newPassword + "\n", [], new() { ["MI_OLD_KEYSTORE_PASSWORD"] = old.StorePassword, ["MI_OLD_KEY_PASSWORD"] = old.KeyPassword }),
        };

        var rotated = ToolProcess.Run("ciphertool", home.Path, run.Stdin, run.Environment, [.. args, .. run.Extra]);

        Assert.True(rotated.Exit == 0, rotated.Err);
        Assert.Contains($"re-encrypted 3 secret(s) from 'wso2carbon' of {oldKeystore} to 'wso2carbon'", rotated.Err, StringComparison.Ordinal);
        Assert.DoesNotContain(old.KeyPassword, rotated.Err + rotated.Out, StringComparison.Ordinal);
        File.Delete(oldKeystore);
        Assert.Equal(Homes.Plaintexts, Peers.DecryptWithMiRuntime(home.Path, newPassword));
    }

    [Fact]
    public void Without_the_old_key_password_line_the_rotation_stops_naming_it_and_nothing_is_written()
    {
        var old = VectorManifest.Load().Keystore("jks-distinct-key-password");
        using var home = new TempMiHome("[keystore.primary]\nfile_name = \"old.jks\"\ntype = \"JKS\"\nalias = \"wso2carbon\"\n\n" + Homes.Secrets, keystoreVector: null);
        var oldKeystore = home.AddKeystore("jks-distinct-key-password", "repository/resources/security/old.jks");
        Homes.CipherTool(home.Path, old.StorePassword + "\n", "-Dconfigure");
        var before = home.DeploymentToml;

        var result = ToolProcess.Run("ciphertool", home.Path, old.StorePassword + "\n" + old.StorePassword + "\n", null,
            ["-Dcarbon.home=" + home.Path, "-Dpassword.stdin", "-Drotate", "-Dold.keystore=" + oldKeystore, "-Dold.key.password=true"]);

        Assert.Equal(1, result.Exit);
        Assert.Contains("error: no private key password for the old keystore on standard input (the line after its keystore password)", result.Err, StringComparison.Ordinal);
        Assert.Equal(before, home.DeploymentToml);
    }

    [SkippableFact]
    public void A_vault_key_with_its_own_password_takes_key_password_true_for_rotation_and_mi_runtime_decrypts_with_both_passwords()
    {
        Peers.Require(Peers.MiRuntime);
        var vault = VectorManifest.Load().Keystore("jks-distinct-key-password");
        const string oldPassword = "old-store-pw";
        using var home = new TempMiHome("[keystore.primary]\nfile_name = \"old.p12\"\ntype = \"PKCS12\"\nalias = \"wso2carbon\"\n\n" + Homes.Secrets, keystoreVector: null);
        var security = Path.Combine(home.Path, "repository", "resources", "security");
        home.AddKeystore("jks-distinct-key-password", "repository/resources/security/new.jks");
        Homes.AddRsaKeyPair(Path.Combine(security, "old.p12"), oldPassword, "wso2carbon");
        Homes.CipherTool(home.Path, oldPassword + "\n", "-Dconfigure");
        File.WriteAllText(home.DeploymentTomlPath, File.ReadAllText(home.DeploymentTomlPath)
            .Replace("old.p12", "new.jks", StringComparison.Ordinal).Replace("\"PKCS12\"", "\"JKS\"", StringComparison.Ordinal));
        var before = home.DeploymentToml;
        string[] rotate = ["-Dcarbon.home=" + home.Path, "-Dpassword.stdin", "-Drotate", "-Dold.keystore=" + Path.Combine(security, "old.p12")];

        // Without the switch the new key cannot be opened to check the new values: nothing is written.
        var refused = ToolProcess.Run("ciphertool", home.Path, vault.StorePassword + "\n" + oldPassword + "\n", null, rotate);
        Assert.Equal(1, refused.Exit);
        Assert.Contains("error: the key password does not unlock key 'wso2carbon' in keystore " + Path.Combine(security, "new.jks"), refused.Err, StringComparison.Ordinal);
        Assert.Contains("add -Dkey.password=true", refused.Err, StringComparison.Ordinal);
        Assert.Equal(before, home.DeploymentToml);

        // Standard input: the new store password, the new key password, then the old store password.
        var rotated = ToolProcess.Run("ciphertool", home.Path, vault.StorePassword + "\n" + vault.KeyPassword + "\n" + oldPassword + "\n", null, [.. rotate, "-Dkey.password=true"]);

        Assert.True(rotated.Exit == 0, rotated.Err);
        Assert.DoesNotContain(vault.KeyPassword, rotated.Err + rotated.Out, StringComparison.Ordinal);
        File.Delete(Path.Combine(security, "old.p12"));
        Assert.Equal(Homes.Plaintexts, Peers.DecryptWithMiRuntime(home.Path, vault.StorePassword, vault.KeyPassword));
    }

    [SkippableFact]
    public void Configure_with_key_password_true_checks_the_existing_ciphertexts_with_the_key_password()
    {
        Peers.Require(Peers.MiRuntime);
        var vault = VectorManifest.Load().Keystore("jks-distinct-key-password");
        using var home = new TempMiHome("[keystore.primary]\nfile_name = \"wso2carbon.jks\"\ntype = \"JKS\"\nalias = \"wso2carbon\"\n\n" + Homes.Secrets, "jks-distinct-key-password");
        Homes.CipherTool(home.Path, vault.StorePassword + "\n", "-Dconfigure");
        File.AppendAllText(home.DeploymentTomlPath, "fresh = \"[new value]\"\n");

        var withoutSwitch = Homes.CipherTool(home.Path, vault.StorePassword + "\n", "-Dconfigure");
        File.AppendAllText(home.DeploymentTomlPath, "later = \"[later value]\"\n");
        var withSwitch = ToolProcess.Run("ciphertool", home.Path, vault.StorePassword + "\n" + vault.KeyPassword + "\n", null,
            ["-Dcarbon.home=" + home.Path, "-Dpassword.stdin", "-Dconfigure", "-Dkey.password=true"]);

        Assert.Contains("existing ciphertexts not checked", withoutSwitch.Err, StringComparison.Ordinal);
        Assert.True(withSwitch.Exit == 0, withSwitch.Err);
        Assert.DoesNotContain("not checked", withSwitch.Err, StringComparison.Ordinal);
        Assert.Equal(
            new Dictionary<string, string>(Homes.Plaintexts) { ["fresh"] = "new value", ["later"] = "later value" },
            Peers.DecryptWithMiRuntime(home.Path, vault.StorePassword, vault.KeyPassword));
    }

    [SkippableFact]
    public void A_rotation_stopped_between_its_two_files_is_finished_by_running_it_again()
    {
        Peers.Require(Peers.MiRuntime);
        var keystore = VectorManifest.Load().Keystore("p12-multi");
        using var home = new TempMiHome("[keystore.primary]\nfile_name = \"wso2carbon.jks\"\ntype = \"PKCS12\"\nalias = \"first\"\n\n" + Homes.Secrets, "p12-multi");
        Homes.CipherTool(home.Path, keystore.StorePassword + "\n", "-Dconfigure");
        var oldConf = home.SecretConf!;
        File.WriteAllText(home.DeploymentTomlPath, File.ReadAllText(home.DeploymentTomlPath).Replace("alias = \"first\"", "alias = \"second\"", StringComparison.Ordinal));
        Homes.CipherTool(home.Path, keystore.StorePassword + "\n", "-Drotate", "-Dold.alias=first");
        // What a kill between the two renames leaves: every value under the new key, secret-conf.properties still old.
        File.WriteAllBytes(home.SecretConfPath, oldConf);
        var rotatedToml = home.DeploymentToml;

        var again = Homes.CipherTool(home.Path, keystore.StorePassword + "\n", "-Drotate", "-Dold.alias=first");

        Assert.Contains("3 value(s) already under the new key (an earlier run stopped between its two files) kept as they are", again.Err, StringComparison.Ordinal);
        Assert.Equal(rotatedToml, home.DeploymentToml);
        Assert.Contains("keystore.identity.alias=second\n", File.ReadAllText(home.SecretConfPath), StringComparison.Ordinal);
        Assert.Equal(Homes.Plaintexts, Peers.DecryptWithMiRuntime(home.Path, keystore.StorePassword));
    }

    [SkippableFact]
    public void A_stopped_aes_ecb_rotation_run_again_keeps_every_value_mi_runtime_decrypts_though_the_old_key_passes_some()
    {
        // AES without GCM has no integrity check: the old key "decrypts" about one new value in 256 into noise. Among
        // 2,000 values some almost surely do; the rerun must keep them all, not re-encrypt the noise.
        Peers.Require(Peers.MiRuntime);
        const string password = "aes-store-pw";
        var plaintexts = Enumerable.Range(0, 2000).ToDictionary(i => $"s{i:D4}", i => $"value-{i:D4}");
        var secrets = "[secrets]\n" + string.Concat(plaintexts.Select(p => $"{p.Key} = \"[{p.Value}]\"\n"));
        using var home = new TempMiHome("[keystore.primary]\nfile_name = \"aes.p12\"\ntype = \"PKCS12\"\nalias = \"old-key\"\n\n" + secrets, keystoreVector: null);
        var keystore = Path.Combine(home.Path, "repository", "resources", "security", "aes.p12");
        Homes.AesKeystore(keystore, password, "old-key");
        Homes.AesKeystore(keystore, password, "new-key");
        string[] ecb = ["-Dsymmetric", "-Dorg.wso2.CipherTransformation=AES"];
        Homes.CipherTool(home.Path, password + "\n", [.. ecb, "-Dconfigure"]);
        var oldConf = home.SecretConf!;
        File.WriteAllText(home.DeploymentTomlPath, File.ReadAllText(home.DeploymentTomlPath).Replace("alias = \"old-key\"", "alias = \"new-key\"", StringComparison.Ordinal));
        Homes.CipherTool(home.Path, password + "\n", [.. ecb, "-Drotate", "-Dold.alias=old-key"]);
        File.WriteAllBytes(home.SecretConfPath, oldConf);
        var rotatedToml = home.DeploymentToml;

        var again = Homes.CipherTool(home.Path, password + "\n", [.. ecb, "-Drotate", "-Dold.alias=old-key"]);

        Assert.Contains("2000 value(s) already under the new key", again.Err, StringComparison.Ordinal);
        Assert.Equal(rotatedToml, home.DeploymentToml);
        Assert.Equal(plaintexts, Peers.DecryptWithMiRuntime(home.Path, password));
    }
}
