namespace SecVault.Toml;

/// <summary>The class of a [secrets] value (ciphertool -Dconfigure step 3).</summary>
internal enum SecretClass
{
    /// <summary>Not a string.</summary>
    Invalid,

    /// <summary>Holds <c>$env{</c> or <c>$sys{</c>: a dynamic secret, left untouched.</summary>
    Dynamic,

    /// <summary>A plain-text marker <c>"[text]"</c> with non-empty text.</summary>
    Plain,

    /// <summary>Anything else: taken as a ciphertext.</summary>
    Encrypted,
}
