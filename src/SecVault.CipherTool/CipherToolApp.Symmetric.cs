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
    /// <summary>
    /// The AES key at <paramref name="alias"/>, recovered with the store password as securevault 1.2.1 does; an entry
    /// that is not an AES secret key throws.
    /// </summary>
    private static SymmetricSecretCipher AesKeyAt(Keystore keystore, string alias, string location, string password, string algorithm)
    {
        var entry = keystore.GetEntry(alias);
        if (entry.Kind != KeystoreEntryKind.SecretKey)
        {
            throw new VaultException(Messages.CipherToolAliasNotSecretKey(alias, location), Messages.SymmetricAliasNotSecretKeyHint);
        }

        using var material = entry.GetSecretKey(password);
        return material.Algorithm == "AES"
            ? new SymmetricSecretCipher(material.Key, algorithm, $"'{entry.Alias}'")
            : throw new VaultException(Messages.SymmetricKeyNotAes(alias, location, material.Algorithm));
    }

    private static int ExecuteSymmetric(Options options, IConsole console, MiHome home, VariableSources sources, string tomlPath, string? password, TimeProvider time)
    {
        if (options.Mode == CipherToolMode.Change)
        {
            Error(console, Messages.SymmetricChangeUnsupported, Messages.SymmetricChangeUnsupportedHint);
            return 1;
        }

        var keyBased = options.EncryptionMode == VaultEncryptionMode.KeyBased;
        if (keyBased && options.Mode == CipherToolMode.Rotate)
        {
            Error(console, Messages.RotateKeyBasedUnsupported, null);
            return 1;
        }

        var algorithm = options.SymmetricAlgorithm!;
        var target = VaultTarget.Load(home, tomlPath, sources, selectKeystore: !keyBased);
        SymmetricSecretCipher cipher;
        IReadOnlyList<KeyValuePair<string, string>> secretConf;
        if (keyBased)
        {
            Info(console, Messages.UsingKeyBasedKey);
            password ??= console.ReadHidden(Messages.EncryptionKeyPrompt);
            if (string.IsNullOrEmpty(password))
            {
                Error(console, Messages.NoEncryptionKeyEntered, null);
                return 1;
            }

            var key = SymmetricSecretCipher.KeyFromText(password, Messages.TheEncryptionKey);
            try
            {
                cipher = new SymmetricSecretCipher(key, algorithm, Messages.TheEncryptionKey);
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
            Info(console, VaultText.UsingKeystore(selection.Role, selection.ConfiguredLocation, selection.Type.ToJavaName(), selection.Alias));
            password ??= console.ReadHidden(VaultText.PasswordPrompt(selection.Role));
            if (password is null)
            {
                Error(console, CipherToolText.NoPasswordEntered, null);
                return 1;
            }

            var keystore = Keystore.Load(selection.Path, password, selection.Type);
            cipher = AesKeyAt(keystore, selection.Alias, selection.ConfiguredLocation, password, algorithm);

            if (keystore.Type != KeystoreType.Pkcs12)
            {
                Warning(console, Messages.VerifySymmetricNeedsPkcs12(keystore.Type.ToJavaName()));
            }

            secretConf = VaultConfiguration.SymmetricEntries(home.Path, selection.Path, keystore.Type, selection.Alias, cipher.Algorithm);
        }

        using (cipher)
        {
            if (options.Mode == CipherToolMode.Rotate)
            {
                using var old = AesKeyAt(Keystore.Load(target.Keystore.Path, password, target.Keystore.Type), options.OldAlias!, target.Keystore.ConfiguredLocation, password, algorithm);
                return Rotate(console, target, sources, options.OldAlias!, time, (current, now) => ConfigureOperation.PrepareSymmetricRotation(current, old, options.OldAlias!, cipher, secretConf, now));
            }

            if (options.Mode != CipherToolMode.Configure)
            {
                return SingleValue(console, value => value.Length == 0
                    ? throw new VaultException(Messages.EmptyValue, kind: VaultErrorKind.EmptyValue)
                    : ConfigureOperation.EncryptChecked(cipher, value, Messages.SingleValueAlias));
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
