using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Pkcs;

namespace SecVault.Keystores;

/// <summary>
/// The secret-key entries of a PKCS#12 file, which BouncyCastle's <see cref="Pkcs12Store"/> drops: a <c>secretBag</c>
/// (as JDK keytool <c>-genseckey</c> writes it) holding a PKCS#8 shrouded key bag whose key is the raw secret, in the
/// authenticated safe's plain <c>data</c> contents. Call only after the store's MAC was verified.
/// </summary>
internal static class Pkcs12SecretBags
{
    /// <summary>Each secret bag's alias and an unprotector; bags of other kinds are left to <see cref="Pkcs12Store"/>.</summary>
    public static List<(string Alias, SecretKeyUnprotector Unprotector)> Read(byte[] data)
    {
        var found = new List<(string, SecretKeyUnprotector)>();
        foreach (var bag in Pkcs12Bags.InPlainData(data))
        {
            // Two tests rather than "|| FriendlyName(bag) is not { } alias": a mutant of that condition leaves
            // alias unassigned (CS0165), and Stryker then drops every mutant of the method.
            if (bag.BagID.Id != Pkcs12Bags.SecretBagOid)
            {
                continue;
            }

            var alias = Pkcs12Bags.FriendlyName(bag);
            if (alias is null)
            {
                continue;
            }

            var secretBag = Asn1Sequence.GetInstance(bag.BagValue);
            if (DerObjectIdentifier.GetInstance(secretBag[0]).Id != Pkcs12Bags.ShroudedKeyBagOid)
            {
                continue;
            }

            // The JDK wraps the shrouded key's DER in an OCTET STRING inside the [0] EXPLICIT secretValue.
            var value = Asn1TaggedObject.GetInstance(secretBag[1]).GetExplicitBaseObject();
            var encrypted = EncryptedPrivateKeyInfo.GetInstance(value is Asn1OctetString octets ? Asn1Object.FromByteArray(octets.GetOctets()) : value);
            found.Add((alias, password => Unprotect(encrypted, password)));
        }

        return found;
    }

    private static SecretKeyMaterial? Unprotect(EncryptedPrivateKeyInfo encrypted, ReadOnlySpan<char> password)
    {
        var chars = password.ToArray();
        try
        {
            var info = PrivateKeyInfoFactory.CreatePrivateKeyInfo(chars, encrypted);
            var key = info.PrivateKey.GetOctets();
            var oid = info.PrivateKeyAlgorithm.Algorithm.Id;
            return new SecretKeyMaterial(key, AlgorithmName(oid));
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException
            or Org.BouncyCastle.Crypto.CryptoException or Org.BouncyCastle.Security.GeneralSecurityException)
        {
            // A wrong password shows as a bad padding or a malformed structure after decryption.
            return null;
        }
        finally
        {
            Array.Clear(chars);
        }
    }

    /// <summary>
    /// The JDK writes the key's algorithm OID (AES is 2.16.840.1.101.3.4.1; keytool's DESede key is OIW's desEDE,
    /// 1.3.14.3.2.17, which the JDK reads back as DESede); other OIDs are kept as they are.
    /// </summary>
    private static string AlgorithmName(string oid) => oid switch
    {
        "2.16.840.1.101.3.4.1" => "AES",
        "1.3.14.3.2.17" => "DESede",
        "1.2.840.113549.3.7" => "DESede",
        _ => oid,
    };
}
