using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace SecVault.Keystores;

/// <summary>
/// Reads PKCS#12 files through BouncyCastle's <see cref="Pkcs12Store"/> (PBES1 and PBES2 bags, SHA-1 and SHA-256 MACs),
/// and their secret-key entries through <see cref="Pkcs12SecretBags"/>.
/// </summary>
internal static class Pkcs12Reader
{
    private const string NoMacNeeded = "password supplied for keystore that does not require one";

    /// <summary>
    /// The entries of the file, named as the JDK names them, and the aliases of the keys the JDK skips (stored
    /// unencrypted), which are not entries.
    /// </summary>
    public static (List<KeystoreEntry> Entries, List<string> Unencrypted) Read(byte[] data, string path, ReadOnlySpan<char> storePassword)
    {
        if (DeclaredLengthExceeds(data))
        {
            throw new KeystoreException(KeystoreErrorKind.Truncated, KeystoresText.KeystoreTruncated(path), path);
        }

        var store = new Pkcs12StoreBuilder().Build();
        var password = storePassword.ToArray();
        try
        {
            try
            {
                store.Load(new MemoryStream(data), password);
            }
            catch (IOException ex) when (ex.Message.Contains(NoMacNeeded, StringComparison.Ordinal))
            {
                // No MAC (a cert-only trust store as keytool writes it since JDK 18): keytool opens it with any password,
                // since nothing in it is protected; BouncyCastle wants no password for it.
                store = new Pkcs12StoreBuilder().Build();
                store.Load(new MemoryStream(data), null);
            }
        }
        catch (IOException ex) when (ex.Message.Contains("MAC invalid", StringComparison.Ordinal) || ex.Message.Contains("password", StringComparison.OrdinalIgnoreCase))
        {
            // The MAC cannot tell a wrong password from a changed file; a protected part that decrypts can.
            throw Pkcs12Content.PasswordDecryptsContent(data, storePassword)
                ? new KeystoreException(KeystoreErrorKind.Tampered, KeystoresText.KeystoreTampered(path), path, innerException: ex)
                : new KeystoreException(KeystoreErrorKind.WrongPassword, KeystoresText.KeystoreWrongPassword(path), path, hint: KeystoresText.KeystoreWrongPasswordHint, innerException: ex);
        }
        catch (EndOfStreamException ex)
        {
            throw new KeystoreException(KeystoreErrorKind.Truncated, KeystoresText.KeystoreTruncated(path), path, innerException: ex);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidCastException or InvalidOperationException
            or GeneralSecurityException or Org.BouncyCastle.Crypto.CryptoException or SecurityUtilityException or PkcsException)
        {
            // Key bags that do not decrypt with a MAC-verified password also land here, and (found by fuzzing) an
            // unknown MAC or PBE algorithm, which BouncyCastle reports with a SecurityUtilityException. So does a wrong
            // password on a file without a MAC whose parts are encrypted (its certificates, or only its key, as openssl's
            // -nomac writes it): nothing there tells it from a damaged part.
            throw Pkcs12Content.HasProtectedContentAndNoMac(data) && !Pkcs12Content.PasswordDecryptsContent(data, storePassword)
                ? new KeystoreException(KeystoreErrorKind.WrongPassword, KeystoresText.KeystoreNoMacWrongPassword(path), path, hint: KeystoresText.KeystoreWrongPasswordHint, innerException: ex)
                : new KeystoreException(KeystoreErrorKind.Tampered, KeystoresText.KeystoreDamaged(path), path, innerException: ex);
        }
        finally
        {
            Array.Clear(password);
        }

        // keytool protects PKCS12 keys with the store password; keep only a salted hash to check a key password.
        var salt = RandomNumberGenerator.GetBytes(16);
        var storeHash = PasswordHash(salt, storePassword);
        var names = Pkcs12KeyNames.Read(data);
        var entries = new List<KeystoreEntry>();
        var unencrypted = new List<string>();
        foreach (var storeAlias in store.Aliases)
        {
            if (IsUnmarkedCopy(store, storeAlias))
            {
                continue;
            }

            if (store.IsKeyEntry(storeAlias) && names.IsUnencrypted(storeAlias))
            {
                unencrypted.Add(storeAlias);
            }
            else if (store.IsKeyEntry(storeAlias))
            {
                var alias = names.JavaAlias(storeAlias);
                var chain = store.GetCertificateChain(storeAlias);
                var certificate = chain is { Length: > 0 } ? chain[0].Certificate : store.GetCertificate(storeAlias)?.Certificate;
                var key = store.GetKey(storeAlias).Key;
                PrivateKeyUnprotector unprotector = keyPassword =>
                {
                    var candidate = PasswordHash(salt, keyPassword);
                    return CryptographicOperations.FixedTimeEquals(candidate, storeHash)
                        ? PrivateKeyInfoFactory.CreatePrivateKeyInfo(key).GetEncoded(Asn1Encodable.Der)
                        : null;
                };
                entries.Add(certificate is null
                    ? new KeystoreEntry(path, alias, KeyAlgorithm(key), key is RsaKeyParameters rsa ? rsa.Modulus.BitLength : 0, unprotector)
                    : new KeystoreEntry(path, alias, KeystoreEntryKind.PrivateKey, Load(certificate.GetEncoded(), path, alias), unprotector));
            }
            else if (store.IsCertificateEntry(storeAlias))
            {
                var certificate = store.GetCertificate(storeAlias).Certificate;
                entries.Add(new KeystoreEntry(path, storeAlias, KeystoreEntryKind.TrustedCertificate, Load(certificate.GetEncoded(), path, storeAlias), null));
            }
        }

        foreach (var (alias, unprotector) in Pkcs12SecretBags.Read(data))
        {
            entries.Add(new KeystoreEntry(path, alias, KeystoreEntryKind.SecretKey, null, null, unprotector));
        }

        return (entries, unencrypted);
    }

    /// <summary>
    /// True for the second name BouncyCastle gives a key bag that has a friendly name but no local key id (openssl's
    /// <c>-nocerts</c>): it lists the key under that name and again as <c>unmarked</c>; the JDK lists it once.
    /// </summary>
    private static bool IsUnmarkedCopy(Pkcs12Store store, string alias) =>
        alias == Pkcs12KeyNames.Unmarked
        && store.GetKey(alias) is { } key
        && store.Aliases.Any(other => other != Pkcs12KeyNames.Unmarked && key.Equals(store.GetKey(other)));

    /// <summary>The algorithm name of a key stored without a certificate, from its PKCS#8 form.</summary>
    private static string KeyAlgorithm(AsymmetricKeyParameter key) =>
        KeystoreEntry.AlgorithmName(PrivateKeyInfoFactory.CreatePrivateKeyInfo(key).PrivateKeyAlgorithm.Algorithm.Id);

    private static X509Certificate2 Load(byte[] der, string path, string alias)
    {
        try
        {
            return X509CertificateLoader.LoadCertificate(der);
        }
        catch (CryptographicException ex)
        {
            throw new KeystoreException(KeystoreErrorKind.Tampered, KeystoresText.KeystoreDamaged(path), path, alias, innerException: ex);
        }
    }

    private static byte[] PasswordHash(byte[] salt, ReadOnlySpan<char> password)
    {
        var bytes = new byte[System.Text.Encoding.UTF8.GetMaxByteCount(password.Length)];
        try
        {
            var n = System.Text.Encoding.UTF8.GetBytes(password, bytes);
            return HMACSHA256.HashData(salt, bytes.AsSpan(0, n));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>True when the outer DER SEQUENCE announces more bytes than the file holds.</summary>
    private static bool DeclaredLengthExceeds(byte[] data)
    {
        if (data.Length < 2)
        {
            return true;
        }

        int first = data[1];
        if (first < 0x80)
        {
            return 2 + first > data.Length;
        }

        var count = first & 0x7F;
        if (count is 0 or > 4 || data.Length < 2 + count)
        {
            return count is not 0 and <= 4;
        }

        long length = 0;
        for (var i = 0; i < count; i++)
        {
            length = (length << 8) | data[2 + i];
        }

        return 2 + count + length > data.Length;
    }
}
