namespace SecVault;

/// <summary>Cipher messages; none takes a secret, a plaintext or a ciphertext.</summary>
internal static partial class Messages
{
    internal static string TransformationBlank(IEnumerable<string> accepted) =>
        $"no transformation given; use one of: {string.Join(", ", accepted)}";

    internal static string TransformationUnknown(string name, IEnumerable<string> accepted) =>
        $"unknown transformation '{name}'; use one of: {string.Join(", ", accepted)}";

    internal static string SecretTooLong(string alias, int size, string transformation, int keySizeBits, int limit) =>
        $"secret for alias '{alias}' is {size} bytes; {transformation} with a {keySizeBits}-bit key allows at most {limit}";

    internal const string SecretTooLongHint = "use a larger key, or RSA/ECB/PKCS1Padding (11 bytes of overhead instead of 42)";

    internal static string CiphertextNotBase64(string alias, int position) =>
        $"secret '{alias}' is not base64: unexpected character at position {position}";

    internal static string CiphertextBadBase64Length(string alias) =>
        $"secret '{alias}' is not base64: its length or '=' padding is wrong";

    internal static string CiphertextWrongKeySize(string alias, int size, string keyAlias, int keySizeBits) =>
        $"secret '{alias}' was made with another key: it is {size} bytes, but key '{keyAlias}' ({keySizeBits}-bit) makes {keySizeBits / 8}-byte ciphertexts";

    internal static string CiphertextPaddingMismatch(string alias, string actual, string settingSource, string configured) =>
        $"secret '{alias}' was encrypted with {actual}, but {settingSource} says {configured}";

    internal static string CiphertextPaddingMismatchHint(string actual) => $"set the transformation to {actual}, or encrypt the secret again";

    internal static string CiphertextDoesNotDecrypt(string alias, string keyAlias, string fingerprint) =>
        $"secret '{alias}' does not decrypt with key '{keyAlias}' (SHA-256 {fingerprint})";

    internal const string CiphertextDoesNotDecryptHint = "encrypt the secret again with this keystore's certificate";

    internal static string PlaintextNotUtf8(string alias) => $"secret '{alias}' decrypts to bytes that are not UTF-8";
}
