using SecVault.Keystores;
using SecVault.Testing;

namespace SecVault.Tests.Keystores;

public sealed class KeystoreTests
{
    private static readonly VectorManifest Manifest = VectorManifest.Load();

    public static TheoryData<string> KeystoreNames() => VectorManifest.KeystoreNames();

    private static VectorKeystore Vector(string name) => Manifest.Keystore(name);

    private static Keystore LoadVector(string name, KeystoreType? declared = null)
    {
        var v = Vector(name);
        return Keystore.Load(VectorManifest.KeystorePath(v), v.StorePassword, declared);
    }

    private static KeystoreException LoadFails(byte[] content, string password = "wso2carbon", KeystoreType? declared = null)
    {
        using var temp = new TempFolder();
        var path = temp.Combine("store.bin");
        File.WriteAllBytes(path, content);
        return Assert.Throws<KeystoreException>(() => Keystore.Load(path, password, declared));
    }

    private static byte[] VectorBytes(string name) => File.ReadAllBytes(VectorManifest.KeystorePath(Vector(name)));

    [Theory]
    [MemberData(nameof(KeystoreNames))]
    public void Load_reads_every_vector_keystore_with_its_entries_as_the_JDK_lists_them(string name)
    {
        var v = Vector(name);
        var keystore = LoadVector(name);

        Assert.Equal(KeystoreTypes.Parse(v.Type), keystore.Type);
        Assert.Equal(VectorManifest.KeystorePath(v), keystore.Path);
        Assert.Equal(v.Entries.Select(e => e.Alias).Order(StringComparer.OrdinalIgnoreCase), keystore.Aliases.Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
        foreach (var expected in v.Entries)
        {
            var entry = keystore.GetEntry(expected.Alias);
            Assert.Equal(expected.Kind, entry.Kind.ToString());
            if (entry.Kind != KeystoreEntryKind.SecretKey)
            {
                Assert.Equal(expected.Algorithm, entry.KeyAlgorithm);
                Assert.Equal(expected.KeySize, entry.KeySizeBits);
                Assert.Equal(expected.CertificateSha256, entry.CertificateSha256);
                Assert.Equal(expected.NotAfter!.Value.ToUnixTimeSeconds(), entry.NotAfter.ToUnixTimeSeconds());
            }
        }
    }

    [Theory]
    [MemberData(nameof(KeystoreNames))]
    public void Load_reports_a_wrong_store_password_without_either_password(string name)
    {
        var v = Vector(name);
        const string Wrong = "not-the-password-42";

        var error = Assert.Throws<KeystoreException>(() => Keystore.Load(VectorManifest.KeystorePath(v), Wrong));

        Assert.Equal(KeystoreErrorKind.WrongPassword, error.Kind);
        Assert.Equal(VectorManifest.KeystorePath(v), error.Path);
        Assert.Contains("wrong password", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Wrong, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(v.StorePassword, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(KeystoreNames))]
    public void Load_reports_a_truncated_file_as_truncated(string name)
    {
        var content = VectorBytes(name);

        foreach (var length in new[] { 3, 40, content.Length / 2, content.Length - 30 })
        {
            var error = LoadFails(content[..length], Vector(name).StorePassword);

            Assert.Equal(KeystoreErrorKind.Truncated, error.Kind);
            Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(KeystoreNames))]
    public void Load_reads_the_same_entries_from_a_stream(string name)
    {
        var v = Vector(name);
        using var stream = new MemoryStream(VectorBytes(name));

        var keystore = Keystore.Load(stream, "memory:" + name, v.StorePassword, KeystoreTypes.Parse(v.Type));

        Assert.Equal("memory:" + name, keystore.Path);
        Assert.Equal(LoadVector(name).Aliases, keystore.Aliases);
    }

    [Fact]
    public void Load_accepts_a_unicode_store_password_as_the_JDK_digests_it()
    {
        var keystore = LoadVector("jks-unicode-password");

        Assert.Equal(["wso2carbon"], keystore.Aliases);
    }

    [Fact]
    public void Load_reports_a_missing_file_as_not_found()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("missing.jks");

        var error = Assert.Throws<KeystoreException>(() => Keystore.Load(path, "x"));

        Assert.Equal(KeystoreErrorKind.NotFound, error.Kind);
        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void RequireFile_names_a_folder_as_a_folder_not_as_missing()
    {
        using var temp = new TempFolder();
        var folder = temp.Combine("store.p12");
        Directory.CreateDirectory(folder);

        var error = Assert.Throws<KeystoreException>(() => Keystore.RequireFile(folder));

        Assert.Equal((KeystoreErrorKind.UnreadableFile, $"keystore {folder} is a folder, not a file", folder), (error.Kind, error.Message, error.Path));
    }

    [Fact]
    public void Load_reports_a_folder_as_unreadable()
    {
        using var temp = new TempFolder();

        var error = Assert.Throws<KeystoreException>(() => Keystore.Load(temp.Path, "x"));

        Assert.Equal(KeystoreErrorKind.UnreadableFile, error.Kind);
    }

    [Fact]
    public void RequireFile_names_a_missing_file_or_folder_and_passes_an_existing_one()
    {
        using var temp = new TempFolder();
        var missing = temp.Combine("missing.jks");
        var inMissingFolder = temp.Combine("no-folder/store.jks");

        var error = Assert.Throws<KeystoreException>(() => Keystore.RequireFile(missing));
        var folderError = Assert.Throws<KeystoreException>(() => Keystore.Load(inMissingFolder, "x"));
        Keystore.RequireFile(VectorManifest.KeystorePath(Vector("jks-rsa2048")));

        Assert.Equal((KeystoreErrorKind.NotFound, $"keystore {missing} does not exist", missing), (error.Kind, error.Message, error.Path));
        Assert.Equal((KeystoreErrorKind.NotFound, $"keystore {inMissingFolder} does not exist"), (folderError.Kind, folderError.Message));
        Assert.Throws<ArgumentException>(() => Keystore.RequireFile(string.Empty));
    }

    private sealed class FailingStream : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("the disk went away");

        public override int Read(Span<byte> buffer) => throw new IOException("the disk went away");
    }

    [Fact]
    public void Load_reports_a_stream_that_fails_to_read_as_unreadable_with_the_reason()
    {
        using var stream = new FailingStream();

        var error = Assert.Throws<KeystoreException>(() => Keystore.Load(stream, "memory:store", "x"));

        Assert.Equal((KeystoreErrorKind.UnreadableFile, "cannot read keystore memory:store: the disk went away", "memory:store"), (error.Kind, error.Message, error.Path));
        Assert.Throws<ArgumentNullException>(() => Keystore.Load((Stream)null!, "memory:store", "x"));
        Assert.Throws<ArgumentNullException>(() => Keystore.Load(stream, null!, "x"));
    }

    [Theory]
    [InlineData(new byte[] { 0xFE })]
    [InlineData(new byte[] { 0xFE, 0xED, 0xFE })]
    [InlineData(new byte[] { 0xCE })]
    [InlineData(new byte[] { 0xCE, 0xCE })]
    [InlineData(new byte[] { 0xCE, 0xCE, 0xCE })]
    public void Load_reports_each_cut_java_magic_as_truncated_with_its_message(byte[] content)
    {
        using var temp = new TempFolder();
        var path = temp.Combine("store.bin");
        File.WriteAllBytes(path, content);

        var error = Assert.Throws<KeystoreException>(() => Keystore.Load(path, "x"));

        Assert.Equal((KeystoreErrorKind.Truncated, $"keystore {path} is truncated"), (error.Kind, error.Message));
    }

    [Theory]
    [InlineData(new byte[] { 0xFE, 0xEE })] // not a prefix of either magic
    [InlineData(new byte[] { 0xCE, 0xCF })]
    [InlineData(new byte[] { 0x01, 0x02, 0x03 })]
    public void Load_reports_short_content_that_starts_no_magic_as_an_unknown_format(byte[] content)
    {
        using var temp = new TempFolder();
        var path = temp.Combine("store.bin");
        File.WriteAllBytes(path, content);
        var empty = temp.Combine("empty.bin");
        File.WriteAllBytes(empty, []);

        var error = Assert.Throws<KeystoreException>(() => Keystore.Load(path, "x"));
        var emptyError = Assert.Throws<KeystoreException>(() => Keystore.Load(empty, "x"));

        Assert.Equal((KeystoreErrorKind.UnknownFormat, $"{path} is not a keystore: its content is neither JKS, JCEKS nor PKCS12"), (error.Kind, error.Message));
        Assert.Equal((KeystoreErrorKind.Truncated, $"keystore {empty} is empty"), (emptyError.Kind, emptyError.Message));
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0xFE, 0xED })]
    public void Load_reports_an_empty_or_cut_magic_as_truncated(byte[] content)
    {
        Assert.Equal(KeystoreErrorKind.Truncated, LoadFails(content).Kind);
    }

    [Fact]
    public void Load_reports_text_content_as_an_unknown_format()
    {
        var error = LoadFails("-----BEGIN CERTIFICATE-----\n"u8.ToArray());

        Assert.Equal(KeystoreErrorKind.UnknownFormat, error.Kind);
        Assert.Contains("neither JKS, JCEKS nor PKCS12", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("jks-rsa2048", KeystoreType.Pkcs12)]
    [InlineData("p12-pbes2", KeystoreType.Jks)]
    [InlineData("jks-rsa2048", KeystoreType.Jceks)]
    public void Load_accepts_the_formats_the_JDK_accepts_for_a_declared_type(string name, KeystoreType declared)
    {
        var keystore = LoadVector(name, declared);

        Assert.Equal(KeystoreTypes.Parse(Vector(name).Type), keystore.Type);
    }

    [Theory]
    [InlineData("jceks-rsa2048", KeystoreType.Jks, "JKS", "JCEKS")]
    [InlineData("jceks-rsa2048", KeystoreType.Pkcs12, "PKCS12", "JCEKS")]
    [InlineData("p12-pbes2", KeystoreType.Jceks, "JCEKS", "PKCS12")]
    public void Load_reports_other_type_mismatches_naming_both_types(string name, KeystoreType declared, string declaredName, string actualName)
    {
        var error = Assert.Throws<KeystoreException>(() => LoadVector(name, declared));

        Assert.Equal(KeystoreErrorKind.TypeMismatch, error.Kind);
        Assert.Contains($"declared as {declaredName} but its content is {actualName}", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Hint);
    }

    [Theory]
    [InlineData("jks-rsa2048")]
    [InlineData("jceks-rsa2048")]
    public void Load_tells_a_modified_file_from_a_wrong_password_when_the_password_unlocks_a_key(string name)
    {
        var content = VectorBytes(name);
        content[^25] ^= 0x01; // inside the last certificate, before the digest

        var error = LoadFails(content, Vector(name).StorePassword);

        Assert.Equal(KeystoreErrorKind.Tampered, error.Kind);
        Assert.Contains("modified", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_reports_a_modified_PKCS12_file_as_a_wrong_password_or_modification()
    {
        var content = VectorBytes("p12-pbes2");
        content[content.Length / 2] ^= 0x01;

        var error = LoadFails(content);

        Assert.True(error.Kind is KeystoreErrorKind.WrongPassword or KeystoreErrorKind.Tampered, error.Kind.ToString());
        Assert.Contains("modified", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_reads_a_PKCS12_file_with_bytes_after_its_end_as_the_store_part_does()
    {
        // Fuzz finding (KeystoreFuzzTests seed aqckgJiZTrH1): BouncyCastle's store reads the first DER object and ignores
        // what follows, while the secret-key reader parsed the whole file strictly and threw a bare IOException.
        byte[] content = [.. VectorBytes("p12-multi"), 0x00, 0x30, 0x00];
        using var temp = new TempFolder();
        var path = temp.Combine("store.p12");
        File.WriteAllBytes(path, content);

        var keystore = Keystore.Load(path, Vector("p12-multi").StorePassword);

        Assert.Equal(["first", "second", "trusted-ca"], keystore.Aliases.Order(StringComparer.Ordinal));
        Assert.Equal(KeystoreEntryKind.PrivateKey, keystore.GetEntry("second").Kind);
    }

    [Fact]
    public void GetEntry_reports_an_unknown_alias_listing_the_aliases_present()
    {
        var keystore = LoadVector("jks-multi");

        var error = Assert.Throws<KeystoreException>(() => keystore.GetEntry("wso2carbon"));

        Assert.Equal(KeystoreErrorKind.UnknownAlias, error.Kind);
        Assert.Equal("wso2carbon", error.Alias);
        Assert.Contains("aliases present: ", error.Message, StringComparison.Ordinal);
        Assert.All(["'first'", "'second'", "'trusted-ca'"], a => Assert.Contains(a, error.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("jks-multi", "SECOND")]
    [InlineData("p12-multi", "Trusted-CA")]
    public void GetEntry_matches_aliases_case_insensitively(string name, string alias)
    {
        var entry = LoadVector(name).GetEntry(alias);

        Assert.Equal(alias, entry.Alias, ignoreCase: true);
    }

    [Fact]
    public void GetEntry_prefers_an_exact_match_over_a_case_insensitive_one()
    {
        // keytool and BouncyCastle fold aliases to one case, but the JKS format allows any: write one by hand.
        var source = LoadVector("jks-multi");
        using var stream = new MemoryStream(TrustedCertificateJks(
            "casepass",
            ("Key", source.GetEntry("first").Certificate.RawData),
            ("key", source.GetEntry("second").Certificate.RawData)));

        var keystore = Keystore.Load(stream, "cases.jks", "casepass");

        Assert.Equal(source.GetEntry("first").CertificateSha256, keystore.GetEntry("Key").CertificateSha256);
        Assert.Equal(source.GetEntry("second").CertificateSha256, keystore.GetEntry("key").CertificateSha256);
        Assert.Equal(KeystoreEntryKind.TrustedCertificate, keystore.GetEntry("KEY").Kind);
    }

    [Theory]
    [InlineData(new byte[] { 0xFE, 0xED, 0xFE, 0xED, 0 }, KeystoreType.Jks)]
    [InlineData(new byte[] { 0xCE, 0xCE, 0xCE, 0xCE }, KeystoreType.Jceks)]
    [InlineData(new byte[] { 0x30, 0x82, 0x0A }, KeystoreType.Pkcs12)]
    public void DetectType_recognises_each_format_by_its_first_bytes(byte[] header, KeystoreType expected)
    {
        Assert.Equal(expected, Keystore.DetectType(header));
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x2D, 0x2D, 0x2D })]
    [InlineData(new byte[] { 0xFE, 0xED, 0xFE })]
    public void DetectType_returns_null_for_anything_else(byte[] header)
    {
        Assert.Null(Keystore.DetectType(header));
    }

    /// <summary>A JKS (version 2) of trusted-certificate entries, with the JDK's integrity digest.</summary>
    private static byte[] TrustedCertificateJks(string password, params (string Alias, byte[] Der)[] entries)
    {
        using var body = new MemoryStream();
        using (var w = new BinaryWriter(body, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            void Int(int v) => w.Write(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(v));
            void Utf(string text)
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(text);
                w.Write(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((ushort)bytes.Length));
                w.Write(bytes);
            }

            w.Write(new byte[] { 0xFE, 0xED, 0xFE, 0xED });
            Int(2);
            Int(entries.Length);
            foreach (var (alias, der) in entries)
            {
                Int(2);
                Utf(alias);
                w.Write(0L);
                Utf("X.509");
                Int(der.Length);
                w.Write(der);
            }
        }

        var content = body.ToArray();
#pragma warning disable CA5350 // The JKS format fixes SHA-1.
        var digest = System.Security.Cryptography.SHA1.HashData(
            [.. System.Text.Encoding.BigEndianUnicode.GetBytes(password), .. "Mighty Aphrodite"u8, .. content]);
#pragma warning restore CA5350
        return [.. content, .. digest];
    }

    [Fact]
    public void An_unknown_alias_in_a_large_keystore_names_ten_aliases_and_counts_the_rest()
    {
        var present = Enumerable.Range(1, 25).Select(i => "cert" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture));

        var message = KeystoresText.KeystoreUnknownAlias("ks.jks", "wso2carbon", present);

        Assert.Equal(
            "keystore ks.jks has no alias 'wso2carbon'; aliases present: 'cert01', 'cert02', 'cert03', 'cert04', 'cert05', "
            + "'cert06', 'cert07', 'cert08', 'cert09', 'cert10' … and 15 more",
            message);
    }
}
