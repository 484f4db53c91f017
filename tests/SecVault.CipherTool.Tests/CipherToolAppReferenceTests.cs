using System.Globalization;
using System.Text;
using SecVault.Testing;
using SecVault.Toml;

namespace SecVault.CipherTool.Tests;

public sealed class CipherToolAppReferenceTests
{
    /// <summary>Shaped like MI's reference config (written here): an internal keystore of $ref{}s, twenty host references, a broken one.</summary>
    private static string Toml(string internalFile = "$ref{keystore.primary.file_name}")
    {
        var toml = new StringBuilder($$"""
            [server]
            hostname = "mi.example.test"

            [keystore.primary]
            file_name = "wso2carbon.jks"
            type = "JKS"
            password = "$secret{keystore_password}"
            alias = "wso2carbon"
            key_password = "$secret{keystore_password}"

            [keystore.internal]
            file_name = "{{internalFile}}"
            type = "$ref{keystore.primary.type}"
            password = "$ref{keystore.primary.password}"
            alias = "$ref{keystore.primary.alias}"
            key_password = "$ref{keystore.primary.key_password}"

            [monitoring]
            broken = "$ref{no.such.key}"

            [endpoints]

            """);
        for (var i = 1; i <= 20; i++)
        {
            toml.Append(CultureInfo.InvariantCulture, $"host_{i} = \"$ref{{server.hostname}}\"\n");
        }

        toml.Append("\n[secrets]\nkeystore_password = \"[wso2carbon]\"\ndb = \"[s3cr3t-db]\"\n");
        return toml.ToString();
    }

    [SkippableFact]
    public void Configure_encrypts_secrets_of_an_MI_shaped_config_whose_internal_keystore_is_made_of_refs()
    {
        Skip.IfNot(JavaInterop.IsAvailable, "java is not on PATH");
        using var home = new TempMiHome(Toml());

        var result = Tool.Configure(home);

        Assert.Equal(0, result.Exit);
        Assert.Contains("ciphertool: using the internal keystore wso2carbon.jks (JKS, alias wso2carbon)", result.Err, StringComparison.Ordinal);
        Assert.Contains("encrypted 2 secrets (keystore_password, db)", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("error", result.Err, StringComparison.Ordinal);
        Assert.Contains(
            "ciphertool: warning: conf/deployment.toml:19:10: $ref{no.such.key}: no key no.such.key in deployment.toml, and MI has no default for it\n",
            result.Err,
            StringComparison.Ordinal);
        var document = DeploymentToml.Parse(home.DeploymentToml, "deployment.toml");
        var keystore = VectorManifest.Load().Keystore("jks-rsa2048");
        string Java(string alias) => Encoding.UTF8.GetString(JavaInterop.Decrypt(
            keystore, "wso2carbon", "RSA/ECB/OAEPWithSHA-1AndMGF1Padding", document.Secrets.Single(s => s.Alias == alias).Value!));
        Assert.Equal("wso2carbon", Java("keystore_password"));
        Assert.Equal("s3cr3t-db", Java("db"));
    }

    [Fact]
    public void Configure_stops_on_a_reference_cycle_in_the_keystore_selection_naming_the_keys_and_writes_nothing()
    {
        using var home = new TempMiHome(Toml(internalFile: "$ref{keystore.internal.file_name}"));
        var before = home.DeploymentToml;

        var result = Tool.Configure(home);

        Assert.Equal(1, result.Exit);
        Assert.Contains(
            "conf/deployment.toml:12:13: reference cycle: keystore.internal.file_name -> keystore.internal.file_name",
            result.Err,
            StringComparison.Ordinal);
        Assert.Equal(before, home.DeploymentToml);
        Assert.Null(home.SecretConf);
    }
}
