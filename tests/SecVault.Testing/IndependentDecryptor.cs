using System.Collections.Concurrent;
using System.Text;

namespace SecVault.Testing;

/// <summary>
/// Decrypts SecVault's ciphertexts without any SecVault code: the private key is exported from the vector keystore
/// by keytool (JKS, JCEKS) and openssl (PKCS12), and <c>openssl pkeyutl -decrypt</c> undoes the padding named by the
/// Java transformation, with every OAEP parameter spelt out (SHA-1 digest, MGF1 with SHA-1). A ciphertext made with
/// another digest, another padding or another key fails here even when SecVault's own decryptor agrees with its
/// encryptor. Passwords reach keytool and openssl through the environment only; the PEM files live in a private
/// folder removed when the process ends.
/// </summary>
public static class IndependentDecryptor
{
    /// <summary>Java's name for RSA with OAEP, SHA-1 and MGF1-SHA-1 (the Micro Integrator default).</summary>
    public const string OaepSha1 = "RSA/ECB/OAEPwithSHA1andMGF1Padding";

    /// <summary>Java's name for RSA with PKCS #1 v1.5 padding.</summary>
    public const string Pkcs1 = "RSA/ECB/PKCS1Padding";

    private static readonly ConcurrentDictionary<string, Lazy<string>> Pems = new(StringComparer.Ordinal);

    private static readonly Lazy<string> Folder = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("secvault-independent-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        return folder;
    });

    private static int _count;

    /// <summary>Decrypts a base64 ciphertext with a manifest keystore's alias; returns the plaintext as UTF-8 text.</summary>
    public static string Decrypt(string keystoreName, string alias, string ciphertext, string transformation = OaepSha1) =>
        Encoding.UTF8.GetString(DecryptBytes(VectorManifest.Load().Keystore(keystoreName), alias, ciphertext, transformation));

    /// <summary>Decrypts a base64 ciphertext with a manifest keystore's alias; returns the plaintext bytes.</summary>
    public static byte[] DecryptBytes(VectorKeystore keystore, string alias, string ciphertext, string transformation = OaepSha1)
    {
        ArgumentNullException.ThrowIfNull(keystore);
        ArgumentException.ThrowIfNullOrEmpty(alias);
        ArgumentNullException.ThrowIfNull(ciphertext);
        string[] padding = transformation.ToUpperInvariant() switch
        {
            "RSA/ECB/OAEPWITHSHA1ANDMGF1PADDING" or "RSA/ECB/OAEPWITHSHA-1ANDMGF1PADDING" =>
                ["-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha1", "-pkeyopt", "rsa_mgf1_md:sha1"],
            "RSA/ECB/PKCS1PADDING" or "RSA" => ["-pkeyopt", "rsa_padding_mode:pkcs1"],
            _ => throw new ArgumentException($"no independent decryption for '{transformation}'", nameof(transformation)),
        };
        var pem = Pems.GetOrAdd(keystore.Name + "\n" + alias, _ => new Lazy<string>(() => ExportPem(keystore, alias))).Value;
        var input = Convert.FromBase64String(ciphertext);
        return Run("openssl", ["pkeyutl", "-decrypt", "-inkey", pem, .. padding], input, []);
    }

    private static string ExportPem(VectorKeystore keystore, string alias)
    {
        var n = Interlocked.Increment(ref _count);
        var pem = Path.Combine(Folder.Value, $"key-{n}.pem");
        var p12 = VectorManifest.KeystorePath(keystore);
        var p12Password = keystore.StorePassword;
        if (!string.Equals(keystore.Type, "PKCS12", StringComparison.OrdinalIgnoreCase))
        {
            // openssl reads no JKS or JCEKS: keytool copies the one entry into a PKCS12 file first.
            p12 = Path.Combine(Folder.Value, $"key-{n}.p12");
            p12Password = "independent-" + n;
            Run(
                "keytool",
                ["-importkeystore", "-noprompt", "-srckeystore", VectorManifest.KeystorePath(keystore), "-srcstoretype", keystore.Type,
                 "-srcalias", alias, "-srcstorepass:env", "SRC_PW", "-srckeypass:env", "SRC_KEY_PW",
                 "-destkeystore", p12, "-deststoretype", "PKCS12", "-deststorepass:env", "DEST_PW", "-destkeypass:env", "DEST_PW"],
                [],
                new Dictionary<string, string> { ["SRC_PW"] = keystore.StorePassword, ["SRC_KEY_PW"] = keystore.KeyPassword, ["DEST_PW"] = p12Password });
        }

        var environment = new Dictionary<string, string> { ["P12_PW"] = p12Password };
        string[] export = ["pkcs12", "-in", p12, "-nocerts", "-nodes", "-passin", "env:P12_PW", "-out", pem];
        try
        {
            Run("openssl", export, [], environment);
        }
        catch (InvalidOperationException)
        {
            // OpenSSL 3 reads the legacy PBE algorithms (RC2-40, 3DES) only with its legacy provider.
            Run("openssl", [.. export, "-legacy"], [], environment);
        }

        return pem;
    }

    // openssl and keytool print no secret on failure (passwords come through the environment).
    private static byte[] Run(string program, string[] args, byte[] stdin, Dictionary<string, string> environment) =>
        JavaInterop.Run(program, args, stdin, environment, outputInError: false);
}
