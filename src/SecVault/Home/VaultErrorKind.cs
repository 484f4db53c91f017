namespace SecVault.Home;

/// <summary>What is wrong with an MI home's vault setup.</summary>
public enum VaultErrorKind
{
    /// <summary>A keystore setting or the vault configuration is unusable.</summary>
    Configuration,

    /// <summary>The configured keystore file does not exist.</summary>
    KeystoreMissing,

    /// <summary>deployment.toml does not exist.</summary>
    DeploymentTomlMissing,

    /// <summary>A [secrets] value is not a string.</summary>
    InvalidSecret,

    /// <summary>An alias to change is not in [secrets], or cannot be changed.</summary>
    UnknownAlias,

    /// <summary>A value to encrypt is empty.</summary>
    EmptyValue,
}
