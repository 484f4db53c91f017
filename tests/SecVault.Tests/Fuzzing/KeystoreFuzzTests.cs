using CsCheck;
using SecVault.Keystores;
using SecVault.Testing;
using Xunit.Abstractions;

namespace SecVault.Tests.Fuzzing;

public sealed class KeystoreFuzzTests(ITestOutputHelper output)
{
    // Magic numbers, versions, lengths and tags the JKS/JCEKS and PKCS#12 readers branch on.
    private static readonly string[] Tokens =
    [
        "\u00FE\u00ED\u00FE\u00ED", "\u00CE\u00CE\u00CE\u00CE", "\0\0\0\u0002", "\0\0\0\u0001", "\0\0\0\u0003", "\u007F\u00FF\u00FF\u00FF",
        "\u00FF\u00FF\u00FF\u00FF", "\0\0", "\u00AC\u00ED\0\u0005", "0\u0082", "\u0006\t*\u0086H\u0086\u00F7\r\u0001", "\u0002\u0001\u0003",
    ];

    private static readonly Gen<byte[]> MagicThenBytes = Gen.Select(Gen.Int[0, 2], FuzzInputs.RandomBytes).Select((magic, rest) => (byte[])
        [.. magic switch { 0 => [0xFE, 0xED, 0xFE, 0xED, 0, 0, 0, 2], 1 => [0xCE, 0xCE, 0xCE, 0xCE, 0, 0, 0, 2], _ => new byte[] { 0x30, 0x82 } }, .. rest]);

    [Fact]
    public void Random_bytes_load_or_fail_with_a_keystore_exception()
    {
        FuzzInputs.RandomBytes.Sample(input => { _ = FuzzInvariants.CheckKeystore(input); }, iter: 2000, print: FuzzInputs.Print, threads: 1);
    }

    [Fact]
    public void Mutated_vector_keystores_load_or_fail_with_a_keystore_exception()
    {
        // Each PKCS#12 sample derives its MAC key (thousands of PBKDF rounds): keep the count low for CI.
        var loaded = FuzzInputs.MutatedSeeds("keystore", Tokens, binary: true).CountAccepted(FuzzInvariants.CheckKeystore, iter: 300);

        // Most mutations break the integrity check; a reader that ignored it would load far more than a few.
        Assert.True(loaded < 60, $"{loaded} of 300 mutated keystores loaded");
    }

    [Fact]
    public void A_pkcs12_file_with_an_unknown_mac_digest_algorithm_is_reported_as_damaged()
    {
        // p12-legacy.p12 with one byte of the MAC's SHA-1 OID changed (1.3.14.3.2.26 -> 1.3.14.6274.26).
        var input = File.ReadAllBytes(Path.Combine(Repo.Root, "fuzz", "findings-minimized", "keystore-p12-unknown-mac-digest-oid.p12"));

        var error = Assert.Throws<KeystoreException>(() => Keystore.Load(new MemoryStream(input), "store.p12", FuzzInvariants.KeystorePassword));

        Assert.Equal(KeystoreErrorKind.Tampered, error.Kind);
        Assert.DoesNotContain(FuzzInvariants.KeystorePassword, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("keystore-jks-empty-protected-key.jks")] // one private-key entry whose protected key is empty, zero digest
    [InlineData("keystore-jks-key-not-der.jks")] // a protected key that BouncyCastle's ASN.1 parser rejects with Asn1ParsingException
    public void A_jks_file_with_an_unreadable_protected_key_and_a_bad_digest_is_a_keystore_exception(string finding)
    {
        var input = File.ReadAllBytes(Path.Combine(Repo.Root, "fuzz", "findings-minimized", finding));

        var error = Assert.Throws<KeystoreException>(() => Keystore.Load(new MemoryStream(input), "store.jks", FuzzInvariants.KeystorePassword));

        Assert.Equal(KeystoreErrorKind.WrongPassword, error.Kind);
    }

    [Theory]
    [InlineData("keystore-jceks-pbe-params-absent.jceks")]
    [InlineData("keystore-jceks-pbe-params-null.jceks")]
    [InlineData("keystore-jceks-pbe-params-huge-int.jceks")]
    [InlineData("keystore-jceks-pbe-params-max-iter.jceks")]
    public void A_jceks_key_with_absent_malformed_or_enormous_pbe_parameters_is_a_keystore_exception(string finding)
    {
        // One JCEKS private-key entry with 40 zero bytes of key data under the parameters the name says, zero digest.
        var input = File.ReadAllBytes(Path.Combine(Repo.Root, "fuzz", "findings-minimized", finding));

        var error = Assert.Throws<KeystoreException>(() => Keystore.Load(new MemoryStream(input), "store.jceks", FuzzInvariants.KeystorePassword));

        Assert.Equal(KeystoreErrorKind.WrongPassword, error.Kind);
    }

    [Fact]
    public void Every_bit_flip_in_the_mac_data_of_a_pkcs12_seed_is_refused_as_damaged_or_yields_the_same_key()
    {
        // The MAC guards the rest of the file, so its own bytes (the last ones) are where a corrupt file reaches deepest.
        var original = File.ReadAllBytes(Path.Combine(Repo.Root, "fuzz", "corpus", "keystore", "p12-openssl.p12"));
        var certificate = VectorManifest.Load().Keystore("p12-openssl").Entry("wso2carbon").CertificateSha256;
        var expected = KeyOf(original);
        Assert.Equal(certificate, expected.Certificate);

        var outcomes = Enumerable.Range(original.Length - 64, 64).AsParallel().Select(at =>
        {
            var input = (byte[])original.Clone();
            input[at] ^= 0x01;
            try
            {
                var loaded = KeyOf(input);
                // A flip the reader may ignore: it must still give the very same certificate and private key.
                return (At: at, Outcome: loaded.Certificate == certificate && loaded.Modulus == expected.Modulus && loaded.Exponent == expected.Exponent
                    ? "same key" : "a different key");
            }
            catch (KeystoreException e)
            {
                return (At: at, Outcome: e.Kind is KeystoreErrorKind.Tampered or KeystoreErrorKind.WrongPassword or KeystoreErrorKind.Truncated or KeystoreErrorKind.UnknownFormat
                    ? "refused" : "refused as " + e.Kind);
            }
        }).OrderBy(o => o.At).ToList();

        var report = string.Join(", ", outcomes.GroupBy(o => o.Outcome).Select(g => $"{g.Key}: {g.Count()}"));
        output.WriteLine("flips in the MAC data: " + report);
        Assert.All(outcomes, o => Assert.True(o.Outcome is "refused" or "same key", $"flip at byte {o.At}: {o.Outcome} ({report})"));
        Assert.True(outcomes.Count(o => o.Outcome == "refused") >= 32, report);
    }

    [Fact]
    public void No_random_bytes_after_a_keystore_magic_load()
    {
        // A reader that skipped the integrity digest or the MAC would accept some of these.
        var accepted = MagicThenBytes.CountAccepted(FuzzInvariants.CheckKeystore, iter: 2000);

        Assert.Equal(0, accepted);
    }

    private static (string Certificate, string Modulus, string Exponent) KeyOf(byte[] input)
    {
        var entry = Keystore.Load(new MemoryStream(input), "store.p12", FuzzInvariants.KeystorePassword).GetEntry("wso2carbon");
        using var key = entry.GetRsaPrivateKey(FuzzInvariants.KeystorePassword);
        var parameters = key.ExportParameters(includePrivateParameters: true);
        return (entry.CertificateSha256, Convert.ToHexString(parameters.Modulus!), Convert.ToHexString(parameters.D!));
    }
}
