namespace SecVault.Synapse;

/// <summary>One <c>prefix:vault-lookup(...)</c> found in a Synapse artifact, with its exact span in the XML text.</summary>
/// <param name="Name">First argument: alias, variable or file name.</param>
/// <param name="Type">Second argument, or null with one argument (only honoured with three arguments).</param>
/// <param name="EncryptedFlag">Third argument, or null with fewer than three.</param>
/// <param name="ArgumentCount">1, 2 or 3.</param>
/// <param name="Prefix">The namespace prefix as written, such as <c>wso2</c>; other prefixes are left to the caller.</param>
/// <param name="Start">Character index in the XML text of the <c>{</c> (inline token) or of the prefix (XPath call).</param>
/// <param name="Length">Characters of the token or call in the XML text (entity references included).</param>
/// <param name="Line">1-based line of <paramref name="Start"/>.</param>
/// <param name="Column">1-based column (UTF-16 code units) of <paramref name="Start"/>.</param>
/// <param name="Site">Inline token or XPath call.</param>
internal sealed record VaultLookup(
    string Name,
    string? Type,
    string? EncryptedFlag,
    int ArgumentCount,
    string Prefix,
    int Start,
    int Length,
    int Line,
    int Column,
    VaultLookupSite Site)
{
    /// <summary>The prefix upstream resolves; lookups with any other prefix are left as they are.</summary>
    public const string Wso2Prefix = "wso2";

    /// <summary>The quote delimiting the attribute that holds the lookup, or null in element text.</summary>
    public char? AttributeQuote { get; init; }

    /// <summary>True for the <c>wso2</c> prefix.</summary>
    public bool IsWso2 => Prefix == Wso2Prefix;

    /// <summary>True when the flag is <c>true</c> in any case (Java <c>Boolean.parseBoolean</c>) and there are three arguments.</summary>
    public bool IsEncrypted => ArgumentCount == 3 && string.Equals(EncryptedFlag, "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for two arguments: the type is ignored, as upstream, and <c>verify</c> warns.</summary>
    public bool TypeIgnored => ArgumentCount == 2;

    /// <summary>The source read; null for an unknown type (case-sensitive <c>REG</c>/<c>ENV</c>/<c>FILE</c>/<c>DOCKER</c>).</summary>
    public VaultLookupType? LookupType => ArgumentCount == 3 ? ParseType(Type) : VaultLookupType.Registry;

    internal static VaultLookupType? ParseType(string? type) => type switch
    {
        "REG" => VaultLookupType.Registry,
        "ENV" => VaultLookupType.Environment,
        "FILE" => VaultLookupType.File,
        "DOCKER" => VaultLookupType.Docker,
        _ => null,
    };
}
