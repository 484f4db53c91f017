namespace SecVault;

internal static partial class Messages
{
    internal static string KeystoreSettingNotAString(string table, string key) => $"[{table}] {key} must be a string";

    internal static string UnknownKeystoreType(string type) => $"unknown keystore type '{type}'; use JKS, PKCS12 or JCEKS";

    internal static string KeystoreFileMissing(string location, IReadOnlyList<string> tried) =>
        $"keystore '{location}' not found; tried {string.Join(", ", tried)}";

    internal const string KeystoreFileMissingHint = "check file_name under [keystore.internal] or [keystore.primary] in conf/deployment.toml";
}
