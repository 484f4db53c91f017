namespace SecVault.Synapse;

/// <summary>The messages of SecVault.Synapse: each takes strings and numbers only, never a secret value.</summary>
internal static partial class SynapseText
{
    internal static string SynapseRotateFileOutsideRoot(string artifact, int line, string path, string root) =>
        $"{artifact} line {line}: the FILE secret {path} is outside the lookup root {root}, or reached through a link leading out of it; nothing was rotated";

    internal static string SynapseRotateFileUnsafe(string artifact, int line, string path, string reason) =>
        $"{artifact} line {line}: the FILE secret {path} cannot be checked safely ({reason}); nothing was rotated";

    internal static string SynapseArtifactsUnreadable(string home, string reason) =>
        $"cannot list the Synapse artifacts of {home}: {reason}; nothing was rotated";

    internal static string SynapseFileOutsideRoot(string path, string root) =>
        $"file {path} is outside the lookup root {root} and was not read (AllowFileLookupsOutsideRoot, or mi's --allow-file-lookups-outside-root, allows it)";

    internal static string SynapseFileLinksOutsideRoot(string path, string root) =>
        $"file {path} leads through a symbolic link outside the lookup root {root} and was not read (AllowFileLookupsOutsideRoot, or mi's --allow-file-lookups-outside-root, allows it)";

    internal const string SynapseMalformedLookup = "malformed vault-lookup call; expected prefix:vault-lookup('name'[, 'TYPE', 'true|false'])";

    internal const string SynapseUnclosedLookup = "malformed vault-lookup call: no ')' closes its arguments; expected prefix:vault-lookup('name'[, 'TYPE', 'true|false'])";

    internal static string SynapseNonLiteralArgument(int index) =>
        $"vault-lookup argument {index} is not a string literal";

    internal static string SynapseArgumentCount(int count) =>
        $"vault-lookup takes one to three arguments, not {count}";

    internal static string SynapseUnknownType(string type) =>
        $"vault-lookup type '{type}' is unknown; use REG, ENV, FILE or DOCKER (case-sensitive)";

    internal static string SynapsePositioned(string? path, int line, int column, string message) =>
        path is null ? $"line {line}, column {column}: {message}" : $"{path}:{line}:{column}: {message}";
}
