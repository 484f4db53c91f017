namespace SecVault.Resolution;

/// <summary>
/// MI's documented defaults for the keys SecVault resolves <c>$ref{}</c> against when deployment.toml leaves them out:
/// the primary keystore, the internal and TLS keystores (references to the primary one) and the trust store, as MI's
/// config mapper defaults them, and <c>server.hostname</c> as MI's shipped deployment.toml sets it.
/// </summary>
internal static class MiDefaults
{
    /// <summary>Default values by dotted key; a value may itself be a <c>$ref{}</c>.</summary>
    public static IReadOnlyDictionary<string, string> Values { get; } = Build();

    private static Dictionary<string, string> Build()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["server.hostname"] = "localhost",
            ["keystore.primary.file_name"] = "repository/resources/security/wso2carbon.jks",
            ["keystore.primary.type"] = "JKS",
            ["keystore.primary.password"] = "wso2carbon",
            ["keystore.primary.alias"] = "wso2carbon",
            ["keystore.primary.key_password"] = "wso2carbon",
            ["truststore.file_name"] = "repository/resources/security/client-truststore.jks",
            ["truststore.type"] = "JKS",
            ["truststore.password"] = "wso2carbon",
        };
        foreach (var keystore in new[] { "internal", "tls" })
        {
            foreach (var key in new[] { "file_name", "type", "password", "alias", "key_password" })
            {
                values[$"keystore.{keystore}.{key}"] = $"$ref{{keystore.primary.{key}}}";
            }
        }

        return values;
    }
}
