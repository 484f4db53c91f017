using SecVault.Keystores;

namespace SecVault.Tests.Keystores;

/// <summary>
/// The smallest inputs a keystore reader meets: the magic numbers at exactly their length, a JKS file one byte short of
/// its header and digest, a keystore with no entries, and the alias list of a failed lookup at its length limit.
/// </summary>
public sealed class KeystoreEdgeTests
{
    private const string Path = "t.jks";

    private static Keystore Load(byte[] data, string password = "pw")
    {
        using var stream = new MemoryStream(data);
        return Keystore.Load(stream, Path, password);
    }

    [Theory]
    [InlineData(new byte[] { 0xFE, 0xED, 0xFE, 0xED }, KeystoreType.Jks)]
    [InlineData(new byte[] { 0xCE, 0xCE, 0xCE, 0xCE }, KeystoreType.Jceks)]
    [InlineData(new byte[] { 0x30, 0x82 }, KeystoreType.Pkcs12)]
    public void A_magic_number_of_exactly_its_length_names_the_format(byte[] header, KeystoreType type)
    {
        Assert.Equal(type, Keystore.DetectType(header));
    }

    [Theory]
    [InlineData(new byte[] { 0x30 })]
    [InlineData(new byte[] { 0xFE, 0xED, 0xFE })]
    [InlineData(new byte[] { 0x31, 0x82 })]
    public void A_header_shorter_than_a_magic_number_names_no_format(byte[] header)
    {
        Assert.Null(Keystore.DetectType(header));
    }

    [Fact]
    public void A_jks_file_one_byte_short_of_its_header_and_digest_is_truncated()
    {
        var data = JavaKeystoreFile.Writer.Jks(2, 0).Raw(new byte[19]).ToArray();

        var e = Assert.Throws<KeystoreException>(() => Load(data));

        Assert.Equal(KeystoreErrorKind.Truncated, e.Kind);
        Assert.Equal("keystore t.jks is truncated", e.Message);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(24)]
    [InlineData(31)]
    public void A_jks_file_shorter_than_a_header_and_digest_is_truncated_before_its_header_is_read(int length)
    {
        // Version 99 would be damaged if the header were read; the 12-byte header and 20-byte digest do not fit.
        var data = JavaKeystoreFile.Writer.Jks(99, 0).Raw(new byte[19]).ToArray()[..length];

        var e = Assert.Throws<KeystoreException>(() => Load(data));

        Assert.Equal((KeystoreErrorKind.Truncated, "keystore t.jks is truncated", null), (e.Kind, e.Message, e.InnerException));
    }

    [Fact]
    public void A_keystore_with_no_entries_says_so_when_an_alias_is_asked_for()
    {
        var keystore = Load(JavaKeystoreFile.Seal(JavaKeystoreFile.Writer.Jks(2, 0).ToArray(), "pw"));

        var e = Assert.Throws<KeystoreException>(() => keystore.GetEntry("wso2carbon"));

        Assert.Equal(KeystoreErrorKind.UnknownAlias, e.Kind);
        Assert.Equal("keystore t.jks has no alias 'wso2carbon'; it holds no entries", e.Message);
        Assert.Empty(keystore.Aliases);
    }

    [Fact]
    public void GetEntry_names_a_missing_alias_argument()
    {
        var keystore = Load(JavaKeystoreFile.Seal(JavaKeystoreFile.Writer.Jks(2, 0).ToArray(), "pw"));

        Assert.Equal("alias", Assert.Throws<ArgumentNullException>(() => keystore.GetEntry(null!)).ParamName);
    }

    [Theory]
    [InlineData(10, "keystore p has no alias 'x'; aliases present: 'a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9'")]
    [InlineData(11, "keystore p has no alias 'x'; aliases present: 'a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9' … and 1 more")]
    public void A_failed_lookup_names_ten_aliases_and_counts_the_rest(int count, string message)
    {
        var aliases = Enumerable.Range(0, count).Select(i => "a" + i);

        Assert.Equal(message, KeystoresText.KeystoreUnknownAlias("p", "x", aliases));
    }

    [Fact]
    public void Parse_names_a_missing_type_name()
    {
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => KeystoreTypes.Parse(null!)).ParamName);
    }

    [Fact]
    public void Fingerprint_names_a_missing_certificate()
    {
        Assert.Equal("certificate", Assert.Throws<ArgumentNullException>(() => KeystoreEntry.Fingerprint((System.Security.Cryptography.X509Certificates.X509Certificate2)null!)).ParamName);
    }
}
