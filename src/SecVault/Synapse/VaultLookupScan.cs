namespace SecVault.Synapse;

/// <summary>Everything a tolerant scan of one Synapse artifact found: the lookups that parse and the problems.</summary>
/// <param name="Lookups">Parsed lookups in text order.</param>
/// <param name="Problems">Lookups that do not parse, in text order.</param>
internal sealed record VaultLookupScan(IReadOnlyList<VaultLookup> Lookups, IReadOnlyList<SynapseLookupProblem> Problems)
{
    /// <summary>The <c>{wso2:vault-decrypt('…')}</c> tokens, in text order.</summary>
    internal IReadOnlyList<VaultDecryptSite> Decrypts { get; init; } = [];

    /// <summary>Lookups written without braces in an attribute that is not an XPath expression.</summary>
    internal IReadOnlyList<BraceLessLookup> BraceLess { get; init; } = [];
}

/// <summary>One <c>{wso2:vault-decrypt('ciphertext')}</c> token with its span (braces included) in the XML text.</summary>
internal sealed record VaultDecryptSite(string Ciphertext, int Start, int Length, int Line, int Column, char? AttributeQuote);

/// <summary>A <c>prefix:vault-lookup(...)</c> call written bare where only <c>{...}</c> is resolved.</summary>
internal sealed record BraceLessLookup(string Call, string Prefix, int Line, int Column);
