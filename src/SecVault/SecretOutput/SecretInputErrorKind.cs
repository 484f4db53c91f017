namespace SecVault.SecretOutput;

/// <summary>Why the input of <c>mi secret create</c> was refused.</summary>
public enum SecretInputErrorKind
{
    /// <summary>No alias/secret pair at all.</summary>
    NoEntries,

    /// <summary>Piped input ends with an alias line and no secret line.</summary>
    MissingSecretLine,

    /// <summary>An alias is empty (after trimming).</summary>
    EmptyAlias,

    /// <summary>A secret is empty.</summary>
    EmptySecret,

    /// <summary>An alias holds a control character or <c>}</c>, so no placeholder could name it.</summary>
    UnusableAlias,

    /// <summary>An alias is not a valid Kubernetes Secret key (<c>k8</c> output only).</summary>
    InvalidKubernetesKey,

    /// <summary>The input file cannot be read.</summary>
    Unreadable,

    /// <summary>Three terminal attempts failed.</summary>
    TooManyAttempts,

    /// <summary>A rotated file is not in a form <c>mi secret create</c> writes.</summary>
    UnknownFileForm,

    /// <summary>A value of a rotated file decrypts with neither the old key nor the new one.</summary>
    Undecryptable,
}
