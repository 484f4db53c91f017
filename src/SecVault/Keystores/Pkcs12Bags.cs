using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;

namespace SecVault.Keystores;

/// <summary>
/// The safe bags of a PKCS#12 file's plain <c>data</c> contents, where keytool and openssl keep keys (each key
/// shrouded on its own; certificates go to encryptedData contents), and the bag attributes the JDK reads.
/// </summary>
internal static class Pkcs12Bags
{
    internal const string KeyBagOid = "1.2.840.113549.1.12.10.1.1";
    internal const string ShroudedKeyBagOid = "1.2.840.113549.1.12.10.1.2";
    internal const string SecretBagOid = "1.2.840.113549.1.12.10.1.5";
    private const string FriendlyNameOid = "1.2.840.113549.1.9.20";
    private const string LocalKeyIdOid = "1.2.840.113549.1.9.21";

    /// <summary>
    /// Every bag of the plain data contents, in file order. Call only after <see cref="Org.BouncyCastle.Pkcs.Pkcs12Store"/>
    /// read the file: this parse trusts the structure it accepted.
    /// </summary>
    public static IEnumerable<SafeBag> InPlainData(byte[] data)
    {
        // The first DER object only, as Pkcs12Store read it: bytes after it are ignored there, so they are here too (a
        // strict parse of the whole file threw a bare IOException, "extra data found after object"; fuzz finding).
        using var input = new MemoryStream(data);
        var pfx = Pfx.GetInstance(Asn1Object.FromStream(input));
        if (!pfx.AuthSafe.ContentType.Equals(PkcsObjectIdentifiers.Data))
        {
            yield break;
        }

        var safe = AuthenticatedSafe.GetInstance(Asn1Object.FromByteArray(Asn1OctetString.GetInstance(pfx.AuthSafe.Content).GetOctets()));
        foreach (var content in safe.GetContentInfo())
        {
            if (!content.ContentType.Equals(PkcsObjectIdentifiers.Data))
            {
                continue;
            }

            foreach (var element in Asn1Sequence.GetInstance(Asn1Object.FromByteArray(Asn1OctetString.GetInstance(content.Content).GetOctets())))
            {
                yield return SafeBag.GetInstance(element);
            }
        }
    }

    /// <summary>The bag's friendlyName attribute (the JDK's alias), or null.</summary>
    public static string? FriendlyName(SafeBag bag) => Attribute(bag, FriendlyNameOid) is IAsn1String name ? name.GetString() : null;

    /// <summary>The bag's localKeyId attribute, which ties a key to its certificate, or null.</summary>
    public static byte[]? LocalKeyId(SafeBag bag) => Attribute(bag, LocalKeyIdOid) is Asn1OctetString id ? id.GetOctets() : null;

    private static Asn1Encodable? Attribute(SafeBag bag, string oid)
    {
        foreach (var element in bag.BagAttributes ?? new DerSet())
        {
            var attribute = AttributePkcs.GetInstance(element);
            if (attribute.AttrType.Id == oid && attribute.AttrValues.Count > 0)
            {
                return attribute.AttrValues[0];
            }
        }

        return null;
    }
}
