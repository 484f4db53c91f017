namespace SecVault.Ciphers;

/// <summary>The messages of SecVault.Ciphers: each takes strings and numbers only, never a secret value.</summary>
internal static partial class CiphersText
{
    internal static string CiphertextRejected(string alias, string keyAlias, string fingerprint, string transformation) =>
        $"secret '{alias}' does not decrypt with the vault's key and transformation (key '{keyAlias}', {KeyFingerprint(fingerprint)}, {transformation})";

    internal const string CiphertextRejectedHint =
        "encrypt the secret again with this keystore's certificate and transformation; for the cause, run on a terminal or with --diagnose-padding (ciphertool: -Ddiagnose.padding=true)";

    internal static string SymmetricKeyWrongLength(string keyName, int bytes) =>
        $"the AES key {keyName} is {bytes} bytes; AES needs 16, 24 or 32";

    internal static string KeyBasedKeyWrongLength(string keyName, int characters) =>
        $"the key of {keyName} is neither 64 hexadecimal digits nor exactly 32 bytes of UTF-8 ({characters} characters); MI's securevault refuses it";

    internal const string KeyBasedKeyHint = "use 64 hexadecimal digits, e.g. the output of 'openssl rand -hex 32'";

    internal static string SymmetricAlgorithmUnknown(string algorithm, IEnumerable<string> accepted) =>
        $"unknown symmetric algorithm '{algorithm}'; use one of {string.Join(", ", accepted)}";

    internal static string SymmetricDoesNotDecrypt(string alias, string keyName, string algorithm) =>
        $"secret '{alias}' does not decrypt with the AES key {keyName} ({algorithm}): it was made with another key, or changed";

    internal const string SymmetricDoesNotDecryptHint = "encrypt the secret again with ciphertool -Dsymmetric -Dconfigure (write it as \"[value]\" first)";

    internal static string SymmetricFormatMismatch(string alias, string actual, string settingSource, string configured) =>
        $"secret '{alias}' has the form of {actual} but {settingSource} says {configured}; MI would give no text for it";

    internal const string SymmetricFormatMismatchHint = "set secretRepositories.file.algorithm to the algorithm the secrets were made with, or encrypt them again";

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

    internal static string CiphertextEmptyMarker(string alias) =>
        $"secret '{alias}' is '[]', a plain-text marker with nothing in it: there is no secret to encrypt and no ciphertext to decrypt";

    internal static string CiphertextEmpty(string alias) =>
        $"secret '{alias}' holds no ciphertext: the value is empty or blank";

    internal static string CiphertextWrongKeySize(string alias, int size, string keyAlias, int keySizeBits) =>
        $"secret '{alias}' was made with another key: it is {size} bytes, but key '{keyAlias}' ({keySizeBits}-bit) makes {keySizeBits / 8}-byte ciphertexts";

    internal static string CiphertextPaddingMismatch(string alias, string actual, string settingSource, string configured) =>
        $"secret '{alias}' was encrypted with {actual}, but {settingSource} says {configured}";

    internal static string CiphertextPaddingMismatchHint(string actual) => $"set the transformation to {actual}, or encrypt the secret again";

    internal static string CiphertextDoesNotDecrypt(string alias, string keyAlias, string fingerprint) =>
        $"secret '{alias}' does not decrypt with key '{keyAlias}' ({KeyFingerprint(fingerprint)})";

    /// <summary>The key's certificate fingerprint as messages name it; empty for a key stored without a certificate.</summary>
    private static string KeyFingerprint(string fingerprint) => fingerprint.Length == 0 ? "no certificate" : "SHA-256 " + fingerprint;

    internal const string CiphertextDoesNotDecryptHint = "encrypt the secret again with this keystore's certificate";

    internal static string PlaintextNotUtf8(string alias) => $"secret '{alias}' decrypts to bytes that are not UTF-8";
}
