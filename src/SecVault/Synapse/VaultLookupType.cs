namespace SecVault.Synapse;

/// <summary>The source a vault lookup reads, chosen by its second argument when it has exactly three.</summary>
internal enum VaultLookupType
{
    /// <summary><c>REG</c>, or a lookup with fewer than three arguments: a <c>[secrets]</c> alias.</summary>
    Registry,

    /// <summary><c>ENV</c>: an environment variable.</summary>
    Environment,

    /// <summary><c>FILE</c>: a file under <c>ei.secret.file.root.dir</c>.</summary>
    File,

    /// <summary><c>DOCKER</c>: a file under <c>ei.secret.docker.root.dir</c>.</summary>
    Docker,
}
