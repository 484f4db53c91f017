using SecVault.Ciphers;
using SecVault.IO;
using SecVault.Keystores;
using SecVault.Properties;

namespace SecVault.Home;

/// <summary>
/// MI's secure vault bootstrap, <c>conf/security/secret-conf.properties</c>: written by <c>ciphertool -Dconfigure</c>,
/// read by the runtime to find the identity keystore and the transformation of <c>[secrets]</c>.
/// </summary>
public sealed class VaultConfiguration
{
    /// <summary>The file's path relative to the MI home.</summary>
    internal static readonly string RelativePath = Path.Combine("conf", "security", "secret-conf.properties");

    /// <summary>Keys every complete vault configuration has, in the order they are written.</summary>
    internal static readonly IReadOnlyList<string> Keys =
    [
        "secVault.enabled",
        "carbon.secretProvider",
        "secretRepositories",
        "secretRepositories.file.provider",
        "secretRepositories.file.location",
        "secretRepositories.file.algorithm",
        "keystore.identity.location",
        "keystore.identity.type",
        "keystore.identity.alias",
        "keystore.identity.store.password",
        "keystore.identity.store.secretProvider",
        "keystore.identity.key.password",
        "keystore.identity.key.secretProvider",
    ];

    /// <summary>The <c>secretRepositories.file.encryptionMode</c> value of <see cref="VaultEncryptionMode.Symmetric"/>.</summary>
    internal const string SymmetricModeName = "symmetric";

    /// <summary>The <c>secretRepositories.file.encryptionMode</c> value of <see cref="VaultEncryptionMode.KeyBased"/>.</summary>
    internal const string KeyBasedModeName = "key.based.symmetric.encryption";

    /// <summary>The callback id SecVault writes as <c>key.based.password</c>: the key is then asked of the password sources.</summary>
    internal const string KeyBasedPasswordId = "key.based.password";

    private const string DefaultCallbackHandler = "org.wso2.carbon.securevault.DefaultSecretCallbackHandler";

    private static readonly string[] KeyBasedKeys =
    [
        "secVault.enabled",
        "carbon.secretProvider",
        "secretRepositories",
        "secretRepositories.file.provider",
        "secretRepositories.file.location",
        "secretRepositories.file.algorithm",
        "secretRepositories.file.encryptionMode",
        "key.based.password",
        "key.based.secretProvider",
    ];

    private VaultConfiguration(IReadOnlyDictionary<string, string> properties)
    {
        Properties = properties;
    }

    /// <summary>Every property of the file (the last value of a repeated key).</summary>
    internal IReadOnlyDictionary<string, string> Properties { get; }

    /// <summary>False only when <c>secVault.enabled</c> is <c>false</c> (any case), as upstream reads it.</summary>
    internal bool Enabled => !string.Equals(Get("secVault.enabled")?.Trim(), "false", StringComparison.OrdinalIgnoreCase);

    /// <summary>The repositories listed in <c>secretRepositories</c>.</summary>
    internal IReadOnlyList<string> Repositories =>
        (Get("secretRepositories") ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary><c>secretRepositories.file.algorithm</c>, or null when absent.</summary>
    internal string? FileAlgorithm => Get("secretRepositories.file.algorithm");

    /// <summary><c>keystore.identity.location</c>, or null when absent.</summary>
    internal string? KeystoreLocation => Get("keystore.identity.location");

    /// <summary><c>keystore.identity.type</c> as written, or null when absent.</summary>
    internal string? KeystoreType => Get("keystore.identity.type");

    /// <summary><c>keystore.identity.alias</c>, or null when absent.</summary>
    internal string? KeystoreAlias => Get("keystore.identity.alias");

    /// <summary>The encryption mode, read as securevault 1.2.1 does: exact <c>symmetric</c> or <c>key.based.symmetric.encryption</c>, else asymmetric.</summary>
    internal VaultEncryptionMode EncryptionMode => Get("secretRepositories.file.encryptionMode") switch
    {
        SymmetricModeName => VaultEncryptionMode.Symmetric,
        KeyBasedModeName => VaultEncryptionMode.KeyBased,
        _ => VaultEncryptionMode.Asymmetric,
    };

    /// <summary>The algorithm in effect: <c>secretRepositories.file.algorithm</c>, else <c>RSA</c>, or <c>AES/GCM/NoPadding</c> in a symmetric mode.</summary>
    internal string EffectiveAlgorithm => FileAlgorithm ?? (EncryptionMode == VaultEncryptionMode.Asymmetric ? "RSA" : "AES/GCM/NoPadding");

    /// <summary><c>key.based.password</c>: the key itself, or a callback id when <see cref="KeyBasedSecretProvider"/> is set.</summary>
    internal string? KeyBasedPassword => Get("key.based.password");

    /// <summary><c>key.based.secretProvider</c>: when set, the key is the password its callback handler gives.</summary>
    internal string? KeyBasedSecretProvider => Get("key.based.secretProvider");

    /// <summary>The keys a complete configuration of this mode has.</summary>
    internal IReadOnlyList<string> RequiredKeys => EncryptionMode switch
    {
        VaultEncryptionMode.KeyBased => KeyBasedKeys.Where(k => k != "key.based.secretProvider").ToList(),
        VaultEncryptionMode.Symmetric => [.. Keys, "secretRepositories.file.encryptionMode"],
        _ => Keys,
    };

    /// <summary>
    /// The identity keystore's path: <c>keystore.identity.location</c> as is when absolute, else relative to
    /// <paramref name="homePath"/> (MI opens it relative to its working folder, which its launcher sets to the home).
    /// </summary>
    internal string? KeystorePath(string homePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(homePath);
        var location = KeystoreLocation?.Trim();
        return string.IsNullOrEmpty(location) ? null : ResolveLocation(location, homePath);
    }

    /// <summary>An identity keystore location, absolute or relative to <paramref name="homePath"/>, as an absolute path.</summary>
    internal static string ResolveLocation(string location, string homePath) =>
        Path.IsPathFullyQualified(location) ? location : Path.GetFullPath(Path.Combine(homePath, location));

    /// <summary>
    /// The location to write: relative to <paramref name="homePath"/> (with <c>/</c>) when the keystore is inside the
    /// home, so the home can move; absolute otherwise.
    /// </summary>
    internal static string LocationToWrite(string keystorePath, string? homePath)
    {
        var full = Path.GetFullPath(keystorePath);
        if (string.IsNullOrEmpty(homePath))
        {
            return full;
        }

        var relative = Path.GetRelativePath(Path.GetFullPath(homePath), full);
        return relative == "." || relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? full
            : relative.Replace('\\', '/');
    }

    /// <summary><c>keystore.identity.CipherTransformation</c> (used only by vault lookups), or null when absent.</summary>
    internal string? CipherTransformation => Get("keystore.identity.CipherTransformation");

    /// <summary>Reads a vault configuration with Java <c>Properties.load</c> rules (ISO-8859-1).</summary>
    internal static VaultConfiguration Read(Stream stream, string displayPath)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in PropertiesReader.ReadIso88591(stream, displayPath))
        {
            properties[entry.Key] = entry.Value;
        }

        return new VaultConfiguration(properties);
    }

    /// <summary>Reads the vault configuration file at <paramref name="path"/>.</summary>
    internal static VaultConfiguration Read(string path, string displayPath)
    {
        using var file = SecureFile.OpenRead(path);
        using var stream = file.ToStream();
        return Read(stream, displayPath);
    }

    /// <summary>The properties <c>ciphertool -Dconfigure</c> writes, in their fixed order.</summary>
    internal static IReadOnlyList<KeyValuePair<string, string>> Entries(string keystorePath, KeystoreType type, string alias, Transformation transformation)
    {
        ArgumentNullException.ThrowIfNull(transformation);
        return Entries(null, keystorePath, type, alias, transformation.Name);
    }

    /// <summary>
    /// The properties <c>ciphertool -Dconfigure</c> writes for an RSA vault, the location relative to
    /// <paramref name="homePath"/> when the keystore is inside it (absolute when <paramref name="homePath"/> is null).
    /// </summary>
    internal static IReadOnlyList<KeyValuePair<string, string>> Entries(string? homePath, string keystorePath, KeystoreType type, string alias, Transformation transformation)
    {
        ArgumentNullException.ThrowIfNull(transformation);
        return Entries(homePath, keystorePath, type, alias, transformation.Name);
    }

    /// <summary>The properties of a symmetric vault keeping its AES key in a PKCS12 keystore at <paramref name="alias"/>.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> SymmetricEntries(string? homePath, string keystorePath, KeystoreType type, string alias, string algorithm)
    {
        var entries = Entries(homePath, keystorePath, type, alias, algorithm).ToList();
        var at = entries.FindIndex(e => e.Key == "secretRepositories.file.algorithm") + 1;
        entries.Insert(at, new("secretRepositories.file.encryptionMode", SymmetricModeName));
        return entries;
    }

    /// <summary>
    /// The properties of a key-based symmetric vault: no keystore; <c>key.based.password</c> is a callback id and the key
    /// is the password MI's callback handler gives (the password file, the console), never written here.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> KeyBasedEntries(string algorithm)
    {
        ArgumentException.ThrowIfNullOrEmpty(algorithm);
        string[] values =
        [
            .. RepositoryValues(algorithm),
            KeyBasedModeName,
            KeyBasedPasswordId,
            DefaultCallbackHandler,
        ];
        return KeyBasedKeys.Select((key, i) => new KeyValuePair<string, string>(key, values[i])).ToList();
    }

    /// <summary>The values of the six keys every mode writes first, from <c>secVault.enabled</c> to the algorithm.</summary>
    private static string[] RepositoryValues(string algorithm) =>
    [
        "true",
        "org.wso2.securevault.secret.handler.SecretManagerSecretCallbackHandler",
        "file",
        "org.wso2.securevault.secret.repository.FileBaseSecretRepositoryProvider",
        Path.Combine("conf", "security", "cipher-text.properties"),
        algorithm,
    ];

    private static List<KeyValuePair<string, string>> Entries(string? homePath, string keystorePath, KeystoreType type, string alias, string algorithm)
    {
        ArgumentException.ThrowIfNullOrEmpty(keystorePath);
        ArgumentException.ThrowIfNullOrEmpty(alias);
        ArgumentException.ThrowIfNullOrEmpty(algorithm);
        string[] values =
        [
            .. RepositoryValues(algorithm),
            LocationToWrite(keystorePath, homePath),
            type.ToJavaName(),
            alias,
            "identity.store.password",
            DefaultCallbackHandler,
            "identity.key.password",
            DefaultCallbackHandler,
        ];
        return Keys.Select((key, i) => new KeyValuePair<string, string>(key, values[i])).ToList();
    }

    /// <summary>
    /// The bytes of the file for these settings in Java <c>Properties.store</c> form, or null when
    /// <paramref name="existing"/> already says the same (only its date line may differ), so it is left untouched.
    /// </summary>
    internal static byte[]? Render(IReadOnlyList<KeyValuePair<string, string>> entries, DateTimeOffset now, byte[]? existing)
    {
        var content = PropertiesWriter.Store(entries, now, Environment.NewLine);
        return existing is not null && PropertiesWriter.SameExceptDateLine(existing, content) ? null : content;
    }

    private string? Get(string key) => Properties.TryGetValue(key, out var value) ? value : null;
}
