using System.Security.Cryptography;
using System.Text;
using SecVault.Ciphers;
using SecVault.Home;
using SecVault.IO;
using SecVault.Toml;

namespace SecVault.Vault;

/// <summary><c>ciphertool -Dsymmetric -Dconfigure</c>: the same edit with an AES key.</summary>
public sealed partial class ConfigureOperation
{
    /// <summary>
    /// Classifies [secrets], checks existing ciphertexts against <paramref name="cipher"/> (warnings only), encrypts the
    /// plain values with a fresh IV each, checks that each new ciphertext decrypts, and renders both files with
    /// <paramref name="secretConf"/> (from <see cref="VaultConfiguration.SymmetricEntries"/> or
    /// <see cref="VaultConfiguration.KeyBasedEntries"/>); nothing is written.
    /// </summary>
    public static ConfigureOperation PrepareSymmetric(VaultTarget target, SymmetricSecretCipher cipher, IReadOnlyList<KeyValuePair<string, string>> secretConf, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(cipher);
        ArgumentNullException.ThrowIfNull(secretConf);

        var (plain, encrypted, dynamic, warnings) = Classify(target);
        var replacements = new List<LiteralReplacement>(plain.Count);
        foreach (var entry in plain)
        {
            var ciphertext = EncryptChecked(cipher, entry.PlainText!, entry.Alias);
            replacements.Add(new LiteralReplacement(entry.LiteralSpan, ciphertext, ReplacementStyle.KeepQuoting));
        }

        foreach (var entry in encrypted)
        {
            try
            {
                CryptographicOperations.ZeroMemory(cipher.Decrypt(entry.Value!, entry.Alias));
            }
            catch (CipherException e)
            {
                warnings.Add(Warning(target.Document.DisplayPath, entry.Line, entry.Column, entry.Alias, VaultText.CiphertextSuspicious(e.Message)));
            }
        }

        var newToml = replacements.Count > 0 ? target.Document.Rewrite(replacements) : null;
        var existing = File.Exists(target.SecretConfPath) ? FileSnapshot.Read(target.SecretConfPath) : null;
        var newConf = VaultConfiguration.Render(secretConf, now, existing?.Content);
        return new ConfigureOperation(target, WriteAll(newToml), newConf, existing, [.. plain.Select(p => p.Alias)], encrypted.Count, dynamic, warnings);
    }

    /// <summary>Encrypts <paramref name="value"/> and decrypts the result again before it is used; the bytes are zeroed.</summary>
    internal static string EncryptChecked(SymmetricSecretCipher cipher, string value, string alias)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        try
        {
            return EncryptChecked(bytes, alias, (b, _) => cipher.Encrypt(b), cipher);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Encrypts <paramref name="bytes"/>, then decrypts the ciphertext with <paramref name="check"/>: it must give the same bytes.</summary>
    internal static string EncryptChecked(byte[] bytes, string alias, Func<byte[], string, string> encrypt, ISecretDecryptor check)
    {
        byte[]? back = null;
        try
        {
            var ciphertext = encrypt(bytes, alias);
            back = check.Decrypt(ciphertext, alias);
            return CryptographicOperations.FixedTimeEquals(back, bytes)
                ? ciphertext
                : throw new CipherException(CipherErrorKind.DoesNotDecrypt, VaultText.SymmetricRoundTripFailed(alias), alias);
        }
        finally
        {
            if (back is not null)
            {
                CryptographicOperations.ZeroMemory(back);
            }
        }
    }
}
