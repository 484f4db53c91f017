namespace SecVault.Synapse;

/// <summary>What is wrong with a vault lookup.</summary>
public enum SynapseLookupErrorKind
{
    /// <summary>The call is not <c>prefix:vault-lookup(literal, ...)</c>: bad prefix, unterminated literal, missing <c>)</c>, trailing text.</summary>
    Malformed,

    /// <summary>An argument is an XPath expression other than a string literal, so it cannot be resolved statically.</summary>
    NonLiteralArgument,

    /// <summary>No argument, or more than three.</summary>
    ArgumentCount,

    /// <summary>A three-argument <c>wso2</c> lookup whose type is not exactly <c>REG</c>, <c>ENV</c>, <c>FILE</c> or <c>DOCKER</c>.</summary>
    UnknownType,
}
