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
    private static int RotateToRsa(IConsole console, Options options, VaultTarget target, VariableSources sources, VaultKey key, char[] password, OldKeyInput input, TimeProvider time)
    {
        using var old = OpenOldKey(console, options, target, new string(password), input);
        return old is null ? 1 : Rotate(console, target, sources, old, time, (current, now) => ConfigureOperation.PrepareRotation(current, old, key, password, options.Transformation, now));
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
    /// Opens the old key: in <c>-Dold.keystore</c> (with its own password) or the vault's keystore (with
    /// <paramref name="vaultPassword"/>), at <c>-Dold.alias</c> (default: the new alias), of <c>-Dold.mode</c> (default:
    /// the new mode), with the algorithm secret-conf.properties names for that mode. Null when no old password was entered.
    /// </summary>
    private static RotationSource? OpenOldKey(IConsole console, Options options, VaultTarget target, string vaultPassword, OldKeyInput input)
    {
        var mode = options.OldMode ?? (options.EncryptionMode == VaultEncryptionMode.Asymmetric ? VaultEncryptionMode.Asymmetric : VaultEncryptionMode.Symmetric);
        var password = vaultPassword;
        Keystore keystore;
        if (options.OldKeystore is null)
        {
            keystore = Keystore.Load(target.Keystore.Path, password, target.Keystore.Type);
        }
        else
        {
            var path = Path.GetFullPath(options.OldKeystore, Path.GetFullPath(input.CurrentFolder));
            Keystore.RequireFile(path);
            var entered = input.Password ?? console.ReadHidden(CipherToolText.OldPasswordPrompt);
            if (string.IsNullOrEmpty(entered))
            {
                Error(console, CipherToolText.NoOldPasswordEntered, CipherToolText.NoOldPasswordHint);
                return null;
            }

            password = entered;
            keystore = Keystore.Load(path, password, options.OldKeystoreType);
        }

        var alias = options.OldAlias ?? target.Keystore.Alias;
        var configured = RotationSource.ConfiguredAlgorithm(target, mode);
        Info(console, CipherToolText.UsingOldKey(keystore.Path, keystore.Type.ToJavaName(), alias, mode == VaultEncryptionMode.Asymmetric ? "RSA" : "AES"));
        if (mode == VaultEncryptionMode.Asymmetric)
        {
            // secret-conf.properties says how the old values were made; without it, the transformation of this run.
            var transformation = configured is not null ? Transformation.Parse(configured)
                : options.EncryptionMode == VaultEncryptionMode.Asymmetric ? options.Transformation : Transformation.Default;
            return RotationSource.OpenRsa(keystore, alias, password, transformation);
        }

        var algorithm = configured is not null ? SymmetricSecretCipher.ParseAlgorithm(configured) : options.SymmetricAlgorithm ?? SymmetricSecretCipher.GcmAlgorithm;
        return RotationSource.OpenSymmetric(keystore, alias, password, algorithm);
    }

    /// <summary>
    /// The old keystore's password from <c>-Dold.password.file</c>, else the second line of <c>-Dpassword.stdin</c>, else
    /// <c>MI_OLD_KEYSTORE_PASSWORD</c>; null when none gives it (a terminal is then asked).
    /// </summary>
    private static string? ReadOldPassword(Options options, IConsole console, IEnvironment environment, string currentFolder)
    {
        if (options.OldPasswordFile is not null)
        {
            using var fromFile = PasswordFileSource.ReadFile(Path.GetFullPath(options.OldPasswordFile, Path.GetFullPath(currentFolder)));
            return new string(fromFile.Store);
        }

        if (options.PasswordFromStdin)
        {
            var line = console.StdIn.ReadLine();
            if (!string.IsNullOrEmpty(line))
            {
                return line.EndsWith('\r') ? line[..^1] : line;
            }
        }

        var variable = environment.GetVariable(CipherToolText.OldPasswordEnvironment);
        return string.IsNullOrEmpty(variable) ? null : variable;
    }

    /// <summary>What the old key's opening needs from the start of the run: the old password settled then, and the folder relative paths start from.</summary>
    private sealed record OldKeyInput(string? Password, string CurrentFolder);
}
