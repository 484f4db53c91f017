namespace SecVault.Synapse;

/// <summary>A vault lookup that could not be parsed, with its position in the XML text.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Start">Character index in the XML text where the lookup starts.</param>
/// <param name="Line">1-based line of <paramref name="Start"/>.</param>
/// <param name="Column">1-based column (UTF-16 code units) of <paramref name="Start"/>.</param>
/// <param name="Message">The user-facing message, without position; it never holds a value.</param>
public sealed record SynapseLookupProblem(SynapseLookupErrorKind Kind, int Start, int Line, int Column, string Message);
