namespace SecVault;

/// <summary>Messages of the Synapse vault-lookup parser.</summary>
internal static partial class Messages
{
    internal const string SynapseMalformedLookup = "malformed vault-lookup call; expected prefix:vault-lookup('name'[, 'TYPE', 'true|false'])";

    internal static string SynapseNonLiteralArgument(int index) =>
        $"vault-lookup argument {index} is not a string literal";

    internal static string SynapseArgumentCount(int count) =>
        $"vault-lookup takes one to three arguments, not {count}";

    internal static string SynapseUnknownType(string type) =>
        $"vault-lookup type '{type}' is unknown; use REG, ENV, FILE or DOCKER (case-sensitive)";

    internal static string SynapsePositioned(string? path, int line, int column, string message) =>
        path is null ? $"line {line}, column {column}: {message}" : $"{path}:{line}:{column}: {message}";
}
