using SecVault.Ciphers;
using SecVault.Diagnostics;
using SecVault.Home;
using SecVault.Vault;

namespace SecVault.Verification;

/// <summary>The verify checks of a symmetric vault's settings, naming the traps where MI stays silent.</summary>
internal static class SymmetricChecks
{
    /// <summary>Adds the problems of <paramref name="vault"/>'s symmetric settings to <paramref name="problems"/>.</summary>
    public static void Check(VaultConfiguration vault, string display, List<Problem> problems)
    {
        var algorithm = vault.EffectiveAlgorithm;
        if (SymmetricSecretCipher.TryParseAlgorithm(algorithm) is not { } accepted)
        {
            problems.Add(Error(display, "secretRepositories.file.algorithm", CiphersText.SymmetricAlgorithmUnknown(algorithm, SymmetricSecretCipher.AcceptedAlgorithms)));
        }
        else if (accepted != SymmetricSecretCipher.GcmAlgorithm)
        {
            problems.Add(Warning(display, "secretRepositories.file.algorithm", VerificationText.VerifySymmetricEcb(accepted)));
        }

        if (vault.EncryptionMode == VaultEncryptionMode.Symmetric && vault.KeystoreType is { } type && type != "PKCS12")
        {
            problems.Add(Error(display, "keystore.identity.type", VaultText.VerifySymmetricNeedsPkcs12(type)));
        }

        if (vault.EncryptionMode == VaultEncryptionMode.KeyBased && string.IsNullOrWhiteSpace(vault.KeyBasedSecretProvider) && !string.IsNullOrEmpty(vault.KeyBasedPassword))
        {
            problems.Add(Warning(display, "key.based.password", VerificationText.VerifyKeyBasedKeyInFile));
        }
    }

    private static Problem Error(string path, string subject, string message) => new(ProblemSeverity.Error, path, 0, 0, subject, message);

    private static Problem Warning(string path, string subject, string message) => new(ProblemSeverity.Warning, path, 0, 0, subject, message);
}
