using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;

namespace SecVault.Keystores;

/// <summary>Reads Sun's JKS and JCEKS formats (the same layout; JCEKS adds secret keys and 3DES key protection).</summary>
internal static class JavaKeystoreReader
{
    internal static readonly byte[] JksMagic = [0xFE, 0xED, 0xFE, 0xED];
    internal static readonly byte[] JceksMagic = [0xCE, 0xCE, 0xCE, 0xCE];

    private const int DigestLength = 20;
    private const string JksKeyProtectorOid = "1.3.6.1.4.1.42.2.17.1.1";
    private const string JceksKeyProtectorOid = "1.3.6.1.4.1.42.2.19.1";
    private const int MaxPbeIterations = 5_000_000;
    private static readonly byte[] IntegritySalt = Encoding.UTF8.GetBytes("Mighty Aphrodite");

    public static List<KeystoreEntry> Read(byte[] data, string path, ReadOnlySpan<char> storePassword, KeystoreType type)
    {
        if (data.Length < 12 + DigestLength)
        {
            throw new KeystoreException(KeystoreErrorKind.Truncated, KeystoresText.KeystoreTruncated(path), path);
        }

        List<RawEntry> raw;
        try
        {
            raw = Parse(data, type);
        }
        catch (EndOfStreamException ex)
        {
            throw new KeystoreException(KeystoreErrorKind.Truncated, KeystoresText.KeystoreTruncated(path), path, innerException: ex);
        }
        catch (InvalidDataException ex)
        {
            throw new KeystoreException(KeystoreErrorKind.Tampered, KeystoresText.KeystoreDamaged(path), path, innerException: ex);
        }

        if (!IntegrityHolds(data, storePassword))
        {
            // A store password that unlocks a key is right, so the file itself changed.
            var tampered = false;
            foreach (var e in raw)
            {
                if (e.ProtectedKey is not null && TryUnprotect(e.ProtectedKey, storePassword) is { } key)
                {
                    // Stryker disable once Statement: zeroing is hygiene, not output.
                    CryptographicOperations.ZeroMemory(key);
                    tampered = true;
                    // Stryker disable once Statement: the keys after it are tried with the same password and cannot undo the verdict (TryUnprotect returns null rather than throw).
                    break;
                }
            }

            throw tampered
                ? new KeystoreException(KeystoreErrorKind.Tampered, KeystoresText.KeystoreTampered(path), path)
                : new KeystoreException(KeystoreErrorKind.WrongPassword, KeystoresText.KeystoreWrongPassword(path), path, hint: KeystoresText.KeystoreWrongPasswordHint);
        }

        var entries = new List<KeystoreEntry>(raw.Count);
        foreach (var e in raw)
        {
            X509Certificate2? certificate = null;
            if (e.Certificate is not null)
            {
                try
                {
                    certificate = X509CertificateLoader.LoadCertificate(e.Certificate);
                }
                catch (CryptographicException ex)
                {
                    throw new KeystoreException(KeystoreErrorKind.Tampered, KeystoresText.KeystoreDamaged(path), path, e.Alias, innerException: ex);
                }
            }

            var protectedKey = e.ProtectedKey;
            var alias = e.Alias;
            // Stryker disable once Conditional: an entry without a protected key is a trusted certificate or a secret key, whose
            // entry refuses a private key by its kind before it would call an unprotector.
            PrivateKeyUnprotector? unprotector = protectedKey is null ? null : password => UnprotectEntry(protectedKey, password, path, alias);
            SecretKeyUnprotector? secretUnprotector = e.SealedKey is { } sealedKey ? password => UnsealSecretKey(sealedKey.Parameters, sealedKey.Content, password, path, alias) : null;
            entries.Add(new KeystoreEntry(path, e.Alias, e.Kind, certificate, unprotector, secretUnprotector));
        }

        return entries;
    }

    private static byte[]? UnprotectEntry(byte[] protectedKey, ReadOnlySpan<char> password, string path, string alias)
    {
        try
        {
            return Unprotect(protectedKey, password);
        }
        catch (NotSupportedException ex)
        {
            throw new KeystoreException(KeystoreErrorKind.UnsupportedAlgorithm, KeystoresText.KeystoreUnsupportedProtection(path, alias, ex.Message), path, alias, innerException: ex);
        }
        catch (InvalidDataException ex)
        {
            throw new KeystoreException(KeystoreErrorKind.Tampered, KeystoresText.KeystoreDamaged(path), path, alias, innerException: ex);
        }
    }

    private static byte[]? TryUnprotect(byte[] protectedKey, ReadOnlySpan<char> password)
    {
        try
        {
            return Unprotect(protectedKey, password);
        }
        // Stryker disable once Block: the emptied block returns default, the null it returns.
        catch (Exception ex) when (ex is NotSupportedException or InvalidDataException)
        {
            return null;
        }
    }

    private static List<RawEntry> Parse(byte[] data, KeystoreType type)
    {
        var reader = new JavaDataReader(data, data.Length - DigestLength);
        reader.ReadInt32();
        var version = reader.ReadInt32();
        if (version is not (1 or 2))
        {
            throw new InvalidDataException("unknown keystore version");
        }

        var count = reader.ReadInt32();
        if (count < 0)
        {
            throw new InvalidDataException("negative entry count");
        }

        var entries = new List<RawEntry>();
        for (var i = 0; i < count; i++)
        {
            var tag = reader.ReadInt32();
            var alias = reader.ReadUtf();
            reader.ReadInt64();
            switch (tag)
            {
                case 1:
                {
                    var protectedKey = reader.ReadBytes(reader.ReadInt32());
                    var chainLength = reader.ReadInt32();
                    byte[]? first = null;
                    for (var c = 0; c < chainLength; c++)
                    {
                        var certificate = ReadCertificate(reader, version);
                        first ??= certificate;
                    }

                    entries.Add(new RawEntry(alias, KeystoreEntryKind.PrivateKey, first, protectedKey));
                    break;
                }

                case 2:
                    entries.Add(new RawEntry(alias, KeystoreEntryKind.TrustedCertificate, ReadCertificate(reader, version), null));
                    break;
                case 3 when type == KeystoreType.Jceks:
                {
                    // A javax.crypto.SealedObject: the PBE parameters and the sealed, serialized SecretKeySpec.
                    var sealedObject = JavaSerializationSkipper.ReadTopLevelFields(reader);
                    var sealedKey = sealedObject.GetValueOrDefault("encodedParams") is byte[] parameters
                        && sealedObject.GetValueOrDefault("encryptedContent") is byte[] content
                        && sealedObject.GetValueOrDefault("sealAlg") is "PBEWithMD5AndTripleDES"
                            ? (parameters, content)
                            : ((byte[], byte[])?)null;
                    entries.Add(new RawEntry(alias, KeystoreEntryKind.SecretKey, null, null, sealedKey));
                    break;
                }
                default:
                    throw new InvalidDataException("unknown entry tag");
            }
        }

        if (reader.Position != data.Length - DigestLength)
        {
            throw new InvalidDataException("bytes after the last entry");
        }

        return entries;
    }

    private static byte[] ReadCertificate(JavaDataReader reader, int version)
    {
        if (version == 2)
        {
            reader.ReadUtf();
        }

        return reader.ReadBytes(reader.ReadInt32());
    }

    /// <summary>The JDK's keystore digest: SHA-1 over the password as UTF-16BE, "Mighty Aphrodite" and the content.</summary>
    private static bool IntegrityHolds(byte[] data, ReadOnlySpan<char> password)
    {
        var passwordBytes = Utf16BigEndian(password);
        try
        {
            using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
            sha1.AppendData(passwordBytes);
            sha1.AppendData(IntegritySalt);
            sha1.AppendData(data, 0, data.Length - DigestLength);
            Span<byte> digest = stackalloc byte[DigestLength];
            sha1.GetHashAndReset(digest);
            return CryptographicOperations.FixedTimeEquals(digest, data.AsSpan(data.Length - DigestLength));
        }
        finally
        {
            // Stryker disable once Statement: zeroing is hygiene, not output.
            CryptographicOperations.ZeroMemory(passwordBytes);
        }
    }

    private static byte[] Utf16BigEndian(ReadOnlySpan<char> password)
    {
        var bytes = new byte[password.Length * 2];
        for (var i = 0; i < password.Length; i++)
        {
            // Stryker disable once Bitwise: a char is never negative, so >> and >>> agree.
            bytes[2 * i] = (byte)(password[i] >> 8);
            bytes[(2 * i) + 1] = (byte)password[i];
        }

        return bytes;
    }

    /// <summary>The PKCS#8 DER of a protected key, or null when the password is wrong.</summary>
    private static byte[]? Unprotect(byte[] protectedKey, ReadOnlySpan<char> password)
    {
        EncryptedPrivateKeyInfo info;
        try
        {
            // An empty key (found by fuzzing) parses to null, not to an exception.
            info = EncryptedPrivateKeyInfo.GetInstance(Asn1Object.FromByteArray(protectedKey))
                ?? throw new InvalidDataException("empty protected key");
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidCastException or InvalidOperationException)
        {
            throw new InvalidDataException("bad protected key", ex);
        }

        var algorithm = info.EncryptionAlgorithm.Algorithm.Id;
        return algorithm switch
        {
            JksKeyProtectorOid => UnprotectSun(info.GetEncryptedData(), password),
            JceksKeyProtectorOid => UnprotectPbeMd5TripleDes(info, password),
            _ => throw new NotSupportedException(algorithm),
        };
    }

    /// <summary>Sun's JKS key protector: a SHA-1 keystream over the UTF-16BE password, then a SHA-1 check.</summary>
    private static byte[]? UnprotectSun(byte[] protectedData, ReadOnlySpan<char> password)
    {
        if (protectedData.Length < 2 * DigestLength)
        {
            return null;
        }

        var passwordBytes = Utf16BigEndian(password);
        var keyLength = protectedData.Length - (2 * DigestLength);
        var plain = new byte[keyLength];
        try
        {
            Span<byte> digest = stackalloc byte[DigestLength];
            protectedData.AsSpan(0, DigestLength).CopyTo(digest);
            using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
            // Stryker disable once Equality: a round at offset == keyLength writes no byte, and the digest it leaves is replaced by the check's.
            for (var offset = 0; offset < keyLength; offset += DigestLength)
            {
                sha1.AppendData(passwordBytes);
                sha1.AppendData(digest);
                sha1.GetHashAndReset(digest);
                var n = Math.Min(DigestLength, keyLength - offset);
                for (var i = 0; i < n; i++)
                {
                    plain[offset + i] = (byte)(protectedData[DigestLength + offset + i] ^ digest[i]);
                }
            }

            sha1.AppendData(passwordBytes);
            sha1.AppendData(plain);
            sha1.GetHashAndReset(digest);
            if (CryptographicOperations.FixedTimeEquals(digest, protectedData.AsSpan(protectedData.Length - DigestLength)))
            {
                return plain;
            }

            // Stryker disable once Statement: zeroing is hygiene, not output.
            CryptographicOperations.ZeroMemory(plain);
            return null;
        }
        finally
        {
            // Stryker disable once Statement: zeroing is hygiene, not output.
            CryptographicOperations.ZeroMemory(passwordBytes);
        }
    }

    /// <summary>Sun's PBEWithMD5AndTripleDES (JCEKS): an MD5 chain per salt half, DESede-CBC with PKCS#5 padding.</summary>
    private static byte[]? UnprotectPbeMd5TripleDes(EncryptedPrivateKeyInfo info, ReadOnlySpan<char> password)
    {
        PbeParameter? parameters;
        try
        {
            parameters = PbeParameter.GetInstance(info.EncryptionAlgorithm.Parameters);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException("bad PBE parameters", ex);
        }

        var plain = DecryptPbeMd5TripleDes(parameters, info.GetEncryptedData(), password);
        // Stryker disable once Block: without it a null plain fails the PKCS#8 parse below, which returns null too (checked by hand).
        if (plain is null)
        {
            return null;
        }

        // Padding alone passes one time in 256; a wrong password rarely also yields a PKCS#8 structure.
        try
        {
            PrivateKeyInfo.GetInstance(Asn1Object.FromByteArray(plain));
            return plain;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidCastException or InvalidOperationException)
        {
            // Stryker disable once Statement: zeroing is hygiene, not output.
            CryptographicOperations.ZeroMemory(plain);
            return null;
        }
    }

    /// <summary>
    /// A JCEKS secret-key entry: the SealedObject's content decrypted with PBEWithMD5AndTripleDES, then the
    /// SecretKeySpec read from it (its key bytes and algorithm). Null for a wrong password.
    /// </summary>
    private static SecretKeyMaterial? UnsealSecretKey(byte[] encodedParameters, byte[] content, ReadOnlySpan<char> password, string path, string alias)
    {
        byte[]? plain = null;
        try
        {
            plain = DecryptPbeMd5TripleDes(PbeParameter.GetInstance(Asn1Object.FromByteArray(encodedParameters)), content, password);
            if (plain is null)
            {
                return null;
            }

            // Padding alone passes one time in 256; a wrong password rarely also yields a serialized SecretKeySpec.
            Dictionary<string, object?> fields;
            try
            {
                fields = JavaSerializationSkipper.ReadTopLevelFields(new JavaDataReader(plain, plain.Length));
            }
            catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException)
            {
                return null;
            }

            // A SecretKeySpec (AES, HMAC keys) holds "key"; the JDK's DES and DESede keys are sealed as the java.security.KeyRep
            // they write in their place, which holds "encoded" in format RAW. An object that decrypts and reads but holds
            // neither was sealed with this password: not a wrong password, but a key SecVault cannot read.
            var encoded = fields.GetValueOrDefault("key") as byte[]
                ?? (fields.GetValueOrDefault("format") is "RAW" ? fields.GetValueOrDefault("encoded") as byte[] : null);
            return encoded is not null && fields.GetValueOrDefault("algorithm") is string algorithm
                ? new SecretKeyMaterial(encoded, algorithm)
                : throw new KeystoreException(KeystoreErrorKind.UnsupportedProtection, KeystoresText.KeystoreSecretKeyUnreadable(path, alias), path, alias);
        }
        // InvalidDataException: PBE parameters out of range (a bare one escaped before).
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidCastException or InvalidOperationException or InvalidDataException)
        {
            throw new KeystoreException(KeystoreErrorKind.Tampered, KeystoresText.KeystoreDamaged(path), path, alias, innerException: ex);
        }
        finally
        {
            // Stryker disable once all: zeroing is hygiene, not output (and a null plain has nothing to zero).
            if (plain is not null)
            {
                CryptographicOperations.ZeroMemory(plain);
            }
        }
    }

    /// <summary>Sun's PBEWithMD5AndTripleDES: an MD5 chain per salt half, DESede-CBC with PKCS#5 padding; null when the padding is wrong.</summary>
    private static byte[]? DecryptPbeMd5TripleDes(PbeParameter? parameters, byte[] encrypted, ReadOnlySpan<char> password)
    {
        // Found by fuzzing: absent, malformed, oversized or enormous parameters must be damaged data, not a crash or a
        // hang (the JDK's KeyProtector refuses more than 5,000,000 iterations too).
        var salt = parameters?.GetSalt();
        var count = parameters?.IterationCount;
        if (salt is null || count is null || salt.Length != 8 || count.SignValue < 1 || count.BitLength > 31 || count.IntValue > MaxPbeIterations)
        {
            throw new InvalidDataException("bad PBE parameters");
        }

        var iterations = count.IntValue;

        // The JDK's PBEKey keeps the low 7 bits of each (printable ASCII) password character.
        var passwordBytes = new byte[password.Length];
        for (var i = 0; i < password.Length; i++)
        {
            passwordBytes[i] = (byte)(password[i] & 0x7F);
        }

        if (salt.AsSpan(0, 4).SequenceEqual(salt.AsSpan(4, 4)))
        {
            (salt[0], salt[3]) = (salt[3], salt[0]);
            (salt[1], salt[2]) = (salt[2], salt[1]);
        }

        var derived = new byte[32];
        try
        {
            using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
            Span<byte> state = stackalloc byte[16];
            for (var half = 0; half < 2; half++)
            {
                salt.AsSpan(half * 4, 4).CopyTo(state);
                var stateLength = 4;
                for (var j = 0; j < iterations; j++)
                {
                    md5.AppendData(state[..stateLength]);
                    md5.AppendData(passwordBytes);
                    md5.GetHashAndReset(state);
                    stateLength = 16;
                }

                state.CopyTo(derived.AsSpan(half * 16));
            }

#pragma warning disable CA5350 // The JCEKS format fixes PBEWithMD5AndTripleDES; reading it is the point.
            using var des = TripleDES.Create();
#pragma warning restore CA5350
            des.Key = derived[..24];
            try
            {
                return des.DecryptCbc(encrypted, derived.AsSpan(24, 8), PaddingMode.PKCS7);
            }
            catch (CryptographicException)
            {
                return null;
            }
        }
        finally
        {
            // Stryker disable once Statement: zeroing is hygiene, not output.
            CryptographicOperations.ZeroMemory(passwordBytes);
            // Stryker disable once Statement: zeroing is hygiene, not output.
            CryptographicOperations.ZeroMemory(derived);
        }
    }

    private sealed record RawEntry(string Alias, KeystoreEntryKind Kind, byte[]? Certificate, byte[]? ProtectedKey, (byte[] Parameters, byte[] Content)? SealedKey = null);
}
