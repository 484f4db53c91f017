namespace SecVault.Vault;

/// <summary>The messages of SecVault.Vault: each takes strings and numbers only, never a secret value.</summary>
internal static partial class VaultText
{
    internal static string SymmetricEntryNotSecretKey(string alias, string location) =>
        $"alias '{alias}' of keystore {location} is not a secret key; a symmetric vault encrypts with the AES key at that alias";

    internal static string VerifySymmetricNeedsPkcs12(string type) =>
        $"keystore.identity.type is {type}; MI reads the AES key of a symmetric vault from a PKCS12 keystore only";

    internal static string SymmetricRoundTripFailed(string alias) =>
        $"the new ciphertext of '{alias}' does not decrypt back to its value; nothing was written";

    internal static string RotateDynamicLeft(int count) =>
        $"{count} dynamic secret(s) left as they are: their ciphertexts live in the environment or system properties; make them again for the new key";

    internal static string RotateSummary(int rotated, string oldKey, string newAlias, int dynamic) =>
        $"re-encrypted {rotated} secret(s) from {oldKey} to '{newAlias}'; {dynamic} dynamic";

    internal static string RotateOldKeyIn(string alias, string keystorePath) => $"'{alias}' of {keystorePath}";

    internal static string RotateSameKey(string alias) =>
        $"the old key is '{alias}' of the keystore the settings select, the key the vault already uses; nothing to rotate";

    internal static string RotateSameAlias(string alias) => $"-Dold.alias is '{alias}', the alias the keystore settings already select; nothing to rotate";

    internal static string KeystoreSettingNotAString(string table, string key) => $"[{table}] {key} must be a string";

    internal static string KeystoreFileMissing(string location, IReadOnlyList<string> tried) =>
        $"keystore '{location}' not found; tried {string.Join(", ", tried)}";

    internal static string KeystoreIsFolder(string location, string folder) => $"keystore '{location}' is a folder, not a file: {folder}";

    internal const string KeystoreFileMissingHint = "check file_name under [keystore.internal] or [keystore.primary] in conf/deployment.toml";

    internal static string DeploymentTomlMissing(string displayPath) => $"{displayPath} not found";

    internal const string DeploymentTomlMissingHint =
        "pass -Dcarbon.home=DIR for the MI home (the legacy cipher-tool.properties mode is not supported)";

    internal static string CannotRead(string path, string reason) => $"cannot read {path}: {reason}";

    internal const string NoSecretsTable = "no [secrets] table; nothing to encrypt, the vault is configured anyway";

    internal static string AtSecret(string path, int line, int column, string message) =>
        $"{path}:{line}:{column}: {message}";

    internal static string SecretNotAString(string path, int line, int column, string alias, string kind) =>
        $"{path}:{line}:{column}: [secrets] {alias} is {Article(kind)} {kind}; it must be a string";

    internal const string SecretNotAStringHint = "write the secret as \"[plain text]\" to have it encrypted";

    internal static string DottedAlias(string alias) =>
        $"alias '{alias}' has a dot; upstream MI cannot render it into cipher-text.properties";

    internal const string JceksIdentityKeystore =
        "the keystore is JCEKS; upstream MI's vault cannot load a JCEKS identity keystore";

    internal static string CertificateOnlyIdentity(string alias, string location) =>
        $"'{alias}' in keystore {location} is a trusted certificate without its private key: MI cannot decrypt these secrets with this keystore; deploy one that holds the key pair";

    internal const string TheTransformationInUse = "the transformation in use";

    internal static string RotateAlreadyRotated(int count) =>
        $"{count} value(s) already under the new key (an earlier run stopped between its two files) kept as they are";

    internal static string RotateAmbiguous(string path, int line, string alias) =>
        $"{path}:{line}: [secrets] {alias} decrypts with both the old and the new key (a padding without integrity check), and the other values do not say which it is under; nothing was written";

    internal const string RotateAmbiguousHint = "write its plain value as \"[value]\" in [secrets] and run the rotation again";

    internal static string FileRestored(string path) => $"{path} was put back as it was before this run";

    internal static string FileNotRestored(string path, string reason) =>
        $"{path} keeps its new values and could not be put back ({reason}): restore it from a backup or run again once the cause is fixed";

    internal static string CheckSkipped(string reason) => $"existing ciphertexts not checked: {reason}";

    internal static string CiphertextSuspicious(string finding) => $"{finding}; left as it is";

    internal static string ConfigureSummary(IReadOnlyList<string> encrypted, int alreadyEncrypted, int dynamic)
    {
        var list = encrypted.Count > 0 ? $" ({AliasList(encrypted)})" : string.Empty;
        return $"encrypted {Count(encrypted.Count, "secret")}{list}; {alreadyEncrypted} already encrypted; {dynamic} dynamic";
    }

    internal static string ChangeSummary(IReadOnlyList<string> changed) =>
        changed.Count > 0 ? $"changed {Count(changed.Count, "secret")} ({AliasList(changed)})" : "nothing changed";

    /// <summary>Aliases for a one-line report: all of a typical table, the first few of a huge one.</summary>
    internal static string AliasList(IReadOnlyList<string> aliases, int shown = 20) =>
        aliases.Count <= shown
            ? string.Join(", ", aliases)
            : $"{string.Join(", ", aliases.Take(shown))} and {aliases.Count - shown} more";

    internal static string AliasNotInSecrets(string path, string alias, IEnumerable<string> present)
    {
        var aliases = present.ToList();
        return aliases.Count > 0
            ? $"alias '{alias}' is not in [secrets] of {path}; aliases present: {string.Join(", ", aliases)}"
            : $"alias '{alias}' is not in [secrets] of {path}, which has no aliases";
    }

    internal static string AliasCannotChange(string alias, bool dynamic) => dynamic
        ? $"alias '{alias}' is dynamic ($env{{}} or $sys{{}}) and cannot be changed here"
        : $"alias '{alias}' is not a string and cannot be changed";

    internal const string EmptyValue = "the value is empty";

    internal static string EmptyValueFor(string alias) => $"the new value for '{alias}' is empty";

    internal const string SingleValueAlias = "value";

    internal static string ValueTooLong(int size, string transformation, int keySizeBits, int limit) =>
        $"the value is {size} bytes; {transformation} with a {keySizeBits}-bit key allows at most {limit}";

    internal static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    internal static string Article(string word) => word.Length > 0 && "aeiou".Contains(word[0], StringComparison.Ordinal) ? "an" : "a";
}
