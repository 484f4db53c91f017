using System.Globalization;
using System.Text;

namespace SecVault.Tests.Resolution;

/// <summary>
/// A deployment.toml shaped like MI's reference configuration (written for these tests, not copied): an internal
/// keystore whose every setting is a <c>$ref{}</c> to the primary one, twenty values built from
/// <c>$ref{server.hostname}</c>, and references to keys left to MI's defaults.
/// </summary>
internal static class ReferenceFixture
{
    public const string Hostname = "mi-node-1.example.test";

    public const int HostnameReferences = 20;

    /// <summary>The TOML; <paramref name="keystoreFile"/> is the primary keystore's file_name, <paramref name="passwordCiphertext"/> the [secrets] value.</summary>
    public static string Toml(string keystoreFile, string passwordCiphertext, string alias = "wso2carbon")
    {
        var toml = new StringBuilder();
        toml.Append(CultureInfo.InvariantCulture, $$"""
            [server]
            hostname = "{{Hostname}}"
            offset = 10

            [keystore.primary]
            file_name = "{{keystoreFile}}"
            type = "JKS"
            password = "$secret{keystore_password}"
            alias = "{{alias}}"
            key_password = "$secret{keystore_password}"

            [keystore.internal]
            file_name = "$ref{keystore.primary.file_name}"
            type = "$ref{keystore.primary.type}"
            password = "$ref{keystore.primary.password}"
            alias = "$ref{keystore.primary.alias}"
            key_password = "$ref{keystore.primary.key_password}"

            [transport.https.listener]
            truststore_location = "$ref{truststore.file_name}"
            truststore_type = "$ref{truststore.type}"
            keystore_alias = "$ref{keystore.tls.alias}"
            port_offset = "$ref{server.offset}"

            [endpoints]

            """);
        for (var i = 1; i <= HostnameReferences; i++)
        {
            toml.Append(CultureInfo.InvariantCulture, $"node_{i} = \"https://$ref{{server.hostname}}:{8000 + i}/services\"\n");
        }

        toml.Append(CultureInfo.InvariantCulture, $"""

            [secrets]
            keystore_password = "{passwordCiphertext}"

            """);
        return toml.ToString();
    }
}
