namespace SecVault.Placeholders;

/// <summary>The kind of a placeholder, fixed by its prefix.</summary>
internal enum PlaceholderKind
{
    /// <summary><c>$secret{alias}</c>: a decrypted <c>[secrets]</c> value.</summary>
    Secret,

    /// <summary><c>$env{NAME}</c>: an environment variable.</summary>
    Env,

    /// <summary><c>$sys{name}</c>: a system property.</summary>
    Sys,

    /// <summary><c>$ref{a.b.c}</c>: another key of the same document.</summary>
    Ref,
}
