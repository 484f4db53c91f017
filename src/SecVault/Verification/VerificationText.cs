namespace SecVault.Verification;

/// <summary>The messages of SecVault.Verification: each takes strings and numbers only, never a secret value.</summary>
internal static partial class VerificationText
{
    internal static string VerifyVaultKeyDefaulted(string key, string fallback) =>
        $"the line {key} is missing (a file written by Carbon's cipher tool); the runtime uses the default {fallback}";

    internal static string VerifySymmetricEcb(string algorithm) =>
        $"{algorithm} is AES in ECB mode: equal secrets give equal ciphertexts and nothing detects a changed value; prefer AES/GCM/NoPadding";

    internal const string VerifyKeyBasedKeyInFile =
        "the AES key is written in secret-conf.properties itself; anyone who can read the file can decrypt every secret (set key.based.secretProvider to have MI ask for it)";

    internal static string VerifyCertificateExpired(string alias, string keystore, string date) =>
        $"the identity certificate '{alias}' in keystore {keystore} expired on {date}";

    internal static string VerifyCertificateExpiresSoon(string alias, string keystore, string date, int days) =>
        $"the identity certificate '{alias}' in keystore {keystore} expires on {date} (in {days} day(s))";

    internal static string VerifyIdentityWithoutCertificate(string alias, string keystore) =>
        $"the identity key '{alias}' in keystore {keystore} is stored without its certificate: secrets decrypt, but nothing can be encrypted for it (the Cipher Tool, 'mi secret init'); store the key with its certificate";

    internal static string VerifyCertificateRotateHint(string alias) =>
        $"to rotate, add a new key pair to the keystore, point [keystore.primary] alias in deployment.toml at it, then run 'ciphertool -Drotate -Dold.alias={alias}'";
}
