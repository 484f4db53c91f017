namespace SecVault.Vault;

/// <summary>Which keystore setting of deployment.toml was chosen.</summary>
public enum KeystoreRole
{
    /// <summary><c>[keystore.internal]</c>.</summary>
    Internal,

    /// <summary><c>[keystore.primary]</c>.</summary>
    Primary,

    /// <summary>Neither is configured: the shipped defaults.</summary>
    Default,
}
