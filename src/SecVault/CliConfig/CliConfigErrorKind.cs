namespace SecVault.CliConfig;

/// <summary>Why the CLI configuration (<c>keystore_info.yaml</c>) cannot be used.</summary>
public enum CliConfigErrorKind
{
    /// <summary>The file does not exist: <c>mi secret init</c> has not run.</summary>
    NotInitialized,

    /// <summary>The file exists but cannot be read.</summary>
    Unreadable,

    /// <summary>The file is not a YAML mapping of scalars.</summary>
    Malformed,

    /// <summary>The <c>formatVersion</c> is not one this version reads.</summary>
    UnsupportedVersion,

    /// <summary>A required field is missing or empty.</summary>
    MissingField,

    /// <summary>A field's value is invalid (an unknown keystore type, a badly formed fingerprint).</summary>
    InvalidField,

    /// <summary>The <c>certificate</c> field is not one PEM X.509 certificate.</summary>
    BadCertificate,

    /// <summary>The certificate's key is not RSA.</summary>
    UnsupportedKey,

    /// <summary>The certificate's SHA-256 is not the stored <c>certificateSha256</c>.</summary>
    FingerprintMismatch,

    /// <summary>The file or its folder is owned by someone other than the caller or root, or writable by group or others.</summary>
    Untrusted,
}
