using SecVault.Ciphers;
using SecVault.Home;
using SecVault.Hosting;
using SecVault.Placeholders;
using SecVault.Vault;

namespace SecVault.CipherTool;

/// <summary><c>ciphertool -Drotate -Dold.alias=A</c>: the secrets of the key at A moved to the key the keystore settings select.</summary>
internal static partial class CipherToolApp
{
    private static int Rotate(IConsole console, VaultTarget target, VariableSources sources, VaultKey key, char[] password, Options options, TimeProvider time)
    {
        var oldEntry = key.Keystore.GetEntry(options.OldAlias!);
        using var oldPrivate = oldEntry.GetRsaPrivateKey(password);
        var oldDecryptor = new SecretDecryptor(oldPrivate, options.Transformation, oldEntry.Alias, oldEntry.CertificateSha256, Messages.TheTransformationInUse);
        var newDecryptor = key.CreateDecryptor(password, options.Transformation, Messages.TheTransformationInUse, diagnosePadding: false, out var newPrivate);
        using (newPrivate)
        {
            var encryptor = key.CreateEncryptor(options.Transformation);
            var selection = key.Selection;
            var secretConf = VaultConfiguration.Entries(target.Home.Path, selection.Path, selection.Type, selection.Alias, options.Transformation);
            return Rotate(console, target, sources, options, oldDecryptor, (bytes, alias) => encryptor.Encrypt(bytes, alias), newDecryptor, secretConf, time, selectKeystore: true);
        }
    }

    private static int Rotate(
        IConsole console,
        VaultTarget target,
        VariableSources sources,
        Options options,
        ISecretDecryptor oldKey,
        Func<byte[], string, string> encryptNew,
        ISecretDecryptor newKey,
        IReadOnlyList<KeyValuePair<string, string>> secretConf,
        TimeProvider time,
        bool selectKeystore)
    {
        var newAlias = target.Keystore.Alias;
        if (string.Equals(newAlias, options.OldAlias, StringComparison.OrdinalIgnoreCase))
        {
            Error(console, Messages.RotateSameAlias(newAlias), null);
            return 1;
        }

        ConfigureOperation operation;
        using (Lock(target))
        {
            var current = VaultTarget.Load(target.Home, target.DeploymentTomlPath, sources, selectKeystore);
            operation = ConfigureOperation.PrepareRotation(current, oldKey, encryptNew, newKey, secretConf, time.GetUtcNow());
            foreach (var warning in operation.Warnings)
            {
                Warning(console, warning.ToString());
            }

            foreach (var warning in operation.Commit())
            {
                Warning(console, warning);
            }
        }

        Info(console, Messages.RotateSummary(operation.EncryptedAliases.Count, options.OldAlias!, newAlias, operation.Dynamic));
        return 0;
    }
}
