namespace SecVault.CliConfig;

/// <summary>The messages of SecVault.CliConfig: each takes strings and numbers only, never a secret value.</summary>
internal static partial class CliConfigText
{
    internal static string CliConfigForeignOwner(string file, string? folder, uint owner, uint caller) => folder is null
        ? $"{file} is owned by user id {owner}, neither you (user id {caller}) nor root; mi does not trust it"
        : $"{file} is in {folder}, owned by user id {owner}, neither you (user id {caller}) nor root; mi does not trust it";

    internal static string CliConfigForeignOwnerHint(string path, uint caller, bool folder) => folder
        ? $"if the folder is yours, run 'chown {caller} {path}' and 'chmod go-w {path}'; otherwise set MI_CLI_HOME to a folder of your own and run 'mi secret init'"
        : $"if the file is yours, run 'chown {caller} {path}'; otherwise delete it and run 'mi secret init'";

    internal static string CliConfigWritableByOthers(string file, string? folder) => folder is null
        ? $"{file} is writable by group or others; mi does not trust it"
        : $"{file} is in {folder}, writable by group or others; mi does not trust it";

    internal static string CliConfigWritableByOthersHint(string path) => $"run 'chmod go-w {path}'";

    internal const string CliConfigRunInitHint = "run 'mi secret init'";

    internal static string CliConfigNotInitialized(string path) => $"key store has not been initialized ({path} does not exist)";

    internal static string CliConfigNotInitializedUpstreamFound(string path, string upstream) =>
        $"key store has not been initialized ({path} does not exist); the upstream CLI's {upstream} is not read, as it holds an encoded password";

    internal static string CliConfigUpstreamFileHint(string upstream) => $"run 'mi secret init', and delete {upstream}";

    internal static string CliConfigUnreadable(string path, string reason) => $"cannot read {path}: {reason}";

    internal static string CliConfigMalformed(string path, int line, int column) => $"{path}({line},{column}): not valid YAML";

    internal static string CliConfigInvalidYaml(string path) => $"{path} is not valid YAML";

    internal static string CliConfigNotMapping(string path) => $"{path} is not a YAML mapping of fields";

    internal static string CliConfigUnsupportedVersion(string path, string version) =>
        $"{path} has formatVersion '{version}'; this version of mi reads formatVersion 1";

    internal static string CliConfigMissingField(string path, string field) => $"{path} has no '{field}'";

    internal static string CliConfigInvalidField(string path, string field) => $"{path} has an invalid '{field}'";

    internal static string CliConfigBadCertificate(string path) => $"{path}: 'certificate' is not one PEM X.509 certificate";

    internal static string CliConfigUnusableRsa(string path, int minBits) =>
        $"{path}: the certificate's RSA key cannot be encrypted for (a public exponent that is even or below 3, or a modulus under {minBits} bits)";

    internal static string CliConfigNotRsa(string path, string algorithm) =>
        $"{path}: the certificate's key is {algorithm}; mi secret needs an RSA key";

    internal static string CliConfigFingerprintMismatch(string path) =>
        $"{path}: the certificate does not match 'certificateSha256'; the file was changed after 'mi secret init'";
}
