using System.Security.Cryptography;
using SecVault.Ciphers;
using SecVault.Diagnostics;
using SecVault.Home;
using SecVault.Keystores;
using SecVault.Passwords;

namespace SecVault.Resolution;

/// <summary>The AES key of a symmetric vault (both securevault 1.2.1 modes), opened lazily and at most once.</summary>
internal sealed partial class IdentityKey
{
    private SymmetricSecretCipher? _symmetric;
    private Exception? _symmetricError;

    /// <summary>The decryptor of the vault's mode: RSA with the identity key, or AES; opens the key on first use.</summary>
    public ISecretDecryptor VaultDecryptor(string settingSource)
    {
        var vault = RequireConfigured();
        return vault.EncryptionMode == VaultEncryptionMode.Asymmetric
            ? Decryptor(Transformation.Parse(vault.FileAlgorithm ?? Transformation.Rsa.Name), settingSource)
            : Symmetric(vault, settingSource);
    }

    /// <summary>Opens the key the vault's mode uses (for verify); throws what opening it throws.</summary>
    public void OpenVaultKey()
    {
        var vault = RequireConfigured();
        if (vault.EncryptionMode == VaultEncryptionMode.Asymmetric)
        {
            _ = Entry;
        }
        else
        {
            _ = Symmetric(vault, Path.GetFileName(VaultDisplayPath));
        }
    }

    private SymmetricSecretCipher Symmetric(VaultConfiguration vault, string settingSource)
    {
        lock (_gate)
        {
            if (_symmetric is not null)
            {
                return _symmetric;
            }

            if (_symmetricError is not null)
            {
                throw Rethrow(_symmetricError);
            }

            try
            {
                _symmetric = LoadSymmetric(vault, settingSource);
                return _symmetric;
            }
            catch (SecVaultException ex)
            {
                _symmetricError = ex;
                throw;
            }
        }
    }

    private SymmetricSecretCipher LoadSymmetric(VaultConfiguration vault, string settingSource)
    {
        var algorithm = vault.EffectiveAlgorithm;
        if (SymmetricSecretCipher.TryParseAlgorithm(algorithm) is null)
        {
            throw new VaultException(CiphersText.SymmetricAlgorithmUnknown(algorithm, SymmetricSecretCipher.AcceptedAlgorithms), path: VaultDisplayPath);
        }

        var (key, keyName) = vault.EncryptionMode == VaultEncryptionMode.KeyBased ? KeyBasedKey(vault) : KeystoreSecretKey(vault);
        try
        {
            return new SymmetricSecretCipher(key, algorithm, keyName, settingSource);
        }
        // Stryker disable once Block,Statement: hygiene; the cipher keeps its own copy and no caller can see this buffer
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private (byte[] Key, string Name) KeyBasedKey(VaultConfiguration vault)
    {
        const string name = "key.based.password";
        var configured = vault.KeyBasedPassword;
        if (string.IsNullOrEmpty(configured))
        {
            throw new VaultException(ResolutionText.KeyBasedPasswordMissing, DiagnosticsText.VaultNotConfiguredHint, VaultDisplayPath);
        }

        if (string.IsNullOrWhiteSpace(vault.KeyBasedSecretProvider))
        {
            // The key is written in secret-conf.properties itself; verify warns about that.
            return (SymmetricSecretCipher.KeyFromText(configured, name), name);
        }

        // MI's callback handler answers this id with the keystore password: the password file, the console.
        using var password = _passwords.GetPassword(new PasswordRequest(ResolutionText.KeyBasedKeySource, false))
            ?? throw new PasswordException(PasswordErrorKind.NotAvailable, PasswordsText.PasswordNotAvailable(ResolutionText.KeyBasedKeySource), PasswordsText.PasswordNotAvailableHint);
        return (SymmetricSecretCipher.KeyFromText(password.Store, name), ResolutionText.KeyBasedKeySource);
    }

    private (byte[] Key, string Name) KeystoreSecretKey(VaultConfiguration vault)
    {
        var (path, type, alias) = IdentitySettings(vault);
        using var password = _passwords.GetPassword(new PasswordRequest(path, _separateKeyPassword))
            ?? throw new PasswordException(PasswordErrorKind.NotAvailable, PasswordsText.PasswordNotAvailable(path), PasswordsText.PasswordNotAvailableHint);
        var keystore = Keystore.Load(path, password.Store, type);
        var entry = keystore.GetEntry(alias);
        if (entry.Kind != KeystoreEntryKind.SecretKey)
        {
            throw new VaultException(ResolutionText.SymmetricAliasNotSecretKey(alias, path), ResolutionText.SymmetricAliasNotSecretKeyHint, VaultDisplayPath);
        }

        // securevault 1.2.1 recovers the secret key with the store password.
        using var material = entry.GetSecretKey(password.Store);
        if (material.Algorithm != "AES")
        {
            throw new VaultException(ResolutionText.SymmetricKeyNotAes(alias, path, material.Algorithm), path: VaultDisplayPath);
        }

        return (material.Key.ToArray(), $"'{entry.Alias}' of {path}");
    }
}
