using System.Globalization;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Utilities.Encoders;

namespace SecVault.Keystores;

/// <summary>
/// The aliases the JDK gives the key bags of a PKCS#12 file, where they differ from <see cref="Pkcs12Store"/>'s, and
/// the key bags the JDK skips. A key bag without a friendlyName (openssl <c>pkcs12 -export</c> without <c>-name</c>) is
/// <c>1</c>, <c>2</c>… to the JDK in file order, where BouncyCastle names it by its localKeyId in hex. (The JDK's count
/// also takes in nameless secret-key and trusted-certificate bags, which neither keytool nor openssl 3.0 writes.) An unencrypted key bag (openssl <c>-keypbe NONE</c>) is not a
/// bag type the JDK reads, so MI never sees that key. Only the plain data contents are read, where keys are kept.
/// </summary>
internal sealed class Pkcs12KeyNames
{
    /// <summary>BouncyCastle's name for a key bag with neither a friendlyName nor a localKeyId.</summary>
    internal const string Unmarked = "unmarked";

    private readonly Dictionary<string, string> _javaAliases = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unencrypted = new(StringComparer.Ordinal);

    private Pkcs12KeyNames()
    {
    }

    /// <summary>Reads the key bags of <paramref name="data"/>, which <see cref="Pkcs12Store"/> has loaded.</summary>
    public static Pkcs12KeyNames Read(byte[] data)
    {
        var names = new Pkcs12KeyNames();
        var unnamed = 0;
        foreach (var bag in Pkcs12Bags.InPlainData(data))
        {
            var id = bag.BagID.Id;
            var friendlyName = Pkcs12Bags.FriendlyName(bag);
            if (id == Pkcs12Bags.KeyBagOid)
            {
                names._unencrypted.Add(StoreAlias(bag, friendlyName));
            }
            else if (friendlyName is null && id == Pkcs12Bags.ShroudedKeyBagOid)
            {
                unnamed++;
                names._javaAliases[StoreAlias(bag, friendlyName)] = unnamed.ToString(CultureInfo.InvariantCulture);
            }
        }

        return names;
    }

    /// <summary>The alias the JDK gives the key <see cref="Pkcs12Store"/> lists as <paramref name="storeAlias"/>.</summary>
    public string JavaAlias(string storeAlias) => _javaAliases.GetValueOrDefault(storeAlias, storeAlias);

    /// <summary>True when the key <see cref="Pkcs12Store"/> lists as <paramref name="storeAlias"/> is stored unencrypted.</summary>
    public bool IsUnencrypted(string storeAlias) => _unencrypted.Contains(storeAlias);

    /// <summary>The name <see cref="Pkcs12Store"/> gives a key bag: its friendlyName, else its localKeyId in hex.</summary>
    private static string StoreAlias(Org.BouncyCastle.Asn1.Pkcs.SafeBag bag, string? friendlyName) =>
        friendlyName ?? (Pkcs12Bags.LocalKeyId(bag) is { } keyId ? Hex.ToHexString(keyId) : Unmarked);
}
