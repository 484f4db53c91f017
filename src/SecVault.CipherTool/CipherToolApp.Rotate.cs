using SecVault.Ciphers;
using SecVault.Home;
using SecVault.Hosting;
using SecVault.Keystores;
using SecVault.Passwords;
using SecVault.Placeholders;
using SecVault.Vault;

namespace SecVault.CipherTool;

/// <summary>
/// <c>ciphertool -Drotate</c>: the secrets of the old key (<c>-Dold.alias</c>, optionally of <c>-Dold.keystore</c> and of
/// the other mode, <c>-Dold.mode</c>) moved to the key the keystore settings select.
/// </summary>
internal static partial class CipherToolApp
{
    private static int RotateToRsa(IConsole console, Options options, VaultTarget target, VariableSources sources, VaultKey key, VaultPasswords passwords, OldKeyInput input, TimeProvider time)
    {
        using var old = OpenOldKey(console, options, target, passwords, input);
        return Rotate(console, target, sources, old, time, (current, now) => ConfigureOperation.PrepareRotation(current, old, key, passwords.Key, options.Transformation, now));
    }

    /// <summary>Re-reads the target under the lock, prepares the rotation with <paramref name="prepare"/>, writes it and reports.</summary>
    private static int Rotate(IConsole console, VaultTarget target, VariableSources sources, RotationSource old, TimeProvider time, Func<VaultTarget, DateTimeOffset, ConfigureOperation> prepare)
    {
        ConfigureOperation operation;
        using (Lock(target))
        {
            operation = prepare(VaultTarget.Load(target.Home, target.DeploymentTomlPath, sources, selectKeystore: true), time.GetUtcNow());
            foreach (var warning in operation.Warnings)
            {
                Warning(console, warning.ToString());
            }

            foreach (var warning in operation.Commit())
            {
                Warning(console, warning);
            }
        }

        Info(console, operation.RotationSummary(old));
        return 0;
    }

    /// <summary>
    /// Opens the old key: in <c>-Dold.keystore</c> (with its own password, and its own key password with
    /// <c>-Dold.key.password</c>) or the vault's keystore (with <paramref name="vault"/>'s passwords: a key of the vault's
    /// keystore opens with the vault key's password, the store password unless <c>-Dkey.password=true</c> gave another), at <c>-Dold.alias</c>
    /// (default: the new alias), of <c>-Dold.mode</c> (default: the new mode), with the algorithm secret-conf.properties
    /// names for that mode. The old keystore's password not settled at the start is asked on the terminal now.
    /// </summary>
    private static RotationSource OpenOldKey(IConsole console, Options options, VaultTarget target, VaultPasswords vault, OldKeyInput input)
    {
        var mode = options.OldMode ?? (options.EncryptionMode == VaultEncryptionMode.Asymmetric ? VaultEncryptionMode.Asymmetric : VaultEncryptionMode.Symmetric);
        KeystorePassword? prompted = null;
        try
        {
            Keystore keystore;
            ReadOnlySpan<char> keyPassword;
            if (options.OldKeystore is null)
            {
                keystore = Keystore.Load(target.Keystore.Path, vault.Store, target.Keystore.Type);
                keyPassword = vault.Key;
            }
            else
            {
                var path = Path.GetFullPath(options.OldKeystore, Path.GetFullPath(input.CurrentFolder));
                Keystore.RequireFile(path);
                var password = input.Password ?? (prompted = OldPrompt(console).GetPassword(OldRequest(options, path))!);
                keystore = Keystore.Load(path, password.Store, options.OldKeystoreType);
                keyPassword = password.Key;
            }

            var alias = options.OldAlias ?? target.Keystore.Alias;
            var configured = RotationSource.ConfiguredAlgorithm(target, mode);
            Info(console, CipherToolText.UsingOldKey(keystore.Path, keystore.Type.ToJavaName(), alias, mode == VaultEncryptionMode.Asymmetric ? "RSA" : "AES"));
            if (mode == VaultEncryptionMode.Asymmetric)
            {
                // secret-conf.properties says how the old values were made; without it, the transformation of this run.
                var transformation = configured is not null ? Transformation.Parse(configured)
                    : options.EncryptionMode == VaultEncryptionMode.Asymmetric ? options.Transformation : Transformation.Default;
                return RotationSource.OpenRsa(keystore, alias, keyPassword, transformation);
            }

            var algorithm = configured is not null ? SymmetricSecretCipher.ParseAlgorithm(configured) : options.SymmetricAlgorithm ?? SymmetricSecretCipher.GcmAlgorithm;
            return RotationSource.OpenSymmetric(keystore, alias, keyPassword, algorithm);
        }
        finally
        {
            prompted?.Dispose();
        }
    }

    /// <summary>
    /// The old keystore's password from the library's old-keystore chain without its prompt: <c>-Dold.password.file</c>,
    /// else the next lines of <c>-Dpassword.stdin</c>, else <c>MI_OLD_KEYSTORE_PASSWORD</c> / <c>MI_OLD_KEY_PASSWORD</c>;
    /// null when none gives it (a terminal is then asked, last).
    /// </summary>
    private static KeystorePassword? ReadOldPassword(Options options, IConsole console, IEnvironment environment, string currentFolder)
    {
        var file = options.OldPasswordFile is null ? null : Path.GetFullPath(options.OldPasswordFile, Path.GetFullPath(currentFolder));
        return PasswordSourceChain.OldKeystore(file, options.PasswordFromStdin ? console.StdIn : null, environment, prompt: null)
            .TryGetPassword(OldRequest(options, options.OldKeystore!));
    }

    private static PasswordRequest OldRequest(Options options, string path) => new(path, options.OldKeyPassword);

    private static PromptPasswordSource OldPrompt(IConsole console) => new(console, CipherToolText.OldPasswordPrompt, CipherToolText.OldKeyPasswordPrompt);

    /// <summary>The vault keystore's store password and its key's password (the same array when the key has no password of its own); owned by the caller.</summary>
    private sealed record VaultPasswords(char[] Store, char[] Key);

    /// <summary>What the old key's opening needs from the start of the run: the old password settled then (owned by the caller), and the folder relative paths start from.</summary>
    private sealed record OldKeyInput(KeystorePassword? Password, string CurrentFolder);
}
