using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using SecVault.Keystores;
using SecVault.Testing;

namespace SecVault.Tests.Keystores;

/// <summary>
/// keytool's p12-secretkeys vector taken apart with BouncyCastle's ASN.1 classes (RFC 7292) and put together again
/// with one bag changed, then read by the secret-bag reader on its own (no MAC: the store checks that before).
/// </summary>
public sealed class Pkcs12SecretBagsTests
{
    private const string SecretBagOid = "1.2.840.113549.1.12.10.1.5";
    private const string FriendlyNameOid = "1.2.840.113549.1.9.20";
    private const string LocalKeyIdOid = "1.2.840.113549.1.9.21";
    private static readonly VectorKeystore Vector = VectorManifest.LoadSecretKeys().Keystore("p12-secretkeys");
    private static readonly byte[] Original = File.ReadAllBytes(VectorManifest.KeystorePath(Vector));

    /// <summary>The vector with each bag of its plain data contents passed through <paramref name="edit"/> (null drops it).</summary>
    private static byte[] Rebuilt(Func<SafeBag, SafeBag?> edit, DerObjectIdentifier? authSafeType = null)
    {
        var pfx = Pfx.GetInstance(Asn1Object.FromByteArray(Original));
        var safe = AuthenticatedSafe.GetInstance(Asn1Object.FromByteArray(Asn1OctetString.GetInstance(pfx.AuthSafe.Content).GetOctets()));
        var contents = safe.GetContentInfo().Select(content =>
        {
            if (!content.ContentType.Equals(PkcsObjectIdentifiers.Data))
            {
                return content;
            }

            var bags = Asn1Sequence.GetInstance(Asn1Object.FromByteArray(Asn1OctetString.GetInstance(content.Content).GetOctets()));
            var edited = bags.Cast<Asn1Encodable>().Select(b => edit(SafeBag.GetInstance(b))).OfType<SafeBag>().ToArray();
            return new ContentInfo(PkcsObjectIdentifiers.Data, new DerOctetString(new DerSequence(edited).GetEncoded()));
        }).ToArray();
        var authSafe = new ContentInfo(authSafeType ?? PkcsObjectIdentifiers.Data, new DerOctetString(new AuthenticatedSafe(contents).GetEncoded()));
        return new Pfx(authSafe, null).GetEncoded();
    }

    private static string? FriendlyName(SafeBag bag) => bag.BagAttributes?.Cast<Asn1Encodable>().Select(AttributePkcs.GetInstance)
        .Where(a => a.AttrType.Id == FriendlyNameOid).Select(a => ((IAsn1String)a.AttrValues[0]).GetString()).FirstOrDefault();

    /// <summary>Edits only the secret bag of <paramref name="alias"/>.</summary>
    private static Func<SafeBag, SafeBag?> Only(string alias, Func<SafeBag, SafeBag?> edit) => bag => FriendlyName(bag) == alias ? edit(bag) : bag;

    private static string Sha256(byte[] key) => string.Join(':', SHA256.HashData(key).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    private static List<string> Aliases(byte[] data) => [.. Pkcs12SecretBags.Read(data).Select(b => b.Alias).Order(StringComparer.Ordinal)];

    [Fact]
    public void The_rebuilt_vector_lists_every_secret_key_and_each_opens_to_the_jdk_s_bytes()
    {
        var bags = Pkcs12SecretBags.Read(Rebuilt(bag => bag));

        Assert.Equal(["aes128", "aes256", "des", "desede", "hmacsha256"], bags.Select(b => b.Alias).Order(StringComparer.Ordinal));
        foreach (var (alias, unprotector) in bags)
        {
            using var material = unprotector(Vector.StorePassword)!;
            Assert.Equal(Vector.Entry(alias).SecretKeySha256, Sha256(material.Key));
        }
    }

    [Fact]
    public void A_wrong_password_unprotects_nothing()
    {
        var (_, unprotector) = Pkcs12SecretBags.Read(Original).First(b => b.Alias == "aes256");

        Assert.Null(unprotector("not-the-password"));
    }

    [Fact]
    public void A_secret_bag_without_attributes_or_without_a_friendly_name_is_passed_over()
    {
        var noAttributes = Rebuilt(Only("aes128", bag => new SafeBag(bag.BagID, bag.BagValue, null)));
        var localKeyIdOnly = Rebuilt(Only("aes128", bag => new SafeBag(bag.BagID, bag.BagValue,
            new DerSet(new AttributePkcs(new DerObjectIdentifier(LocalKeyIdOid), new DerSet(new DerOctetString([1])))))));
        var emptyFriendlyName = Rebuilt(Only("aes128", bag => new SafeBag(bag.BagID, bag.BagValue,
            new DerSet(new AttributePkcs(new DerObjectIdentifier(FriendlyNameOid), new DerSet())))));

        Assert.Equal(["aes256", "des", "desede", "hmacsha256"], Aliases(noAttributes));
        Assert.Equal(["aes256", "des", "desede", "hmacsha256"], Aliases(localKeyIdOnly));
        Assert.Equal(["aes256", "des", "desede", "hmacsha256"], Aliases(emptyFriendlyName));
    }

    [Fact]
    public void A_secret_bag_of_another_secret_type_or_a_bag_of_another_kind_is_passed_over()
    {
        var otherSecretType = Rebuilt(Only("des", bag =>
        {
            var secretBag = Asn1Sequence.GetInstance(bag.BagValue);
            return new SafeBag(bag.BagID, new DerSequence(new DerObjectIdentifier("1.2.3.4"), secretBag[1]), bag.BagAttributes);
        }));
        var otherBagType = Rebuilt(Only("desede", bag => new SafeBag(new DerObjectIdentifier("1.2.840.113549.1.12.10.1.6"), bag.BagValue, bag.BagAttributes)));

        Assert.Equal(["aes128", "aes256", "desede", "hmacsha256"], Aliases(otherSecretType));
        Assert.Equal(["aes128", "aes256", "des", "hmacsha256"], Aliases(otherBagType));
    }

    [Fact]
    public void A_shrouded_key_placed_directly_in_the_secret_value_is_read_as_well()
    {
        // keytool wraps the EncryptedPrivateKeyInfo's DER in an OCTET STRING; the structure itself is read too.
        var direct = Rebuilt(Only("aes128", bag =>
        {
            var secretBag = Asn1Sequence.GetInstance(bag.BagValue);
            var wrapped = Asn1OctetString.GetInstance(Asn1TaggedObject.GetInstance(secretBag[1]).GetExplicitBaseObject()).GetOctets();
            return new SafeBag(bag.BagID, new DerSequence(secretBag[0], new DerTaggedObject(true, 0, Asn1Object.FromByteArray(wrapped))), bag.BagAttributes);
        }));

        var (_, unprotector) = Pkcs12SecretBags.Read(direct).Single(b => b.Alias == "aes128");
        using var material = unprotector(Vector.StorePassword)!;

        Assert.Equal(("AES", Vector.Entry("aes128").SecretKeySha256), (material.Algorithm, Sha256(material.Key)));
    }

    [Fact]
    public void A_store_whose_authenticated_safe_is_not_plain_data_has_no_secret_bags_read()
    {
        // Public-key integrity mode (signedData): BouncyCastle's store does not read it either.
        Assert.Empty(Pkcs12SecretBags.Read(Rebuilt(bag => bag, PkcsObjectIdentifiers.SignedData)));
    }
}
