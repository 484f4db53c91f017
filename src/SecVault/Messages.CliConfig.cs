namespace SecVault;

/// <summary>Messages about the CLI config folder and <c>keystore_info.yaml</c>; none takes a password.</summary>
internal static partial class Messages
{
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

    internal static string CliConfigNotRsa(string path, string algorithm) =>
        $"{path}: the certificate's key is {algorithm}; mi secret needs an RSA key";

    internal static string CliConfigFingerprintMismatch(string path) =>
        $"{path}: the certificate does not match 'certificateSha256'; the file was changed after 'mi secret init'";
}
