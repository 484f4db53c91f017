using System.Security.Cryptography;

namespace SecVault.Ciphers;

/// <summary>Where one value of a rotation stands: under the old key, already under the new one, or either as far as the keys can tell.</summary>
internal enum RotationStanding
{
    /// <summary>The old key decrypts it and the new key does not (or the old key's padding would have refused a wrong key).</summary>
    Old,

    /// <summary>Only the new key decrypts it: a stopped run already rotated it, and it is kept as it is.</summary>
    New,

    /// <summary>
    /// Both keys "decrypt" it: one of them has no integrity check (RSA PKCS#1 v1.5 accepts a wrong key's block about once
    /// in 65,000 tries, AES without GCM once in 256), so the file's other values decide.
    /// </summary>
    Both,
}

/// <summary>
/// The one rule both rotations use to tell a value still under the old key from one a stopped run already moved, without
/// trusting a padding that cannot tell keys apart.
/// </summary>
internal static class RotationTriage
{
    /// <summary>
    /// Classifies <paramref name="ciphertext"/>. The old key is tried first; the new key too when the old one failed or
    /// cannot recognise a wrong key. <paramref name="oldPlain"/> is the old key's plaintext for <see cref="RotationStanding.Old"/>
    /// and <see cref="RotationStanding.Both"/> (the caller zeroes it). Neither key decrypting it throws the old key's error.
    /// </summary>
    public static RotationStanding Classify(ISecretDecryptor oldKey, ISecretDecryptor newKey, string ciphertext, string alias, out byte[]? oldPlain)
    {
        ArgumentNullException.ThrowIfNull(oldKey);
        ArgumentNullException.ThrowIfNull(newKey);
        try
        {
            oldPlain = oldKey.Decrypt(ciphertext, alias);
        }
        catch (CipherException) when (Decrypts(newKey, ciphertext, alias))
        {
            oldPlain = null;
            return RotationStanding.New;
        }

        return oldKey.RejectsWrongKey || !Decrypts(newKey, ciphertext, alias) ? RotationStanding.Old : RotationStanding.Both;
    }

    /// <summary>
    /// What a <see cref="RotationStanding.Both"/> value of a file is taken to be: what every other value of the file
    /// plainly is (a file is written whole, so a stopped run leaves it all old or all new); null when its values say
    /// both or nothing.
    /// </summary>
    public static RotationStanding? Resolve(IEnumerable<RotationStanding> standings)
    {
        ArgumentNullException.ThrowIfNull(standings);
        bool old = false, @new = false;
        foreach (var standing in standings)
        {
            old |= standing == RotationStanding.Old;
            @new |= standing == RotationStanding.New;
        }

        return (old, @new) switch
        {
            (true, false) => RotationStanding.Old,
            (false, true) => RotationStanding.New,
            _ => null,
        };
    }

    private static bool Decrypts(ISecretDecryptor key, string ciphertext, string alias)
    {
        try
        {
            CryptographicOperations.ZeroMemory(key.Decrypt(ciphertext, alias));
            return true;
        }
        catch (CipherException)
        {
            return false;
        }
    }
}
