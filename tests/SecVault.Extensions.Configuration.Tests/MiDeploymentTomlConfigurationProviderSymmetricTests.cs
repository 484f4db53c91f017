using System.Text;
using Microsoft.Extensions.Configuration;
using SecVault.Home;
using SecVault.Passwords;
using SecVault.Properties;
using SecVault.Testing;

namespace SecVault.Extensions.Configuration.Tests;

/// <summary>The provider with a key-based AES vault (values made by the JDK) and with a separate private-key password.</summary>
public sealed class MiDeploymentTomlConfigurationProviderSymmetricTests
{
    private const string Key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    [SkippableFact]
    public void A_key_based_vault_resolves_with_the_key_from_the_password_provider()
    {
        Skip.IfNot(JavaInterop.IsAvailable, "java is not on PATH");
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.Combine("conf", "security"));
        File.WriteAllBytes(folder.Combine("conf", "security", "secret-conf.properties"),
            PropertiesWriter.Store(VaultConfiguration.KeyBasedEntries("AES/GCM/NoPadding"), DateTimeOffset.UnixEpoch, "\n"));
        var value = AesJavaInterop.EncryptWithKey(Key, "AES/GCM/NoPadding", "s3cr3t ☃");
        File.WriteAllText(folder.Combine("conf", "deployment.toml"), $"[db]\npassword = \"$secret{{db}}\"\n[secrets]\ndb = \"{value}\"\n", new UTF8Encoding(false));

        var configuration = new ConfigurationBuilder().AddMiDeploymentToml(folder.Path, o =>
        {
            o.PasswordProvider = _ => KeystorePassword.FromStrings(Key);
            o.AllowPrompt = false;
        }).Build();

        Assert.Equal("s3cr3t ☃", configuration["db:password"]);
    }

    [Fact]
    public void A_separate_key_password_unlocks_a_key_whose_password_differs_from_the_store()
    {
        using var home = new TestMiHome("jks-distinct-key-password");
        home.WriteToml("[db]\npassword = \"$secret{db}\"\n[secrets]\ndb = \"" + home.Vector("RSA/ECB/OAEPwithSHA1andMGF1Padding").Ciphertext + "\"\n");

        var configuration = new ConfigurationBuilder().AddMiDeploymentToml(home.Path, o =>
        {
            o.PasswordProvider = request => KeystorePassword.FromStrings(home.Keystore.StorePassword, request.SeparateKeyPassword ? home.Keystore.KeyPassword : null);
            o.SeparateKeyPassword = true;
            o.AllowPrompt = false;
        }).Build();

        Assert.Equal("wso2carbon", configuration["db:password"]);
    }
}
