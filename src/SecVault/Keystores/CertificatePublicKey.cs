using System.Formats.Asn1;
using System.Numerics;

namespace SecVault.Keystores;

/// <summary>
/// A certificate's public key read with System.Formats.Asn1 alone (no <c>X509Certificate2</c>, no .NET RSA object, so
/// nothing loads .NET's OpenSSL shim): the SubjectPublicKeyInfo's DER, its algorithm and, for RSA, the modulus size.
/// </summary>
/// <param name="SubjectPublicKeyInfo">The DER of the certificate's SubjectPublicKeyInfo, as found.</param>
/// <param name="AlgorithmOid">The key's algorithm OID.</param>
/// <param name="KeySizeBits">The RSA modulus size in bits (0 for another algorithm).</param>
/// <param name="UsableExponent">For RSA, whether the public exponent is odd and at least 3 (e = 1 would leave the plaintext in the ciphertext).</param>
internal sealed record CertificatePublicKey(byte[] SubjectPublicKeyInfo, string AlgorithmOid, int KeySizeBits, bool UsableExponent = true)
{
    /// <summary>The smallest RSA modulus SecVault encrypts for.</summary>
    public const int MinRsaBits = 1024;

    /// <summary>The OID of rsaEncryption.</summary>
    public const string RsaOid = "1.2.840.113549.1.1.1";

    private static readonly Asn1Tag Version = new(TagClass.ContextSpecific, 0, isConstructed: true);

    /// <summary>Whether the key is an RSA key with a positive modulus and exponent.</summary>
    public bool IsRsa => AlgorithmOid == RsaOid && KeySizeBits > 0;

    /// <summary>
    /// Reads the DER of an X.509 certificate; null when it is not a DER certificate of the shape RFC 5280 gives (the
    /// caller then uses .NET's loader, which gives the messages it always gave). Only the structure is checked: the
    /// signature, names and extensions are not interpreted.
    /// </summary>
    public static CertificatePublicKey? TryRead(ReadOnlyMemory<byte> certificate)
    {
        try
        {
            var outer = new AsnReader(certificate, AsnEncodingRules.DER);
            var sequence = outer.ReadSequence();
            outer.ThrowIfNotEmpty();
            var tbs = sequence.ReadSequence();
            sequence.ReadSequence(); // signatureAlgorithm
            sequence.ReadBitString(out _);
            sequence.ThrowIfNotEmpty();

            if (tbs.PeekTag().HasSameClassAndValue(Version))
            {
                tbs.ReadSequence(Version);
            }

            tbs.ReadIntegerBytes(); // serialNumber
            tbs.ReadSequence(); // signature
            tbs.ReadSequence(); // issuer
            tbs.ReadSequence(); // validity
            tbs.ReadSequence(); // subject
            var spki = tbs.ReadEncodedValue();
            while (tbs.HasData)
            {
                // issuerUniqueID, subjectUniqueID, extensions: their encoding is checked, their content is not read.
                tbs.ReadEncodedValue();
            }

            var spkiReader = new AsnReader(spki, AsnEncodingRules.DER);
            var info = spkiReader.ReadSequence();
            spkiReader.ThrowIfNotEmpty();
            var algorithm = info.ReadSequence();
            var oid = algorithm.ReadObjectIdentifier();
            var key = info.ReadBitString(out var unusedBits);
            info.ThrowIfNotEmpty();
            var (bits, usableExponent) = oid == RsaOid && unusedBits == 0 ? RsaKeyShape(key) : (0, false);
            return new CertificatePublicKey(spki.ToArray(), oid, bits, usableExponent);
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    /// <summary>Whether an RSA key is one to encrypt for: a usable exponent and a modulus of at least <see cref="MinRsaBits"/>.</summary>
    public bool IsUsableRsa => IsRsa && UsableExponent && KeySizeBits >= MinRsaBits;

    /// <summary>
    /// The bit length of an RSAPublicKey's modulus (0 when the modulus or exponent is not positive) and whether its
    /// exponent is odd and at least 3.
    /// </summary>
    private static (int Bits, bool UsableExponent) RsaKeyShape(byte[] rsaPublicKey)
    {
        var reader = new AsnReader(rsaPublicKey, AsnEncodingRules.DER);
        var key = reader.ReadSequence();
        reader.ThrowIfNotEmpty();
        var modulus = key.ReadIntegerBytes().Span;
        var exponent = key.ReadIntegerBytes().Span;
        key.ThrowIfNotEmpty();
        if ((modulus[0] & 0x80) != 0 || (exponent[0] & 0x80) != 0)
        {
            return (0, false);
        }

        // DER integers are minimal: a leading zero byte is there only to keep the sign bit clear.
        var magnitude = modulus[0] == 0 ? modulus[1..] : modulus;
        var bits = magnitude.IsEmpty ? 0 : ((magnitude.Length - 1) * 8) + (32 - BitOperations.LeadingZeroCount((uint)magnitude[0]));
        var usable = (exponent[^1] & 1) == 1 && (exponent.Length > 1 || exponent[0] >= 3);
        return (bits, usable);
    }
}
