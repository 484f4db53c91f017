using SecVault.IO;
using SecVault.Keystores;

namespace SecVault.CliConfig;

/// <summary>The default keystore type <c>mi secret init</c> offers: from the content, then the extension, else JKS.</summary>
public static class KeystoreTypeGuess
{
    /// <summary>The type the file's first bytes announce; else <c>.p12</c>/<c>.pfx</c> → PKCS12, <c>.jceks</c> → JCEKS; else JKS.</summary>
    public static KeystoreType Guess(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            Span<byte> header = stackalloc byte[4];
            using var file = SecureFile.OpenRead(path);
            using var stream = file.ToStream();
            var read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            if (Keystore.DetectType(header[..read]) is { } detected)
            {
                return detected;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Unreadable now: init reports it when it opens the keystore.
        }

        return Path.GetExtension(path).ToUpperInvariant() switch
        {
            ".P12" or ".PFX" => KeystoreType.Pkcs12,
            ".JCEKS" => KeystoreType.Jceks,
            _ => KeystoreType.Jks,
        };
    }
}
