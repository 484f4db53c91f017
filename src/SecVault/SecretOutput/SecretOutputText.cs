namespace SecVault.SecretOutput;

/// <summary>The messages of SecVault.SecretOutput: each takes strings and numbers only, never a secret value.</summary>
internal static partial class SecretOutputText
{
    internal static string RotateNotAKubernetesSecret(string path, string reason) =>
        $"{path} is not a Kubernetes Secret as 'mi secret create -o k8' writes it: {reason}";

    internal static string RotateUndecryptable(string path, int line, string alias) =>
        $"{At(path, line)}: the value of '{alias}' decrypts with neither the old key nor the new one; nothing was written";

    internal static string RotateUndecryptableHint => "check --old-keystore, --old-alias and --old-cipher (the transformation the file was made with)";

    internal static string RotateAmbiguous(string path, int line, string alias) =>
        $"{At(path, line)}: the value of '{alias}' decrypts with both the old key and the new one (a padding without integrity check), and the file's other values do not say which it is under; nothing was written";

    internal const string RotateAmbiguousHint = "encrypt that value again with 'mi secret create' and put it in the file, then run the rotation again";

    internal static string RotateRestored(string path) => $"{path} was restored to its content before this run";

    internal static string RotateNotRestored(string path, string reason) =>
        $"{path} keeps its new content (every value under the new key) and could not be restored: {reason}";

    internal const string CreatePipedEmpty = "standard input is empty; expected lines of alias, then secret";

    internal static string CreateNoEntries(string source) => $"{source} holds no alias and secret";

    internal static string CreateFileHasNoEntries(string path) => $"{path} has no entries";

    internal static string CreateFileUnreadable(string path, string reason) => $"cannot read {path}: {reason}";

    internal static string CreateEmptyAliasAt(string source, int line) => $"{At(source, line)}: empty alias";

    internal static string CreateMissingSecretLine(string source, int line, string alias) =>
        $"{At(source, line)}: alias '{alias}' has no secret line after it";

    internal static string CreateEmptySecretAt(string source, int line, string alias) => $"{At(source, line)}: empty secret for alias '{alias}'";

    internal static string CreateUnusableAlias(string source, int line, string printableAlias) =>
        $"{At(source, line)}: alias '{printableAlias}' holds a control character or '}}', so no placeholder could refer to it";

    internal static string CreateInvalidKubernetesKey(string source, int line, string alias) =>
        $"{At(source, line)}: alias '{alias}' is not a valid Kubernetes Secret key";

    internal const string CreateInvalidKubernetesKeyHint = "a Secret key uses only letters, digits, '-', '_' and '.'";

    internal static string CreateSecretWhitespace(string alias) =>
        $"the secret for alias '{alias}' starts or ends with whitespace; it is encrypted as given";

    internal static string CreateRepeatedAlias(string source, string alias, int firstLine, int line) =>
        firstLine > 0
            ? $"{source}: alias '{alias}' is repeated (lines {firstLine} and {line}); the last value is used"
            : $"{source}: alias '{alias}' is repeated; the last value is used";

    internal static string CreateAliasNeedsQuotes(string alias) =>
        $"alias '{alias}' has characters other than A-Z a-z 0-9 _ - . and must be quoted in deployment.toml";

    internal static string CreateInvalidSecretName(string name) =>
        $"--name '{Messages.Printable(name)}' is not a valid Secret name (lower-case letters, digits, '-' and '.', at most 253 characters)";

    internal static string CreateInvalidNamespace(string name) =>
        $"--namespace '{Messages.Printable(name)}' is not a valid namespace (lower-case letters, digits and '-', at most 63 characters)";


    internal static string At(string source, int line) => line > 0 ? $"{source} line {line}" : source;
}
