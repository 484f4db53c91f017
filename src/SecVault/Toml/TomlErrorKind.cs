namespace SecVault.Toml;

/// <summary>What went wrong while reading a deployment.toml.</summary>
internal enum TomlErrorKind
{
    /// <summary>The text is not valid TOML.</summary>
    Syntax,

    /// <summary>A key or table is defined more than once.</summary>
    DuplicateKey,

    /// <summary>The bytes are not valid UTF-8.</summary>
    InvalidUtf8,

    /// <summary>The file exceeds the configured size limit.</summary>
    FileTooLarge,

    /// <summary>A [secrets] string literal exceeds the size limit.</summary>
    SecretTooLarge,
}
