using System.Text;

namespace SecVault.Testing;

/// <summary>
/// The JDK's side of symmetric vaults: runs tests/vectors/java/AesInterop.java, which encrypts and decrypts with the
/// JDK's Cipher and a PKCS12 secret key or a key-based key. Keys and passwords go only into the child's environment.
/// </summary>
public static class AesJavaInterop
{
    /// <summary>Encrypts with the secret key at <paramref name="alias"/> of a PKCS12 keystore; <paramref name="ivBytes"/> as upstream (128) by default.</summary>
    public static string EncryptWithKeystore(string keystore, string storePassword, string alias, string algorithm, string plaintext, int ivBytes = 128) =>
        Encoding.ASCII.GetString(Run("encrypt", "p12:" + Path.GetFullPath(keystore) + ":" + alias, algorithm, ivBytes, Encoding.UTF8.GetBytes(plaintext), new() { ["INTEROP_STORE_PASSWORD"] = storePassword })).Trim();

    /// <summary>Decrypts with the secret key at <paramref name="alias"/> of a PKCS12 keystore.</summary>
    public static string DecryptWithKeystore(string keystore, string storePassword, string alias, string algorithm, string value) =>
        Encoding.UTF8.GetString(Run("decrypt", "p12:" + Path.GetFullPath(keystore) + ":" + alias, algorithm, null, Encoding.ASCII.GetBytes(value), new() { ["INTEROP_STORE_PASSWORD"] = storePassword }));

    /// <summary>Encrypts with a key-based key (64 hex digits or 32 bytes of UTF-8).</summary>
    public static string EncryptWithKey(string key, string algorithm, string plaintext, int ivBytes = 128) =>
        Encoding.ASCII.GetString(Run("encrypt", "env", algorithm, ivBytes, Encoding.UTF8.GetBytes(plaintext), new() { ["INTEROP_KEY"] = key })).Trim();

    /// <summary>Decrypts with a key-based key.</summary>
    public static string DecryptWithKey(string key, string algorithm, string value) =>
        Encoding.UTF8.GetString(Run("decrypt", "env", algorithm, null, Encoding.ASCII.GetBytes(value), new() { ["INTEROP_KEY"] = key }));

    private static byte[] Run(string operation, string key, string algorithm, int? ivBytes, byte[] input, Dictionary<string, string> environment)
    {
        List<string> args = [Path.Combine(Repo.Vectors, "java", "AesInterop.java"), operation, key, algorithm];
        if (ivBytes is { } n)
        {
            args.Add(n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return JavaInterop.Run("java", [.. args], input, environment, outputInError: false);
    }
}
