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
