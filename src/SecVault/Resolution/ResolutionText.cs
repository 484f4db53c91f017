namespace SecVault.Resolution;

/// <summary>The messages of SecVault.Resolution: each takes strings and numbers only, never a secret value.</summary>
internal static partial class ResolutionText
{
    internal static string ReferenceDangling(string placeholder, string key) =>
        $"{placeholder}: no key {key} in deployment.toml, and MI has no default for it";

    internal static string ReferenceCycle(IEnumerable<string> keys) =>
        $"reference cycle: {string.Join(" -> ", keys)}";

    internal static string ReferenceNotAValue(string placeholder, string key) =>
        $"{placeholder}: {key} is a table or an array; only a single value can be referenced";

    internal static string ReferenceIntoSecrets(string placeholder, string alias) =>
        $"{placeholder}: refers into [secrets]; use $secret{{{alias}}} for the decrypted value";

    internal const string KeyBasedPasswordMissing =
        "secret-conf.properties sets encryptionMode=key.based.symmetric.encryption but has no key.based.password; MI cannot start its vault";

    internal const string KeyBasedKeySource = "the key-based encryption key (key.based.password)";

    internal static string SymmetricAliasNotSecretKey(string alias, string path) =>
        $"keystore.identity.alias '{alias}' in {path} is not a secret key; in symmetric mode MI then silently uses a built-in key, so its secrets do not decrypt";

    internal const string SymmetricAliasNotSecretKeyHint =
        "point keystore.identity.alias at an AES key made with 'keytool -genseckey -keyalg AES -keysize 256 -storetype PKCS12'";

    internal static string SymmetricKeyNotAes(string alias, string path, string algorithm) =>
        $"secret key '{alias}' in {path} is {algorithm}; a symmetric vault needs an AES key";

    internal static string DeploymentTomlTooLarge(long size, long limit) => $"the file is {size} bytes, over the limit of {limit} bytes";

    internal static string UnknownKeystoreType(string type) => $"unknown keystore type '{type}'; use JKS, PKCS12 or JCEKS";
}
