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
    public static readonly string RelativePath = Path.Combine("conf", "security", "secret-conf.properties");

    /// <summary>Keys every complete vault configuration has, in the order they are written.</summary>
    public static readonly IReadOnlyList<string> Keys =
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

    private const string DefaultCallbackHandler = "org.wso2.carbon.securevault.DefaultSecretCallbackHandler";

    private VaultConfiguration(IReadOnlyDictionary<string, string> properties)
    {
        Properties = properties;
    }

    /// <summary>Every property of the file (the last value of a repeated key).</summary>
    public IReadOnlyDictionary<string, string> Properties { get; }

    /// <summary>False only when <c>secVault.enabled</c> is <c>false</c> (any case), as upstream reads it.</summary>
    public bool Enabled => !string.Equals(Get("secVault.enabled")?.Trim(), "false", StringComparison.OrdinalIgnoreCase);

    /// <summary>The repositories listed in <c>secretRepositories</c>.</summary>
    public IReadOnlyList<string> Repositories =>
        (Get("secretRepositories") ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary><c>secretRepositories.file.algorithm</c>, or null when absent.</summary>
    public string? FileAlgorithm => Get("secretRepositories.file.algorithm");

    /// <summary><c>keystore.identity.location</c>, or null when absent.</summary>
    public string? KeystoreLocation => Get("keystore.identity.location");

    /// <summary><c>keystore.identity.type</c> as written, or null when absent.</summary>
    public string? KeystoreType => Get("keystore.identity.type");

    /// <summary><c>keystore.identity.alias</c>, or null when absent.</summary>
    public string? KeystoreAlias => Get("keystore.identity.alias");

    /// <summary><c>keystore.identity.CipherTransformation</c> (used only by vault lookups), or null when absent.</summary>
    public string? CipherTransformation => Get("keystore.identity.CipherTransformation");

    /// <summary>Reads a vault configuration with Java <c>Properties.load</c> rules (ISO-8859-1).</summary>
    public static VaultConfiguration Read(Stream stream, string displayPath)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in PropertiesReader.ReadIso88591(stream, displayPath))
        {
            properties[entry.Key] = entry.Value;
        }

        return new VaultConfiguration(properties);
    }

    /// <summary>Reads the vault configuration file at <paramref name="path"/>.</summary>
    public static VaultConfiguration Read(string path, string displayPath)
    {
        using var file = SecureFile.OpenRead(path);
        using var stream = file.ToStream();
        return Read(stream, displayPath);
    }

    /// <summary>The properties <c>ciphertool -Dconfigure</c> writes, in their fixed order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Entries(string keystorePath, KeystoreType type, string alias, Transformation transformation)
    {
        ArgumentException.ThrowIfNullOrEmpty(keystorePath);
        ArgumentException.ThrowIfNullOrEmpty(alias);
        ArgumentNullException.ThrowIfNull(transformation);
        string[] values =
        [
            "true",
            "org.wso2.securevault.secret.handler.SecretManagerSecretCallbackHandler",
            "file",
            "org.wso2.securevault.secret.repository.FileBaseSecretRepositoryProvider",
            Path.Combine("conf", "security", "cipher-text.properties"),
            transformation.Name,
            Path.GetFullPath(keystorePath),
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
    public static byte[]? Render(IReadOnlyList<KeyValuePair<string, string>> entries, DateTimeOffset now, byte[]? existing)
    {
        var content = PropertiesWriter.Store(entries, now, Environment.NewLine);
        return existing is not null && PropertiesWriter.SameExceptDateLine(existing, content) ? null : content;
    }

    private string? Get(string key) => Properties.TryGetValue(key, out var value) ? value : null;
}
