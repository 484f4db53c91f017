using System.Security.Cryptography;

namespace SecVault.Tests.Ciphers;

/// <summary>
/// A real RSA key behind the <see cref="RSA"/> API, behaving like other platforms or key stores: one that will not export
/// its private parameters (a hardware or non-exportable key), one that answers a bad PKCS#1 v1.5 padding with bytes
/// (OpenSSL 3.2's "implicit rejection" where nothing turns it off), or one that exports no CRT parameters.
/// </summary>
internal sealed class WrappedRsa : RSA
{
    private readonly RSA _inner;

    public WrappedRsa(RSA inner)
    {
        _inner = inner;
        LegalKeySizesValue = inner.LegalKeySizes;
        KeySizeValue = inner.KeySize;
    }

    /// <summary>ExportParameters(true) throws, as for a key that may not leave its store.</summary>
    public bool RefusesPrivateExport { get; init; }

    /// <summary>A PKCS#1 v1.5 decryption with a bad padding returns bytes (kept in <see cref="Answered"/>) instead of throwing.</summary>
    public bool AnswersBadPkcs1Padding { get; init; }

    /// <summary>ExportParameters(true) leaves out DQ (one of the CRT parameters).</summary>
    public bool OmitsDq { get; init; }

    /// <summary>Every array handed out for a bad PKCS#1 v1.5 padding, to see what the caller did with it.</summary>
    public List<byte[]> Answered { get; } = [];

    public override RSAParameters ExportParameters(bool includePrivateParameters)
    {
        if (includePrivateParameters && RefusesPrivateExport)
        {
            throw new CryptographicException("the key may not be exported");
        }

        var parameters = _inner.ExportParameters(includePrivateParameters);
        if (OmitsDq)
        {
            parameters.DQ = null;
        }

        return parameters;
    }

    public override void ImportParameters(RSAParameters parameters) => throw new NotSupportedException();

    public override byte[] Encrypt(byte[] data, RSAEncryptionPadding padding) => _inner.Encrypt(data, padding);

    public override byte[] Decrypt(byte[] data, RSAEncryptionPadding padding)
    {
        try
        {
            return _inner.Decrypt(data, padding);
        }
        catch (CryptographicException) when (AnswersBadPkcs1Padding && padding == RSAEncryptionPadding.Pkcs1)
        {
            var noise = SHA256.HashData(data);
            Answered.Add(noise);
            return noise;
        }
    }
}
