using System.Text.RegularExpressions;
using SecVault.Keystores;
using SecVault.Testing;

namespace SecVault.Tests.Keystores;

/// <summary>
/// The entries SecVault lists in each openssl-made PKCS#12 layout are the ones the JDK's keytool lists, under the same
/// names (the JDK lower-cases PKCS#12 aliases; SecVault matches aliases without regard to case).
/// </summary>
public sealed partial class Pkcs12KeytoolAgreementTests(Pkcs12LayoutTests.Files files) : IClassFixture<Pkcs12LayoutTests.Files>
{
    private const string Password = "layout-pw";

    public static TheoryData<string> Layouts() =>
    [
        nameof(Pkcs12LayoutTests.Files.Full),
        nameof(Pkcs12LayoutTests.Files.PlainCertificates),
        nameof(Pkcs12LayoutTests.Files.NoMac),
        nameof(Pkcs12LayoutTests.Files.KeyOnly),
        nameof(Pkcs12LayoutTests.Files.UnencryptedKey),
        nameof(Pkcs12LayoutTests.Files.Unnamed),
        nameof(Pkcs12LayoutTests.Files.UnnamedKeyOnly),
        nameof(Pkcs12LayoutTests.Files.CertificatesOnly),
        nameof(Pkcs12LayoutTests.Files.Unprotected),
        nameof(Pkcs12LayoutTests.Files.NoMacEncryptedCertificates),
    ];

    [Trait("Category", "Jvm")]
    [SkippableTheory]
    [MemberData(nameof(Layouts))]
    public void SecVault_lists_the_entries_keytool_lists(string layout)
    {
        Skip.If(!JavaInterop.IsKeytoolAvailable, "needs a JDK (keytool) on PATH");
        using var temp = new TempFolder();
        var path = temp.Combine(layout + ".p12");
        File.WriteAllBytes(path, Layout(layout));

        var listing = JavaInterop.Keytool("-list", "-keystore", path, "-storetype", "PKCS12", "-storepass", Password, "-J-Duser.language=en", "-J-Duser.country=US");
        var keytool = EntryLine().Matches(listing).Select(m => (m.Groups["alias"].Value, m.Groups["kind"].Value)).Order().ToList();
        var secVault = Keystore.Load(path, Password).Entries.Select(e => (e.Alias.ToLowerInvariant(), KeytoolKind(e.Kind))).Order().ToList();

        Assert.Contains("Your keystore contains", listing, StringComparison.Ordinal);
        Assert.Equal(keytool, secVault);
    }

    private byte[] Layout(string name) => name switch
    {
        nameof(Pkcs12LayoutTests.Files.Full) => files.Full,
        nameof(Pkcs12LayoutTests.Files.PlainCertificates) => files.PlainCertificates,
        nameof(Pkcs12LayoutTests.Files.NoMac) => files.NoMac,
        nameof(Pkcs12LayoutTests.Files.KeyOnly) => files.KeyOnly,
        nameof(Pkcs12LayoutTests.Files.UnencryptedKey) => files.UnencryptedKey,
        nameof(Pkcs12LayoutTests.Files.Unnamed) => files.Unnamed,
        nameof(Pkcs12LayoutTests.Files.UnnamedKeyOnly) => files.UnnamedKeyOnly,
        nameof(Pkcs12LayoutTests.Files.CertificatesOnly) => files.CertificatesOnly,
        nameof(Pkcs12LayoutTests.Files.Unprotected) => files.Unprotected,
        nameof(Pkcs12LayoutTests.Files.NoMacEncryptedCertificates) => files.NoMacEncryptedCertificates,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private static string KeytoolKind(KeystoreEntryKind kind) => kind switch
    {
        KeystoreEntryKind.PrivateKey => "PrivateKeyEntry",
        KeystoreEntryKind.TrustedCertificate => "trustedCertEntry",
        _ => "SecretKeyEntry",
    };

    /// <summary>keytool's one line an entry: <c>alias, Dec 4, 2026, PrivateKeyEntry,</c>.</summary>
    [GeneratedRegex(@"^(?<alias>[^\r\n]+?), [A-Z][a-z]{2} \d{1,2}, \d{4}, (?<kind>PrivateKeyEntry|trustedCertEntry|SecretKeyEntry),", RegexOptions.Multiline)]
    private static partial Regex EntryLine();
}
