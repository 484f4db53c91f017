using System.Security.Cryptography;
using SecVault.Ciphers;
using SecVault.Diagnostics;
using SecVault.Home;
using SecVault.Keystores;
using SecVault.Passwords;

namespace SecVault.Resolution;

/// <summary>
/// The identity key of an MI home's secure vault, opened lazily and at most once: the vault configuration is read,
/// then a password is asked of the sources and the keystore opened. A failure is kept and thrown again, so a
/// password is never asked twice.
/// </summary>
internal sealed partial class IdentityKey : IDisposable
{
    private readonly MiHome _home;
    private readonly IPasswordSource _passwords;
    private readonly bool _separateKeyPassword;
    private readonly bool _diagnosePadding;
    private readonly Lock _gate = new();
    private readonly Lazy<(VaultConfiguration? Vault, Exception? Error)> _vault;
    private (RSA Key, KeystoreEntry Entry)? _key;
    private Exception? _keyError;

    public IdentityKey(MiHome home, IPasswordSource passwords, bool separateKeyPassword, bool diagnosePadding = false)
    {
        _home = home;
        _passwords = passwords;
        _separateKeyPassword = separateKeyPassword;
        _diagnosePadding = diagnosePadding;
        _vault = new Lazy<(VaultConfiguration?, Exception?)>(ReadVault);
    }

    public static string VaultDisplayPath => VaultConfiguration.RelativePath;

    /// <summary>The vault configuration, or null when the file does not exist; throws when it cannot be read.</summary>
    public VaultConfiguration? Vault
    {
        get
        {
            var (vault, error) = _vault.Value;
            return error is not null ? throw Rethrow(error) : vault;
        }
    }

    /// <summary>True once the keystore was opened (or failed to open).</summary>
    public bool Opened
    {
        get
        {
            lock (_gate)
            {
                return _key is not null || _keyError is not null;
            }
        }
    }

    /// <summary>Throws a <see cref="VaultException"/> unless the vault is configured for the file repository.</summary>
    public VaultConfiguration RequireConfigured()
    {
        var vault = Vault ?? throw new VaultException(DiagnosticsText.VaultNotConfiguredMissing, DiagnosticsText.VaultNotConfiguredHint, VaultDisplayPath);
        if (!vault.Enabled)
        {
            throw new VaultException(DiagnosticsText.VaultNotConfiguredDisabled, DiagnosticsText.VaultNotConfiguredHint, VaultDisplayPath);
        }

        if (!vault.Repositories.Contains("file", StringComparer.Ordinal))
        {
            throw new VaultException(DiagnosticsText.VaultNotConfiguredNoFile, DiagnosticsText.VaultNotConfiguredHint, VaultDisplayPath);
        }

        return vault;
    }

    /// <summary>A decryptor for <paramref name="transformation"/>, diagnosing padding as configured; opens the keystore on first use.</summary>
    public SecretDecryptor Decryptor(Transformation transformation, string settingSource)
    {
        var (key, entry) = Open();
        return new SecretDecryptor(key, transformation, entry.Alias, entry.CertificateSha256, settingSource) { DiagnosePadding = _diagnosePadding };
    }

    /// <summary>The key's entry (alias, fingerprint, size); opens the keystore on first use.</summary>
    public KeystoreEntry Entry => Open().Entry;

    public void Dispose()
    {
        lock (_gate)
        {
            _key?.Key.Dispose();
            _symmetric?.Dispose();
        }
    }

    private (RSA Key, KeystoreEntry Entry) Open()
    {
        lock (_gate)
        {
            if (_key is { } key)
            {
                return key;
            }

            if (_keyError is not null)
            {
                throw Rethrow(_keyError);
            }

            try
            {
                _key = Load();
                return _key.Value;
            }
            catch (SecVaultException ex)
            {
                _keyError = ex;
                throw;
            }
        }
    }

    private (RSA, KeystoreEntry) Load()
    {
        var (path, type, alias) = IdentitySettings(RequireConfigured());
        using var password = _passwords.GetPassword(new PasswordRequest(path, _separateKeyPassword))
            ?? throw new PasswordException(PasswordErrorKind.NotAvailable, PasswordsText.PasswordNotAvailable(path), PasswordsText.PasswordNotAvailableHint);
        var keystore = Keystore.Load(path, password.Store, type);
        var entry = keystore.GetEntry(alias);
        return (entry.GetRsaPrivateKey(password.Key), entry);
    }

    /// <summary>The identity keystore's path (relative locations from the MI home), type and alias; missing or unknown ones throw.</summary>
    private (string Path, KeystoreType Type, string Alias) IdentitySettings(VaultConfiguration vault)
    {
        var location = vault.KeystoreLocation;
        var alias = vault.KeystoreAlias;
        var typeName = vault.KeystoreType;
        if (string.IsNullOrWhiteSpace(location) || string.IsNullOrWhiteSpace(alias) || string.IsNullOrWhiteSpace(typeName))
        {
            throw new VaultException(DiagnosticsText.VaultIdentityIncomplete, DiagnosticsText.VaultNotConfiguredHint, VaultDisplayPath);
        }

        var path = VaultConfiguration.ResolveLocation(location.Trim(), _home.Path);
        return KeystoreTypes.TryParse(typeName, out var type)
            ? (path, type, alias.Trim())
            : throw new VaultException(ResolutionText.UnknownKeystoreType(typeName), path: VaultDisplayPath);
    }

    private (VaultConfiguration?, Exception?) ReadVault()
    {
        var path = Path.Combine(_home.Path, VaultConfiguration.RelativePath);
        if (!File.Exists(path))
        {
            return (null, null);
        }

        try
        {
            return (VaultConfiguration.Read(path, VaultDisplayPath), null);
        }
        catch (SecVaultException ex)
        {
            return (null, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, new VaultException(DiagnosticsText.VaultUnreadable(ex.Message), path: VaultDisplayPath, innerException: ex));
        }
    }

    private static Exception Rethrow(Exception error)
    {
        // Stryker disable once Statement: without it the caller's throw raises the same exception; only its stack trace differs
        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        return error;
    }
}
