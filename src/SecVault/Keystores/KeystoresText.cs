using System.Globalization;

namespace SecVault.Keystores;

/// <summary>The messages of SecVault.Keystores: each takes strings and numbers only, never a secret value.</summary>
internal static partial class KeystoresText
{
    /// <summary>How many aliases an unknown-alias message names before it counts the rest.</summary>
    internal const int KeystoreAliasesShown = 10;

    internal static string KeystoreNotASecretKey(string path, string alias) =>
        $"'{alias}' in keystore {path} is not a secret (symmetric) key";

    internal static string KeystoreSecretKeyUnreadable(string path, string alias) =>
        $"'{alias}' in keystore {path} is a secret key SecVault cannot read (PKCS12 and JCEKS secret keys as keytool -genseckey writes them are read)";

    internal static string UnknownKeystoreTypeName(string name) =>
        $"unknown keystore type '{name}'; use JKS, PKCS12 (P12, PFX) or JCEKS";

    internal static string KeystoreNotFound(string path) => $"keystore {path} does not exist";

    internal static string KeystoreIsFolder(string path) => $"keystore {path} is a folder, not a file";

    internal static string KeystoreUnreadable(string path, string reason) => $"cannot read keystore {path}: {reason}";

    internal static string KeystoreEmpty(string path) => $"keystore {path} is empty";

    internal static string KeystoreUnknownFormat(string path) =>
        $"{path} is not a keystore: its content is neither JKS, JCEKS nor PKCS12";

    internal static string KeystoreTypeMismatch(string path, string declared, string actual) =>
        $"keystore {path} is declared as {declared} but its content is {actual}";

    internal const string KeystoreTypeMismatchHint = "set the keystore type to match the file";

    internal static string KeystoreWrongPassword(string path) =>
        $"cannot open keystore {path}: wrong password, or the file was modified";

    internal const string KeystoreWrongPasswordHint = "check the keystore password";

    internal static string KeystoreTampered(string path) =>
        $"keystore {path} was modified or is damaged: the password is right but the integrity check fails";

    internal static string KeystoreNoMacWrongPassword(string path) =>
        $"wrong password for keystore {path}: its encrypted parts do not decrypt with the password given (the file has no integrity check, so a damaged file would look the same)";

    internal static string KeystoreDamaged(string path) => $"keystore {path} is damaged and cannot be read";

    internal static string KeystoreTruncated(string path) => $"keystore {path} is truncated";

    internal static string KeystoreWrongKeyPassword(string path, string alias) =>
        $"the key password does not unlock key '{alias}' in keystore {path}";

    internal const string KeystoreWrongKeyPasswordHint = "check the key password (keytool's -keypass); it may differ from the store password";

    internal static string KeystoreUnknownAlias(string path, string alias, IEnumerable<string> present)
    {
        // A keystore can hold thousands of trusted certificates: name a few, count the rest.
        var all = present.ToList();
        var list = string.Join(", ", all.Take(KeystoreAliasesShown).Select(Messages.Quote));
        if (all.Count > KeystoreAliasesShown)
        {
            list += string.Create(CultureInfo.InvariantCulture, $" … and {all.Count - KeystoreAliasesShown} more");
        }

        return list.Length == 0
            ? $"keystore {path} has no alias '{alias}'; it holds no entries"
            : $"keystore {path} has no alias '{alias}'; aliases present: {list}";
    }

    internal static string KeystoreUnencryptedKey(string path, string alias) =>
        $"key '{alias}' in keystore {path} is stored unencrypted (openssl pkcs12 -keypbe NONE); Java, and so MI, skips such a key";

    internal const string KeystoreUnencryptedKeyHint =
        "export it again with the key encrypted: openssl pkcs12 -export without -keypbe NONE";

    internal static string KeystoreUnsupportedAlgorithm(string path, string alias, string algorithm) =>
        $"key '{alias}' in keystore {path} is {algorithm}; only RSA keys are supported";

    internal static string KeystoreSecretKeyEntry(string path, string alias) =>
        $"'{alias}' in keystore {path} is a secret (symmetric) key; SecVault needs an RSA key pair";

    internal static string KeystoreNoCertificate(string path, string alias) =>
        $"'{alias}' in keystore {path} is a private key stored without its certificate; encrypting needs the certificate's public key";

    internal const string KeystoreNoCertificateHint = "store the key with its certificate (openssl pkcs12 -export -inkey KEY -in CERT, or keytool -importcert of the certificate's reply onto the alias)";

    internal static string KeystoreNoPrivateKey(string path, string alias) =>
        $"'{alias}' in keystore {path} is a trusted certificate without a private key; it can encrypt but not decrypt";

    internal static string KeystoreUnsupportedProtection(string path, string alias, string algorithm) =>
        $"key '{alias}' in keystore {path} is protected with {algorithm}, which SecVault cannot read";
}
