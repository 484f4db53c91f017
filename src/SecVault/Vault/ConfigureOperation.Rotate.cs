using System.Security.Cryptography;
using System.Text;
using SecVault.Ciphers;
using SecVault.Home;
using SecVault.IO;
using SecVault.Toml;

namespace SecVault.Vault;

/// <summary><c>ciphertool -Drotate -Dold.alias=A</c>: every encrypted [secrets] value moved from the old key to the new one.</summary>
public sealed partial class ConfigureOperation
{
    /// <summary>
    /// Prepares the rotation of an RSA vault: every encrypted [secrets] value is decrypted with the private key at
    /// <paramref name="oldAlias"/> (in the same keystore, unlocked with <paramref name="storePassword"/>) and encrypted
    /// for the key the keystore settings select (<paramref name="key"/>); secret-conf.properties then names the new
    /// alias. Each new ciphertext is decrypted with the new private key and compared first; one failure throws and
    /// nothing is written. Nothing is written until <see cref="Commit"/>.
    /// </summary>
    /// <exception cref="VaultException"><paramref name="oldAlias"/> is the alias the settings already select.</exception>
    public static ConfigureOperation PrepareRotation(VaultTarget target, VaultKey key, ReadOnlySpan<char> storePassword, string oldAlias, Transformation transformation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(transformation);
        RequireNewAlias(target, oldAlias);
        using var oldKey = RotationSource.OpenRsa(key.Keystore, oldAlias, storePassword, transformation);
        return PrepareRotation(target, oldKey, key, storePassword, transformation, now);
    }

    /// <summary>
    /// Prepares the rotation of a vault to RSA from <paramref name="oldKey"/>, which may be an RSA or an AES key and may
    /// lie in another keystore: every encrypted [secrets] value is decrypted with it, encrypted for
    /// <paramref name="key"/> (the key the keystore settings select, its private key unlocked with
    /// <paramref name="keyPassword"/> for the check) with <paramref name="transformation"/>, and decrypted again and
    /// compared; one failure throws and nothing is written. secret-conf.properties then describes the new RSA vault.
    /// </summary>
    /// <exception cref="VaultException"><paramref name="oldKey"/> is the key the vault already uses.</exception>
    public static ConfigureOperation PrepareRotation(VaultTarget target, RotationSource oldKey, VaultKey key, ReadOnlySpan<char> keyPassword, Transformation transformation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(oldKey);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(transformation);
        RequireNewKey(target, oldKey, VaultEncryptionMode.Asymmetric);
        // Stryker disable once Boolean: triage only asks whether the new key decrypts, and a ciphertext it just made always does: no diagnosis is shown.
        var newDecryptor = key.CreateDecryptor(keyPassword, transformation, VaultText.TheTransformationInUse, diagnosePadding: false, out var newPrivate);
        using (newPrivate)
        {
            var encryptor = key.CreateEncryptor(transformation);
            var selection = key.Selection;
            var secretConf = VaultConfiguration.Entries(target.Home.Path, selection.Path, selection.Type, selection.Alias, transformation);
            return PrepareRotation(target, oldKey.Decryptor, (bytes, alias) => encryptor.Encrypt(bytes, alias), newDecryptor, secretConf, now);
        }
    }

    /// <summary>
    /// Prepares the rotation of a symmetric vault from <paramref name="oldKey"/> (at <paramref name="oldAlias"/>) to
    /// <paramref name="newKey"/>, the AES key the keystore settings select, with the same checks as the RSA rotation;
    /// <paramref name="secretConf"/> comes from <see cref="VaultConfiguration.SymmetricEntries"/>.
    /// </summary>
    /// <exception cref="VaultException"><paramref name="oldAlias"/> is the alias the settings already select.</exception>
    public static ConfigureOperation PrepareSymmetricRotation(
        VaultTarget target,
        SymmetricSecretCipher oldKey,
        string oldAlias,
        SymmetricSecretCipher newKey,
        IReadOnlyList<KeyValuePair<string, string>> secretConf,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(oldKey);
        ArgumentNullException.ThrowIfNull(newKey);
        RequireNewAlias(target, oldAlias);
        return PrepareRotation(target, oldKey, (bytes, _) => newKey.Encrypt(bytes), newKey, secretConf, now);
    }

    /// <summary>
    /// Prepares the rotation of a vault to AES from <paramref name="oldKey"/>, which may be an RSA or an AES key and may
    /// lie in another keystore, to <paramref name="newKey"/>, the AES key the keystore settings select, with the same
    /// checks as the RSA rotation; <paramref name="secretConf"/> comes from <see cref="VaultConfiguration.SymmetricEntries"/>.
    /// </summary>
    /// <exception cref="VaultException"><paramref name="oldKey"/> is the key the vault already uses.</exception>
    public static ConfigureOperation PrepareSymmetricRotation(
        VaultTarget target,
        RotationSource oldKey,
        SymmetricSecretCipher newKey,
        IReadOnlyList<KeyValuePair<string, string>> secretConf,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(oldKey);
        ArgumentNullException.ThrowIfNull(newKey);
        RequireNewKey(target, oldKey, VaultEncryptionMode.Symmetric);
        return PrepareRotation(target, oldKey.Decryptor, (bytes, _) => newKey.Encrypt(bytes), newKey, secretConf, now);
    }

    /// <summary>The one-line summary of a rotation from <paramref name="oldAlias"/>, for stderr.</summary>
    public string RotationSummary(string oldAlias) => VaultText.RotateSummary(EncryptedAliases.Count, $"'{oldAlias}'", _target.Keystore.Alias, Dynamic);

    /// <summary>The one-line summary of a rotation from <paramref name="oldKey"/> (naming its keystore when it is another one), for stderr.</summary>
    public string RotationSummary(RotationSource oldKey)
    {
        ArgumentNullException.ThrowIfNull(oldKey);
        return VaultText.RotateSummary(EncryptedAliases.Count, oldKey.Describe(_target), _target.Keystore.Alias, Dynamic);
    }

    private static void RequireNewAlias(VaultTarget target, string oldAlias)
    {
        ArgumentException.ThrowIfNullOrEmpty(oldAlias);
        if (string.Equals(target.Keystore.Alias, oldAlias, StringComparison.OrdinalIgnoreCase))
        {
            throw new VaultException(VaultText.RotateSameAlias(target.Keystore.Alias));
        }
    }

    private static void RequireNewKey(VaultTarget target, RotationSource oldKey, VaultEncryptionMode newMode)
    {
        if (oldKey.IsKeyOf(target, newMode))
        {
            throw new VaultException(VaultText.RotateSameKey(oldKey.Alias));
        }
    }

    /// <summary>
    /// Decrypts every encrypted [secrets] value with <paramref name="oldKey"/>, encrypts it (and every plain-text
    /// marker) with <paramref name="encryptNew"/>, and checks that each new ciphertext decrypts with
    /// <paramref name="newKey"/> to the same bytes; any failure throws and nothing is written. Dynamic values are left
    /// as they are, with a warning. Nothing is written until <see cref="Commit"/>.
    /// </summary>
    internal static ConfigureOperation PrepareRotation(
        VaultTarget target,
        ISecretDecryptor oldKey,
        Func<byte[], string, string> encryptNew,
        ISecretDecryptor newKey,
        IReadOnlyList<KeyValuePair<string, string>> secretConf,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(oldKey);
        ArgumentNullException.ThrowIfNull(encryptNew);
        ArgumentNullException.ThrowIfNull(newKey);
        ArgumentNullException.ThrowIfNull(secretConf);

        var (plain, encrypted, dynamic, warnings) = Classify(target);
        var replacements = new List<LiteralReplacement>(plain.Count + encrypted.Count);
        var kept = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in plain)
        {
            var bytes = Encoding.UTF8.GetBytes(entry.PlainText!);
            try
            {
                replacements.Add(new LiteralReplacement(entry.LiteralSpan, EncryptChecked(bytes, entry.Alias, encryptNew, newKey), ReplacementStyle.KeepQuoting));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(bytes);
            }
        }

        // Every value is placed first (still under the old key, or already moved by a run that stopped between its two
        // files); a value both keys decrypt takes the standing the file's other values plainly have.
        var standings = new RotationStanding[encrypted.Count];
        var oldPlain = new byte[]?[encrypted.Count];
        try
        {
            for (var i = 0; i < encrypted.Count; i++)
            {
                standings[i] = RotationTriage.Classify(oldKey, newKey, encrypted[i].Value!, encrypted[i].Alias, out oldPlain[i]);
            }

            var resolved = RotationTriage.Resolve(standings);
            for (var i = 0; i < encrypted.Count; i++)
            {
                var entry = encrypted[i];
                var standing = standings[i] != RotationStanding.Both ? standings[i]
                    : resolved ?? throw new VaultException(
                        VaultText.RotateAmbiguous(target.Document.DisplayPath, entry.Line, entry.Alias), VaultText.RotateAmbiguousHint,
                        target.Document.DisplayPath, kind: VaultErrorKind.Configuration, alias: entry.Alias, line: entry.Line, column: entry.Column);
                if (standing == RotationStanding.New)
                {
                    kept.Add(entry.Alias);
                    continue;
                }

                replacements.Add(new LiteralReplacement(entry.LiteralSpan, EncryptChecked(oldPlain[i]!, entry.Alias, encryptNew, newKey), ReplacementStyle.KeepQuoting));
            }
        }
        finally
        {
            foreach (var bytes in oldPlain)
            {
                if (bytes is not null)
                {
                    CryptographicOperations.ZeroMemory(bytes);
                }
            }
        }

        if (dynamic > 0)
        {
            warnings.Add(Warning(target.Document.DisplayPath, 0, 0, "secrets", VaultText.RotateDynamicLeft(dynamic)));
        }

        if (kept.Count > 0)
        {
            warnings.Add(Warning(target.Document.DisplayPath, 0, 0, "secrets", VaultText.RotateAlreadyRotated(kept.Count)));
        }

        var newToml = replacements.Count > 0 ? target.Document.Rewrite(replacements) : null;
        var existing = File.Exists(target.SecretConfPath) ? FileSnapshot.Read(target.SecretConfPath) : null;
        var newConf = VaultConfiguration.Render(secretConf, now, existing?.Content);
        return new ConfigureOperation(target, WriteAll(newToml), newConf, existing, [.. plain.Concat(encrypted).OrderBy(p => p.Line).Select(p => p.Alias).Where(a => !kept.Contains(a))], 0, dynamic, warnings);
    }
}
