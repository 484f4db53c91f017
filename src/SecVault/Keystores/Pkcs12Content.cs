using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace SecVault.Keystores;

/// <summary>
/// Tells a wrong password from a changed file once a PKCS#12 MAC has failed: the password is right when it decrypts a
/// protected part (a shrouded key bag or an encryptedData content) into well-formed DER, which a wrong password does
/// only by a chance far below one in a million. Without a MAC, the same test is all that tells a wrong password.
/// </summary>
internal static class Pkcs12Content
{
    private const string ShroudedKeyBagOid = "1.2.840.113549.1.12.10.1.2";

    /// <summary>
    /// True when <paramref name="data"/> has no MAC and a part the password protects: an encryptedData content
    /// (certificates encrypted with it) or a shrouded key bag. Only those parts can then tell a wrong password.
    /// </summary>
    public static bool HasProtectedContentAndNoMac(byte[] data)
    {
        try
        {
            var pfx = Pfx.GetInstance(Asn1Object.FromByteArray(data));
            return pfx.MacData is null
                && Contents(pfx)?.Any(c => c.ContentType.Equals(PkcsObjectIdentifiers.EncryptedData)
                    || (c.ContentType.Equals(PkcsObjectIdentifiers.Data) && Bags(c).Any(b => b.BagID.Id == ShroudedKeyBagOid))) == true;
        }
        catch (Exception ex) when (IsParseFailure(ex))
        {
            return false;
        }
    }

    /// <summary>True when <paramref name="password"/> decrypts some protected part of <paramref name="data"/>.</summary>
    public static bool PasswordDecryptsContent(byte[] data, ReadOnlySpan<char> password)
    {
        var chars = password.ToArray();
        try
        {
            foreach (var content in Contents(Pfx.GetInstance(Asn1Object.FromByteArray(data))) ?? [])
            {
                if (content.ContentType.Equals(PkcsObjectIdentifiers.EncryptedData)
                    && Attempt(() => DecryptsEncryptedData(content, chars)))
                {
                    return true;
                }

                if (content.ContentType.Equals(PkcsObjectIdentifiers.Data)
                    && Attempt(() => DecryptsAKeyBag(content, chars)))
                {
                    return true;
                }
            }

            return false;
        }
        catch (Exception ex) when (IsParseFailure(ex))
        {
            // The structure itself is broken: nothing tells the password right.
            return false;
        }
        finally
        {
            // Stryker disable once Statement: clears a copy of the password; nothing reads it after.
            Array.Clear(chars);
        }
    }

    /// <summary>The contents of the authenticated safe, or null when it is not plain data (a signed one, say).</summary>
    private static ContentInfo[]? Contents(Pfx pfx) =>
        pfx.AuthSafe.ContentType.Equals(PkcsObjectIdentifiers.Data)
            ? AuthenticatedSafe.GetInstance(Asn1Object.FromByteArray(Asn1OctetString.GetInstance(pfx.AuthSafe.Content).GetOctets())).GetContentInfo()
            : null;

    private static IEnumerable<SafeBag> Bags(ContentInfo content) =>
        Asn1Sequence.GetInstance(Asn1Object.FromByteArray(Asn1OctetString.GetInstance(content.Content).GetOctets())).Cast<Asn1Encodable>().Select(SafeBag.GetInstance);

    private static bool DecryptsAKeyBag(ContentInfo content, char[] password)
    {
        foreach (var bag in Bags(content))
        {
            if (bag.BagID.Id == ShroudedKeyBagOid
                && Attempt(() => PrivateKeyInfoFactory.CreatePrivateKeyInfo(password, EncryptedPrivateKeyInfo.GetInstance(bag.BagValue)) is not null))
            {
                return true;
            }
        }

        return false;
    }

    private static bool DecryptsEncryptedData(ContentInfo content, char[] password)
    {
        var encrypted = EncryptedData.GetInstance(Asn1Sequence.GetInstance(content.Content));
        var algorithm = AlgorithmIdentifier.GetInstance(encrypted.EncryptionAlgorithm);
        if (PbeUtilities.CreateEngine(algorithm) is not IBufferedCipher cipher)
        {
            return false;
        }

        cipher.Init(false, PbeUtilities.GenerateCipherParameters(algorithm, password));
        var plain = cipher.DoFinal(encrypted.Content.GetOctets());
        return Asn1Sequence.GetInstance(Asn1Object.FromByteArray(plain)).Count > 0;
    }

    private static bool Attempt(Func<bool> attempt)
    {
        try
        {
            return attempt();
        }
        catch (Exception ex) when (IsParseFailure(ex))
        {
            return false;
        }
    }

    private static bool IsParseFailure(Exception ex) => ex is ArgumentException or InvalidOperationException or IOException
        or InvalidCastException or CryptoException or GeneralSecurityException or SecurityUtilityException or PkcsException;
}
