using System.Security.Cryptography;
using SecVault.Ciphers;
using SecVault.Home;
using SecVault.Hosting;
using SecVault.Keystores;
using SecVault.Placeholders;
using SecVault.Vault;

namespace SecVault.CipherTool;

/// <summary><c>ciphertool -Dsymmetric</c>: the AES key of a PKCS12 secret-key entry, or with <c>-Dkey.based.encryption=true</c> a given key.</summary>
internal static partial class CipherToolApp
{
    private static int ExecuteSymmetric(Options options, IConsole console, MiHome home, VariableSources sources, string tomlPath, string? password, OldKeyInput oldKeyInput, TimeProvider time)
    {
        if (options.Mode == CipherToolMode.Change)
        {
            Error(console, CipherToolText.SymmetricChangeUnsupported, CipherToolText.SymmetricChangeUnsupportedHint);
            return 1;
        }

        var keyBased = options.EncryptionMode == VaultEncryptionMode.KeyBased;
        if (keyBased && options.Mode == CipherToolMode.Rotate)
        {
            Error(console, CipherToolText.RotateKeyBasedUnsupported, null);
            return 1;
        }

        var algorithm = options.SymmetricAlgorithm!;
        var target = VaultTarget.Load(home, tomlPath, sources, selectKeystore: !keyBased);
        SymmetricSecretCipher cipher;
        IReadOnlyList<KeyValuePair<string, string>> secretConf;
        if (keyBased)
        {
            Info(console, CipherToolText.UsingKeyBasedKey);
            // Values encrypted with a mistyped key could not be decrypted by anyone: asked twice.
            password ??= AskNewValue(console, CipherToolText.EncryptionKeyPrompt, CipherToolText.EncryptionKeyAgainPrompt);

            var key = SymmetricSecretCipher.KeyFromText(password, CipherToolText.TheEncryptionKey);
            try
            {
                cipher = new SymmetricSecretCipher(key, algorithm, CipherToolText.TheEncryptionKey);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(key);
            }

            secretConf = VaultConfiguration.KeyBasedEntries(cipher.Algorithm);
        }
        else
        {
            var selection = target.Keystore;
            Info(console, CipherToolText.UsingKeystore(selection.Role, selection.ConfiguredLocation, selection.Type.ToJavaName(), selection.Alias));
            password ??= AskPassword(console, selection);

            var keystore = Keystore.Load(selection.Path, password, selection.Type);
            cipher = VaultKey.OpenSymmetric(keystore, selection.Alias, selection.ConfiguredLocation, password, algorithm, out var warnings);
            foreach (var warning in warnings)
            {
                Warning(console, warning);
            }

            secretConf = VaultConfiguration.SymmetricEntries(home.Path, selection.Path, keystore.Type, selection.Alias, cipher.Algorithm);
        }

        using (cipher)
        {
            if (options.Mode == CipherToolMode.Rotate)
            {
                var passwordChars = password.ToCharArray();
                try
                {
                    using var old = OpenOldKey(console, options, target, new VaultPasswords(passwordChars, passwordChars), oldKeyInput);
                    return Rotate(console, target, sources, old, time, (current, now) => ConfigureOperation.PrepareSymmetricRotation(current, old, cipher, secretConf, now));
                }
                finally
                {
                    Array.Clear(passwordChars);
                }
            }

            if (options.Mode != CipherToolMode.Configure)
            {
                return SingleValue(console, value => VaultKey.EncryptValue(cipher, value));
            }

            ConfigureOperation operation;
            using (Lock(target))
            {
                // Read again under the lock: another SecVault writer may have finished while the key was typed.
                var current = VaultTarget.Load(target.Home, target.DeploymentTomlPath, sources, selectKeystore: !keyBased);
                operation = ConfigureOperation.PrepareSymmetric(current, cipher, secretConf, time.GetUtcNow());
                foreach (var warning in operation.Warnings)
                {
                    Warning(console, warning.ToString());
                }

                operation.Commit();
            }

            Info(console, operation.Summary);
            return 0;
        }
    }
}
