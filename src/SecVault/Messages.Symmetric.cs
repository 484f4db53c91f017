namespace SecVault;

/// <summary>Messages of symmetric vaults, separate key passwords and portable homes; none takes a key, password or secret.</summary>
internal static partial class Messages
{
    internal static string KeystoreNotASecretKey(string path, string alias) =>
        $"'{alias}' in keystore {path} is not a secret (symmetric) key";

    internal static string KeystoreSecretKeyUnreadable(string path, string alias) =>
        $"'{alias}' in keystore {path} is a secret key SecVault cannot read (only PKCS12 secret keys, as keytool -genseckey writes them, are read)";

    internal static string SymmetricKeyWrongLength(string keyName, int bytes) =>
        $"the AES key {keyName} is {bytes} bytes; AES needs 16, 24 or 32";

    internal static string KeyBasedKeyWrongLength(string keyName, int characters) =>
        $"the key of {keyName} is neither 64 hexadecimal digits nor exactly 32 bytes of UTF-8 ({characters} characters); MI's securevault refuses it";

    internal const string KeyBasedKeyHint = "use 64 hexadecimal digits, e.g. the output of 'openssl rand -hex 32'";

    internal static string SymmetricAlgorithmUnknown(string algorithm, IEnumerable<string> accepted) =>
        $"unknown symmetric algorithm '{algorithm}'; use one of {string.Join(", ", accepted)}";

    internal static string SymmetricDoesNotDecrypt(string alias, string keyName, string algorithm) =>
        $"secret '{alias}' does not decrypt with the AES key {keyName} ({algorithm}): it was made with another key, or changed";

    internal const string SymmetricDoesNotDecryptHint = "encrypt the secret again with ciphertool -Dsymmetric -Dconfigure (write it as \"[value]\" first)";

    internal static string SymmetricFormatMismatch(string alias, string actual, string settingSource, string configured) =>
        $"secret '{alias}' has the form of {actual} but {settingSource} says {configured}; MI would give no text for it";

    internal const string SymmetricFormatMismatchHint = "set secretRepositories.file.algorithm to the algorithm the secrets were made with, or encrypt them again";

    internal const string KeyBasedPasswordMissing =
        "secret-conf.properties sets encryptionMode=key.based.symmetric.encryption but has no key.based.password; MI cannot start its vault";

    internal const string KeyBasedKeySource = "the key-based encryption key (key.based.password)";

    internal static string SymmetricEntryNotSecretKey(string alias, string location) =>
        $"alias '{alias}' of keystore {location} is not a secret key; a symmetric vault encrypts with the AES key at that alias";

    internal static string SymmetricAliasNotSecretKey(string alias, string path) =>
        $"keystore.identity.alias '{alias}' in {path} is not a secret key; in symmetric mode MI then silently uses a built-in key, so its secrets do not decrypt";

    internal const string SymmetricAliasNotSecretKeyHint =
        "point keystore.identity.alias at an AES key made with 'keytool -genseckey -keyalg AES -keysize 256 -storetype PKCS12'";

    internal static string SymmetricKeyNotAes(string alias, string path, string algorithm) =>
        $"secret key '{alias}' in {path} is {algorithm}; a symmetric vault needs an AES key";

    internal static string VerifySymmetricEcb(string algorithm) =>
        $"{algorithm} is AES in ECB mode: equal secrets give equal ciphertexts and nothing detects a changed value; prefer AES/GCM/NoPadding";

    internal static string VerifySymmetricNeedsPkcs12(string type) =>
        $"keystore.identity.type is {type}; MI reads the AES key of a symmetric vault from a PKCS12 keystore only";

    internal const string VerifyKeyBasedKeyInFile =
        "the AES key is written in secret-conf.properties itself; anyone who can read the file can decrypt every secret (set key.based.secretProvider to have MI ask for it)";

    internal static string SymmetricRoundTripFailed(string alias) =>
        $"the new ciphertext of '{alias}' does not decrypt back to its value; nothing was written";

    internal static string RotateDynamicLeft(int count) =>
        $"{count} dynamic secret(s) left as they are: their ciphertexts live in the environment or system properties; make them again for the new key";

    internal static string RotateSummary(int rotated, string oldAlias, string newAlias, int dynamic) =>
        $"re-encrypted {rotated} secret(s) from '{oldAlias}' to '{newAlias}'; {dynamic} dynamic";

    internal static string RotateSameAlias(string alias) => $"-Dold.alias is '{alias}', the alias the keystore settings already select; nothing to rotate";

    internal static string VerifyCertificateExpired(string alias, string keystore, string date) =>
        $"the identity certificate '{alias}' in keystore {keystore} expired on {date}";

    internal static string VerifyCertificateExpiresSoon(string alias, string keystore, string date, int days) =>
        $"the identity certificate '{alias}' in keystore {keystore} expires on {date} (in {days} day(s))";

    internal static string VerifyCertificateRotateHint(string alias) =>
        $"to rotate, add a new key pair to the keystore, point [keystore.primary] alias in deployment.toml at it, then run 'ciphertool -Drotate -Dold.alias={alias}'";
}
