using System.Formats.Asn1;
using SecVault.Keystores;
using SecVault.Testing;

namespace SecVault.Tests.Keystores;

/// <summary>
/// The managed certificate reader, on the JDK's certificates of the vectors (compared with the manifest and with .NET's
/// own certificate parser) and on certificates written here field by field with AsnWriter after RFC 5280 and RFC 8017,
/// whose key sizes and exponents are worked out by hand in each case.
/// </summary>
public sealed class CertificatePublicKeyTests
{
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcOid = "1.2.840.10045.2.1";
    private const string Sha256WithRsaOid = "1.2.840.113549.1.1.11";
    private static readonly VectorManifest Manifest = VectorManifest.Load();

    private static byte[] VectorCertificate(string name)
    {
        var vector = Manifest.Keystore(name);
        return Keystore.Load(VectorManifest.KeystorePath(vector), vector.StorePassword).GetEntry("wso2carbon").Certificate.RawData;
    }

    private static void AlgorithmIdentifier(AsnWriter writer, string oid, bool nullParameters = true)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            if (nullParameters)
            {
                writer.WriteNull();
            }
        }
    }

    /// <summary>An RSAPublicKey (RFC 8017 A.1.1) of the given two's-complement integers, inside a SubjectPublicKeyInfo.</summary>
    private static Action<AsnWriter> RsaKey(byte[] modulus, byte[] exponent, int unusedBits = 0, string oid = RsaOid, Action<AsnWriter>? inKey = null) => writer =>
    {
        var key = new AsnWriter(AsnEncodingRules.DER);
        using (key.PushSequence())
        {
            key.WriteInteger(modulus);
            key.WriteInteger(exponent);
            inKey?.Invoke(key);
        }

        var encoded = key.Encode();
        using (writer.PushSequence())
        {
            AlgorithmIdentifier(writer, oid);
            writer.WriteBitString(encoded, unusedBits);
        }
    };

    /// <summary>A certificate's DER: tbsCertificate (RFC 5280 4.1), signatureAlgorithm and a signature nobody checks.</summary>
    private static byte[] Certificate(
        Action<AsnWriter> subjectPublicKeyInfo,
        bool version = true,
        Action<AsnWriter>? afterKey = null,
        Action<AsnWriter>? afterSignature = null)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                if (version)
                {
                    using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                    {
                        writer.WriteInteger(2);
                    }
                }

                writer.WriteInteger(7);
                AlgorithmIdentifier(writer, Sha256WithRsaOid);
                using (writer.PushSequence())
                {
                }

                using (writer.PushSequence())
                {
                    writer.WriteUtcTime(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
                    writer.WriteUtcTime(new DateTimeOffset(2036, 1, 1, 0, 0, 0, TimeSpan.Zero));
                }

                using (writer.PushSequence())
                {
                }

                subjectPublicKeyInfo(writer);
                afterKey?.Invoke(writer);
            }

            AlgorithmIdentifier(writer, Sha256WithRsaOid);
            writer.WriteBitString([1, 2, 3]);
            afterSignature?.Invoke(writer);
        }

        return writer.Encode();
    }

    /// <summary>A positive modulus of <paramref name="length"/> bytes whose first byte is <paramref name="first"/> (the rest zero).</summary>
    private static byte[] Modulus(int length, byte first)
    {
        var modulus = new byte[length];
        modulus[0] = first;
        return modulus;
    }

    private static readonly byte[] F4 = [0x01, 0x00, 0x01]; // 65537

    // 0x00 (the sign), then 0x80 and zeros: 128 and 256 bytes of magnitude with the top bit set, 1024 and 2048 bits.
    private static readonly byte[] Modulus1024 = [0x00, 0x80, .. new byte[127]];
    private static readonly byte[] Modulus2048 = [0x00, 0x80, .. new byte[255]];

    [Theory]
    [InlineData("jks-rsa2048")]
    [InlineData("jks-rsa3072")]
    [InlineData("jks-rsa4096")]
    [InlineData("p12-openssl")]
    public void An_rsa_certificate_the_jdk_or_openssl_made_reads_to_its_key_size_and_the_key_NET_finds(string name)
    {
        var der = VectorCertificate(name);
        using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(der);

        var key = CertificatePublicKey.TryRead(der)!;

        Assert.Equal((RsaOid, Manifest.Keystore(name).Entry("wso2carbon").KeySize, true), (key.AlgorithmOid, key.KeySizeBits, key.UsableExponent));
        Assert.Equal((true, true), (key.IsRsa, key.IsUsableRsa));
        Assert.Equal(certificate.PublicKey.ExportSubjectPublicKeyInfo(), key.SubjectPublicKeyInfo);
    }

    [Fact]
    public void An_ec_certificate_reads_to_its_algorithm_with_no_rsa_size()
    {
        var der = VectorCertificate("jks-ec");
        using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(der);

        var key = CertificatePublicKey.TryRead(der)!;

        Assert.Equal((EcOid, 0, false, false, false), (key.AlgorithmOid, key.KeySizeBits, key.UsableExponent, key.IsRsa, key.IsUsableRsa));
        Assert.Equal(certificate.PublicKey.ExportSubjectPublicKeyInfo(), key.SubjectPublicKeyInfo);
    }

    [Theory]
    // A leading 0x00 keeps the sign bit clear and is not counted: 128 bytes after it, the first 0x80, are 1024 bits.
    [InlineData(129, 0x80, 1024)]
    // 128 bytes, the first 0x40: 127 * 8 + 7 = 1023 bits.
    [InlineData(128, 0x40, 1023)]
    // 128 bytes, the first 0x7F: 127 * 8 + 7 = 1023 bits as well (the highest bit set decides).
    [InlineData(128, 0x7F, 1023)]
    // 256 bytes, the first 0x01: 255 * 8 + 1 = 2041 bits.
    [InlineData(256, 0x01, 2041)]
    public void The_key_size_is_the_bit_length_of_the_modulus(int length, byte first, int bits)
    {
        // The top bit set needs the sign byte before it.
        byte[] modulus = first >= 0x80 ? [0x00, .. Modulus(length - 1, first)] : Modulus(length, first);

        var key = CertificatePublicKey.TryRead(Certificate(RsaKey(modulus, F4)))!;

        Assert.Equal((RsaOid, bits, true, true), (key.AlgorithmOid, key.KeySizeBits, key.UsableExponent, key.IsRsa));
        Assert.Equal(bits >= 1024, key.IsUsableRsa);
    }

    [Theory]
    [InlineData(new byte[] { 0x03 }, true)]
    [InlineData(new byte[] { 0x01 }, false)] // e = 1 leaves the plaintext as it is
    [InlineData(new byte[] { 0x02 }, false)] // even
    [InlineData(new byte[] { 0x01, 0x00 }, false)] // 256, even
    [InlineData(new byte[] { 0x01, 0x01 }, true)] // 257: odd, and two bytes long, so at least 3
    [InlineData(new byte[] { 0x01, 0x00, 0x01 }, true)] // 65537
    public void The_exponent_is_usable_when_odd_and_at_least_3(byte[] exponent, bool usable)
    {
        var key = CertificatePublicKey.TryRead(Certificate(RsaKey(Modulus2048, exponent)))!;

        Assert.Equal((2048, usable, true, usable), (key.KeySizeBits, key.UsableExponent, key.IsRsa, key.IsUsableRsa));
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0x00 }, new byte[] { 0x03 })] // a negative modulus
    [InlineData(new byte[] { 0x00, 0x80 }, new byte[] { 0x81 })] // a negative exponent
    [InlineData(new byte[] { 0x00 }, new byte[] { 0x03 })] // a zero modulus
    public void A_modulus_or_exponent_that_is_not_positive_gives_no_rsa_key(byte[] modulus, byte[] exponent)
    {
        var key = CertificatePublicKey.TryRead(Certificate(RsaKey(modulus, exponent)))!;

        Assert.Equal((RsaOid, 0, false, false), (key.AlgorithmOid, key.KeySizeBits, key.IsRsa, key.IsUsableRsa));
    }

    [Fact]
    public void An_rsa_key_in_a_bit_string_with_unused_bits_is_not_read_as_rsa()
    {
        // The exponent 65536 ends in a zero byte, so DER allows the bit string to say its last bit is unused.
        var key = CertificatePublicKey.TryRead(Certificate(RsaKey(Modulus1024, [0x01, 0x00, 0x00], unusedBits: 1)))!;

        Assert.Equal((RsaOid, 0, false, false), (key.AlgorithmOid, key.KeySizeBits, key.UsableExponent, key.IsRsa));
    }

    [Fact]
    public void A_key_of_another_algorithm_is_not_read_as_rsa_even_when_its_content_is_an_rsa_key()
    {
        var key = CertificatePublicKey.TryRead(Certificate(RsaKey(Modulus1024, F4, oid: "1.2.840.113549.1.1.10")))!;

        Assert.Equal(("1.2.840.113549.1.1.10", 0, false, false), (key.AlgorithmOid, key.KeySizeBits, key.UsableExponent, key.IsRsa));
    }

    [Fact]
    public void A_version_1_certificate_without_the_version_field_and_one_with_extensions_are_read()
    {
        var extensions = new Asn1Tag(TagClass.ContextSpecific, 3, isConstructed: true);

        var v1 = CertificatePublicKey.TryRead(Certificate(RsaKey(Modulus1024, F4), version: false))!;
        var v3 = CertificatePublicKey.TryRead(Certificate(RsaKey(Modulus1024, F4), afterKey: w =>
        {
            using (w.PushSequence(extensions))
            using (w.PushSequence())
            {
            }
        }))!;

        Assert.Equal((1024, 1024), (v1.KeySizeBits, v3.KeySizeBits));
        Assert.Equal(v1.SubjectPublicKeyInfo, v3.SubjectPublicKeyInfo);
    }

    public static TheoryData<string> MalformedCertificates() => ["extra element after the signature", "extra element in the key info", "extra element in the RSA key", "RSA key not a sequence", "BER length form", "empty"];

    /// <summary>An RSAPublicKey SEQUENCE { INTEGER 5, INTEGER 3 }, well formed.</summary>
    private static readonly byte[] SmallRsaKey = [0x30, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x03];

    [Theory]
    [MemberData(nameof(MalformedCertificates))]
    public void A_certificate_that_is_not_der_of_rfc_5280_s_shape_is_not_read(string fault)
    {
        byte[] der = fault switch
        {
            "extra element after the signature" => Certificate(RsaKey(Modulus1024, F4), afterSignature: w => w.WriteNull()),
            "extra element in the key info" => Certificate(w =>
            {
                using (w.PushSequence())
                {
                    AlgorithmIdentifier(w, RsaOid);
                    w.WriteBitString(SmallRsaKey);
                    w.WriteNull();
                }
            }),
            "extra element in the RSA key" => Certificate(RsaKey(Modulus1024, F4, inKey: k => k.WriteNull())),
            "RSA key not a sequence" => Certificate(w =>
            {
                using (w.PushSequence())
                {
                    AlgorithmIdentifier(w, RsaOid);
                    w.WriteBitString([0x05, 0x00]);
                }
            }),
            // The outer SEQUENCE's length in the long form although it is under 128: BER, not DER.
            "BER length form" => [0x30, 0x81, 0x03, 0x02, 0x01, 0x00],
            _ => [],
        };

        Assert.Null(CertificatePublicKey.TryRead(der));
    }

    [Fact]
    public void Bytes_after_the_certificate_or_the_key_are_refused()
    {
        var der = Certificate(RsaKey(Modulus1024, F4));

        Assert.NotNull(CertificatePublicKey.TryRead(der));
        Assert.Null(CertificatePublicKey.TryRead(der.Append((byte)0).ToArray()));
        Assert.Null(CertificatePublicKey.TryRead(Certificate(w =>
        {
            // The key's DER, then a NULL after it inside the bit string.
            using (w.PushSequence())
            {
                AlgorithmIdentifier(w, RsaOid);
                w.WriteBitString([.. SmallRsaKey, 0x05, 0x00]);
            }
        })));
    }
}
