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
/// only by a chance far below one in a million.
/// </summary>
internal static class Pkcs12Content
{
    private const string ShroudedKeyBagOid = "1.2.840.113549.1.12.10.1.2";

    /// <summary>True when <paramref name="data"/> has an encryptedData content (certificates encrypted with the password).</summary>
    public static bool HasEncryptedContent(byte[] data)
    {
        try
        {
            var pfx = Pfx.GetInstance(Asn1Object.FromByteArray(data));
            return pfx.AuthSafe.ContentType.Equals(PkcsObjectIdentifiers.Data)
                && AuthenticatedSafe.GetInstance(Asn1Object.FromByteArray(Asn1OctetString.GetInstance(pfx.AuthSafe.Content).GetOctets()))
                    .GetContentInfo().Any(c => c.ContentType.Equals(PkcsObjectIdentifiers.EncryptedData));
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
            var pfx = Pfx.GetInstance(Asn1Object.FromByteArray(data));
            if (!pfx.AuthSafe.ContentType.Equals(PkcsObjectIdentifiers.Data))
            {
                return false;
            }

            var safe = AuthenticatedSafe.GetInstance(Asn1Object.FromByteArray(Asn1OctetString.GetInstance(pfx.AuthSafe.Content).GetOctets()));
            foreach (var content in safe.GetContentInfo())
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
            Array.Clear(chars);
        }
    }

    private static bool DecryptsAKeyBag(ContentInfo content, char[] password)
    {
        var bags = Asn1Sequence.GetInstance(Asn1Object.FromByteArray(Asn1OctetString.GetInstance(content.Content).GetOctets()));
        foreach (var element in bags)
        {
            var bag = SafeBag.GetInstance(element);
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
