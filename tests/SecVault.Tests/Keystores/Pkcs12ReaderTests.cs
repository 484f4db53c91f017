using System.Formats.Asn1;
using SecVault.Keystores;
using SecVault.Testing;

namespace SecVault.Tests.Keystores;

/// <summary>
/// The PKCS#12 vectors keytool and openssl made, with their MAC changed (so the password is checked on the protected
/// parts: certificates in encryptedData, shrouded key bags) and with outer lengths cut at the DER length forms' limits.
/// </summary>
public sealed class Pkcs12ReaderTests : IDisposable
{
    private static readonly VectorManifest Manifest = VectorManifest.Load();
    private static readonly VectorManifest SecretKeys = VectorManifest.LoadSecretKeys();
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static VectorKeystore Vector(string name) =>
        Manifest.Keystores.Concat(SecretKeys.Keystores).Single(k => k.Name == name);

    private string Write(byte[] data)
    {
        var path = _temp.Combine("store.p12");
        File.WriteAllBytes(path, data);
        return path;
    }

    /// <summary>The vector with one bit of its MAC value changed: PFX ::= SEQUENCE { version, authSafe, macData { mac DigestInfo, ... } }.</summary>
    private static byte[] WithChangedMac(string name)
    {
        var data = File.ReadAllBytes(VectorManifest.KeystorePath(Vector(name)));
        var pfx = new AsnReader(data, AsnEncodingRules.BER).ReadSequence();
        pfx.ReadInteger();
        pfx.ReadEncodedValue();
        var digestInfo = pfx.ReadSequence().ReadSequence();
        digestInfo.ReadEncodedValue();
        var mac = digestInfo.ReadOctetString();
        var offset = data.AsSpan().IndexOf(mac);
        Assert.True(offset > 0 && data.AsSpan(offset + 1).IndexOf(mac) < 0, "the MAC value is found once");
        data[offset] ^= 0x01;
        return data;
    }

    [Theory]
    [InlineData("p12-pbes2")] // keytool: PBES2 AES-256 key bags and certificates
    [InlineData("p12-legacy")] // keytool -J-Dkeystore.pkcs12.legacy: 3DES key bags, RC2-40 certificates
    [InlineData("p12-openssl")] // openssl 3: PBES2
    [InlineData("p12-multi")] // two keys and a trusted certificate
    [InlineData("p12-secretkeys")] // secret bags beside an RSA key
    public void A_changed_mac_with_the_right_password_is_a_modified_file_and_with_a_wrong_one_a_wrong_password(string name)
    {
        var path = Write(WithChangedMac(name));

        var modified = Assert.Throws<KeystoreException>(() => Keystore.Load(path, Vector(name).StorePassword));
        var wrong = Assert.Throws<KeystoreException>(() => Keystore.Load(path, "not-the-password"));

        Assert.Equal((KeystoreErrorKind.Tampered, $"keystore {path} was modified or is damaged: the password is right but the integrity check fails"), (modified.Kind, modified.Message));
        Assert.Equal((KeystoreErrorKind.WrongPassword, $"cannot open keystore {path}: wrong password, or the file was modified"), (wrong.Kind, wrong.Message));
        Assert.Equal("check the keystore password", wrong.Hint);
    }

    public static TheoryData<byte[], bool> OuterLengths() => new()
    {
        // Short form: 0x30, then a length under 128 and that many bytes, or one fewer.
        { [0x30, 0x03, 0x02, 0x01], true },
        { [0x30, 0x02, 0x05, 0x00], false },
        // Long form: 0x81 and one length byte; 0x82 and two (0x0100 = 256).
        { [0x30, 0x81, 0x80, .. new byte[127]], true },
        { [0x30, 0x81, 0x80, .. new byte[128]], false },
        { [0x30, 0x82, 0x01, 0x00, .. new byte[255]], true },
        { [0x30, 0x82, 0x01, 0x00, .. new byte[256]], false },
        // Length bytes announced but not there.
        { [0x30, 0x82, 0x01], true },
        { [0x30, 0x84, 0x00, 0x00, 0x00], true },
        // Indefinite length (0x80) and five length bytes are left to the parser, which finds them damaged.
        { [0x30, 0x80, 0x00, 0x00], false },
        { [0x30, 0x85, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00], false },
    };

    [Fact]
    public void A_single_byte_is_truncated()
    {
        // Keystore.Load calls one byte no format at all; the reader on its own calls it cut short.
        var error = Assert.Throws<KeystoreException>(() => Pkcs12Reader.Read([0x30], "one.p12", "pw"));

        Assert.Equal((KeystoreErrorKind.Truncated, "keystore one.p12 is truncated"), (error.Kind, error.Message));
    }

    [Theory]
    [MemberData(nameof(OuterLengths))]
    public void An_outer_sequence_longer_than_the_file_is_truncated_and_one_that_fits_is_parsed(byte[] data, bool truncated)
    {
        var path = Write(data);

        var error = Assert.Throws<KeystoreException>(() => Keystore.Load(path, "pw", KeystoreType.Pkcs12));

        Assert.Equal(
            truncated ? (KeystoreErrorKind.Truncated, $"keystore {path} is truncated") : (KeystoreErrorKind.Tampered, $"keystore {path} is damaged and cannot be read"),
            (error.Kind, error.Message));
    }
}
