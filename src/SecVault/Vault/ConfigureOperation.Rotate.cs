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
        foreach (var entry in plain.Concat(encrypted))
        {
            var bytes = entry.Class == SecretClass.Plain ? Encoding.UTF8.GetBytes(entry.PlainText!) : oldKey.Decrypt(entry.Value!, entry.Alias);
            try
            {
                replacements.Add(new LiteralReplacement(entry.LiteralSpan, EncryptChecked(bytes, entry.Alias, encryptNew, newKey), ReplacementStyle.KeepQuoting));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(bytes);
            }
        }

        if (dynamic > 0)
        {
            warnings.Add(Warning(target.Document.DisplayPath, 0, 0, "secrets", Messages.RotateDynamicLeft(dynamic)));
        }

        var newToml = replacements.Count > 0 ? target.Document.Rewrite(replacements) : null;
        var existing = File.Exists(target.SecretConfPath) ? FileSnapshot.Read(target.SecretConfPath) : null;
        var newConf = VaultConfiguration.Render(secretConf, now, existing?.Content);
        return new ConfigureOperation(target, newToml, newConf, existing, [.. plain.Concat(encrypted).Select(p => p.Alias)], 0, dynamic, warnings);
    }
}
