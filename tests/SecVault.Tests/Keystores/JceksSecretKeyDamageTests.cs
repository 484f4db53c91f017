using SecVault.Keystores;
using SecVault.Testing;

namespace SecVault.Tests.Keystores;

/// <summary>
/// The keytool-made JCEKS secret key of secretkeys.json with single bytes changed, and its integrity digest made again
/// as the JDK's JceKeyStore computes it (SHA-1 over the store password as UTF-16BE, "Mighty Aphrodite" and the
/// content), so each change reaches the entry's reader rather than the store's integrity check.
/// </summary>
public sealed class JceksSecretKeyDamageTests : IDisposable
{
    private const string Alias = "vaultkey";
    private static readonly VectorKeystore Vector = VectorManifest.LoadSecretKeys().Keystore("jceks-secretkey-keypass");
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static byte[] Original() => File.ReadAllBytes(VectorManifest.KeystorePath(Vector));

    /// <summary>The content without its 20-byte digest, edited, with the JDK's digest for the store password after it.</summary>
    private static byte[] Resealed(Func<byte[], byte[]> edit) => JavaKeystoreFile.Seal(edit(Original()[..^20]), Vector.StorePassword);

    private static byte[] Edit(byte[] content, int offset, params byte[] bytes)
    {
        var copy = (byte[])content.Clone();
        bytes.CopyTo(copy, offset);
        return copy;
    }

    // Offsets found by content, not fixed: the sealed object's DER PBE parameters SEQUENCE { OCTET STRING (8), INTEGER },
    // its encryptedContent (a byte array right after them) and its sealAlg string (the last of the two algorithm names).
    private static int Parameters(byte[] content) => content.AsSpan().IndexOf(new byte[] { 0x30, 0x0F, 0x04, 0x08 });

    private static int SealAlgorithm(byte[] content) => content.AsSpan().LastIndexOf("PBEWithMD5AndTripleDES"u8.ToArray());

    private string Write(byte[] data)
    {
        var path = _temp.Combine("damaged.jceks");
        File.WriteAllBytes(path, data);
        return path;
    }

    [Fact]
    public void The_resealed_original_still_opens_so_each_change_below_is_the_only_difference()
    {
        var path = Write(Resealed(c => c));

        using var material = Keystore.Load(path, Vector.StorePassword).GetEntry(Alias).GetSecretKey(Vector.KeyPassword);

        Assert.Equal(Original(), File.ReadAllBytes(path));
        Assert.Equal(32, material.Key.Length);
    }

    [Theory]
    [InlineData(0)] // the stream magic 0xACED
    [InlineData(3)] // the stream version 5
    public void A_sealed_key_that_is_not_a_serialization_stream_is_a_damaged_keystore(int offsetInStream)
    {
        // The stream starts after the header (12), the tag (4), the alias (2 + 8) and the date (8).
        var path = Write(Resealed(c => Edit(c, 34 + offsetInStream, 0x00)));

        var error = Assert.Throws<KeystoreException>(() => Keystore.Load(path, Vector.StorePassword));

        Assert.Equal((KeystoreErrorKind.Tampered, $"keystore {path} is damaged and cannot be read", null), (error.Kind, error.Message, error.Alias));
        Assert.IsType<InvalidDataException>(error.InnerException);
    }

    [Fact]
    public void A_sealed_key_cut_short_is_a_truncated_keystore()
    {
        var path = Write(Resealed(c => c[..^30]));

        var error = Assert.Throws<KeystoreException>(() => Keystore.Load(path, Vector.StorePassword));

        Assert.Equal((KeystoreErrorKind.Truncated, $"keystore {path} is truncated"), (error.Kind, error.Message));
    }

    [Fact]
    public void A_key_sealed_with_another_algorithm_is_listed_but_cannot_be_read()
    {
        var path = Write(Resealed(c => Edit(c, SealAlgorithm(c) + 21, (byte)'Z')));
        var entry = Keystore.Load(path, Vector.StorePassword).GetEntry(Alias);

        var error = Assert.Throws<KeystoreException>(() => entry.GetSecretKey(Vector.KeyPassword));

        Assert.Equal((KeystoreEntryKind.SecretKey, false), (entry.Kind, entry.CanReadSecretKey));
        Assert.Equal(KeystoreErrorKind.UnsupportedProtection, error.Kind);
        Assert.Equal($"'{Alias}' in keystore {path} is a secret key SecVault cannot read (PKCS12 and JCEKS secret keys as keytool -genseckey writes them are read)", error.Message);
    }

    [Fact]
    public void A_changed_first_block_of_the_sealed_key_does_not_unseal_and_reads_as_a_wrong_key_password()
    {
        // CBC: the first plaintext block (the serialization header) is garbled, the padding at the end is intact.
        var path = Write(Resealed(c =>
        {
            var content = Parameters(c) + 17 + 10;
            return Edit(c, content, (byte)(c[content] ^ 0x01));
        }));
        var entry = Keystore.Load(path, Vector.StorePassword).GetEntry(Alias);

        var error = Assert.Throws<KeystoreException>(() => entry.GetSecretKey(Vector.KeyPassword));

        Assert.Equal(KeystoreErrorKind.WrongKeyPassword, error.Kind);
    }

    [Theory]
    [InlineData(new byte[] { 0x4C, 0x4B, 0x41 })] // 5,000,001 iterations, one more than the JDK's KeyProtector allows
    [InlineData(new byte[] { 0x80, 0x00, 0x00 })] // a negative count
    [InlineData(new byte[] { 0x00, 0x00, 0x00 })] // zero (not minimal DER)
    public void A_sealed_key_whose_pbe_parameters_are_out_of_range_is_a_damaged_keystore(byte[] count)
    {
        // The INTEGER's 3 content bytes follow the SEQUENCE (2), the OCTET STRING (2 + 8) and the INTEGER's header (2).
        var path = Write(Resealed(c => Edit(c, Parameters(c) + 14, count)));
        var entry = Keystore.Load(path, Vector.StorePassword).GetEntry(Alias);

        var error = Assert.Throws<KeystoreException>(() => entry.GetSecretKey(Vector.KeyPassword));

        Assert.Equal((KeystoreErrorKind.Tampered, $"keystore {path} is damaged and cannot be read", Alias), (error.Kind, error.Message, error.Alias));
    }

    /// <summary>
    /// The sealed object's encodedParams replaced by <paramref name="der"/>: the Java byte array's 4-byte length
    /// before it changes with it (keytool's parameters are 17 bytes: an 8-byte salt and a 3-byte count).
    /// </summary>
    private static byte[] WithParameters(byte[] content, byte[] der)
    {
        var at = Parameters(content);
        var length = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, der.Length);
        return [.. content[..(at - 4)], .. length, .. der, .. content[(at + 17)..]];
    }

    [Theory]
    // SEQUENCE { OCTET STRING salt, INTEGER count } (PKCS #5 PBEParameter) with a salt of 7 or 9 bytes,
    [InlineData(new byte[] { 0x30, 0x0E, 0x04, 0x07, 1, 2, 3, 4, 5, 6, 7, 0x02, 0x03, 0x03, 0x0D, 0x40 })]
    [InlineData(new byte[] { 0x30, 0x10, 0x04, 0x09, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0x02, 0x03, 0x03, 0x0D, 0x40 })]
    // a count of 2^31 (32 bits) or 2^31 - 1 (31 bits, above the 5,000,000 limit),
    [InlineData(new byte[] { 0x30, 0x11, 0x04, 0x08, 1, 2, 3, 4, 5, 6, 7, 8, 0x02, 0x05, 0x00, 0x80, 0x00, 0x00, 0x00 })]
    [InlineData(new byte[] { 0x30, 0x10, 0x04, 0x08, 1, 2, 3, 4, 5, 6, 7, 8, 0x02, 0x04, 0x7F, 0xFF, 0xFF, 0xFF })]
    // or no count at all.
    [InlineData(new byte[] { 0x30, 0x0A, 0x04, 0x08, 1, 2, 3, 4, 5, 6, 7, 8 })]
    public void A_sealed_key_whose_pbe_parameters_have_another_shape_is_a_damaged_keystore(byte[] parameters)
    {
        var path = Write(Resealed(c => WithParameters(c, parameters)));
        var entry = Keystore.Load(path, Vector.StorePassword).GetEntry(Alias);

        var error = Assert.Throws<KeystoreException>(() => entry.GetSecretKey(Vector.KeyPassword));

        Assert.Equal((KeystoreErrorKind.Tampered, $"keystore {path} is damaged and cannot be read", Alias), (error.Kind, error.Message, error.Alias));
    }

    [Fact]
    public void The_parameters_written_back_as_they_were_still_unseal()
    {
        var original = Original()[..^20];
        var at = Parameters(original);
        var path = Write(Resealed(c => WithParameters(c, original[at..(at + 17)])));

        using var material = Keystore.Load(path, Vector.StorePassword).GetEntry(Alias).GetSecretKey(Vector.KeyPassword);

        Assert.Equal(32, material.Key.Length);
    }

    /// <summary>
    /// The sealed object's encodedParams and encryptedContent replaced by another sealed key's (each a Java byte array with
    /// its 4-byte length; the content array names its class [B by a 5-byte reference).
    /// </summary>
    private static byte[] WithSealedKey(byte[] content, byte[] parameters, byte[] encrypted)
    {
        var at = Parameters(content) + 17 + 6;
        var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(content.AsSpan(at));
        var encryptedLength = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(encryptedLength, encrypted.Length);
        return WithParameters([.. content[..at], .. encryptedLength, .. encrypted, .. content[(at + 4 + length)..]], parameters);
    }

    // Sealed by the JDK's PBEWithMD5AndTripleDES under the key password, salt 0102030405060708 (tests/vectors/java/PbeFixtures.java),
    // each the ObjectOutputStream form of the key: a SecretKeySpec of AES key 00112233445566778899AABBCCDDEEFF, a KeyRep,
    // and a Serializable class holding both a key and a RAW encoded form.
    private const string OneIteration = "300D04080102030405060708020101";
    private const string AesKey = "00112233445566778899AABBCCDDEEFF";

    [Theory]
    [InlineData(OneIteration, "B93265128B3A73C3E48FE32951202C995C24FABE18012316E38C634D2E31CC0ED1655AFAD212A95D669C1FA654FBBEC9DBF32B5C724EE8EBCCFB1D955964EB5528A3D6026B8420AD23131E9C3C2F1E3FA4A3E3D85CC2ACD6F1838FC2742DABBDF64582DFD4570050E4426E715091C107A3FFF1EDE733CBA519628D91F358FD72B1F44D35070EAAB50CD45D6E15350208")]
    [InlineData("300F0408010203040506070802034C4B40", "750E89E8DABAA077A4869E34B16C7CE23B452A2BF27C0B7C58D96BABA22020C7E17CAFCAF314F8A59E009CD1E8341CCC1E4EAADA7A95BEBAF35541C0E7B4D16F8CA2D1F5A78391CA8D1DDA60EF4016DA89FCA0D2851BC818364C3631F730812239CB0C9DA5DEDADBEEB76EB2871AB02AB7356F2E16C0D179298BA8CB2B8F763EFF1D59244D130105EFB6ED5FCDD99CCA")]
    public void A_key_sealed_with_1_iteration_or_with_the_jdk_s_limit_of_5_000_000_unseals(string parameters, string encrypted)
    {
        var path = Write(Resealed(c => WithSealedKey(c, Convert.FromHexString(parameters), Convert.FromHexString(encrypted))));

        using var material = Keystore.Load(path, Vector.StorePassword).GetEntry(Alias).GetSecretKey(Vector.KeyPassword);

        Assert.Equal((AesKey, "AES"), (Convert.ToHexString(material.Key), material.Algorithm));
    }

    [Fact]
    public void A_sealed_key_rep_in_a_format_other_than_raw_is_a_key_secvault_cannot_read_not_a_wrong_password()
    {
        // new KeyRep(KeyRep.Type.PUBLIC, "RSA", "X.509", 0F0E0D0C0B0A0908): the JDK would make a public key of it.
        const string Encrypted = "AE3078E49732981597C222D633F5036CE7CC6FDCD7C6A1BF77DDBD326032D75F9C1E71389ACB42F51DFB82212DB81AC61D989258B031E3EA794B6397528BA199BA4CB53C9C1821AD02A8C3807A597C572DD5F7BD09AA1F2D0936298EEFA8B9D0EFDFA3B0A7063B80464238FC3E2ECC1CC5F2B88138BA31C98A2C55C8EEC050AAFE16A68DF1BD33DA00CBD41C6E2156A190B6CDEC8A61ACD87032C34BCE80072E091B121FCF92A93EA01AFF37C71C43D1D32B9CC85A3A710BB2765AA1842F75BC01C932D58ABC2A0B1418B30DFC90FD7598006E2A7E63541CA4C7E86F9540E7BF595E1BDC41228ABCF431FD62EC6DC40DAA4DDB8E5DC5F19C5D6F5C09D993278D13B8ABCF0E597C448BA0079EC5888C8F";
        var path = Write(Resealed(c => WithSealedKey(c, Convert.FromHexString(OneIteration), Convert.FromHexString(Encrypted))));
        var entry = Keystore.Load(path, Vector.StorePassword).GetEntry(Alias);

        var error = Assert.Throws<KeystoreException>(() => entry.GetSecretKey(Vector.KeyPassword));

        Assert.Equal(
            (KeystoreErrorKind.UnsupportedProtection, $"'{Alias}' in keystore {path} is a secret key SecVault cannot read (PKCS12 and JCEKS secret keys as keytool -genseckey writes them are read)"),
            (error.Kind, error.Message));
    }

    [Fact]
    public void A_sealed_key_holding_both_a_key_and_a_raw_encoded_form_gives_its_key()
    {
        // A class with fields key (the AES key above), format "RAW", encoded 0F0E0D0C0B0A0908 and algorithm "AES".
        const string Encrypted = "A1D7F6F430D9721C5F1761C29E2820E16E92CF74246203EA111294318AB27DC628079AA54AA586908877335743FC352DA44CC0D9CC466BCA24B0872E0B53456DAE494056260A6C17123B5DDE0FDD7E75375D149A4162A829BAEEF9FDA7C58B6513B2C5A8DCB2693E83C04215B7455F4EBD71FF6E836703E482FA444B8238CBB4D2F6F148D1860041D6A3C7B2F4D8D9204F82895AEEB71A97940952FF785CF3BC2A596DEFDEB6F126C44EF59EC9118AD4CB48E62C4EE948B5";
        var path = Write(Resealed(c => WithSealedKey(c, Convert.FromHexString(OneIteration), Convert.FromHexString(Encrypted))));

        using var material = Keystore.Load(path, Vector.StorePassword).GetEntry(Alias).GetSecretKey(Vector.KeyPassword);

        Assert.Equal((AesKey, "AES"), (Convert.ToHexString(material.Key), material.Algorithm));
    }

    [Fact]
    public void A_sealed_key_whose_pbe_parameters_are_not_der_is_a_damaged_keystore()
    {
        var path = Write(Resealed(c => Edit(c, Parameters(c), 0x04)));
        var entry = Keystore.Load(path, Vector.StorePassword).GetEntry(Alias);

        var error = Assert.Throws<KeystoreException>(() => entry.GetSecretKey(Vector.KeyPassword));

        Assert.Equal((KeystoreErrorKind.Tampered, $"keystore {path} is damaged and cannot be read", Alias), (error.Kind, error.Message, error.Alias));
    }

    [Fact]
    public void A_wrong_store_password_on_a_store_of_secret_keys_alone_is_a_wrong_password()
    {
        // No private key to try the password on, so the failed digest cannot be told from a changed file.
        var path = Write(Original());

        var error = Assert.Throws<KeystoreException>(() => Keystore.Load(path, Vector.KeyPassword));

        Assert.Equal((KeystoreErrorKind.WrongPassword, $"cannot open keystore {path}: wrong password, or the file was modified"), (error.Kind, error.Message));
    }
}
