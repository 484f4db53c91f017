namespace SecVault.Synapse;

/// <summary>Everything a tolerant scan of one Synapse artifact found: the lookups that parse and the problems.</summary>
/// <param name="Lookups">Parsed lookups in text order.</param>
/// <param name="Problems">Lookups that do not parse, in text order.</param>
internal sealed record VaultLookupScan(IReadOnlyList<VaultLookup> Lookups, IReadOnlyList<SynapseLookupProblem> Problems);
