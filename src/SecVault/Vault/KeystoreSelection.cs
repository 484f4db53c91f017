using SecVault.Diagnostics;
using SecVault.Home;
using SecVault.Keystores;
using SecVault.Placeholders;
using SecVault.Resolution;
using SecVault.Toml;

namespace SecVault.Vault;

/// <summary>
/// The keystore <c>ciphertool</c> encrypts with: <c>[keystore.internal]</c> when it names a file, else
/// <c>[keystore.primary]</c>, else MI's defaults, with upstream's path rules.
/// </summary>
public sealed class KeystoreSelection
{
    /// <summary>MI's default keystore location, relative to the MI home.</summary>
    internal const string DefaultLocation = "repository/resources/security/wso2carbon.jks";

    /// <summary>MI's default keystore type.</summary>
    internal const string DefaultType = "JKS";

    /// <summary>MI's default key alias.</summary>
    internal const string DefaultAlias = "wso2carbon";

    private KeystoreSelection(KeystoreRole role, string configuredLocation, string path, KeystoreType type, string alias)
    {
        Role = role;
        ConfiguredLocation = configuredLocation;
        Path = path;
        Type = type;
        Alias = alias;
    }

    /// <summary>Which setting was used.</summary>
    public KeystoreRole Role { get; }

    /// <summary>The location as configured (after <c>$env{}</c>/<c>$sys{}</c>/<c>$ref{}</c> substitution).</summary>
    public string ConfiguredLocation { get; }

    /// <summary>The keystore's absolute path, which exists.</summary>
    public string Path { get; }

    /// <summary>The declared keystore type.</summary>
    public KeystoreType Type { get; }

    /// <summary>The key alias.</summary>
    public string Alias { get; }

    /// <summary>Chooses the keystore from <paramref name="document"/> for <paramref name="home"/>.</summary>
    internal static KeystoreSelection FromDeploymentToml(DeploymentToml document, MiHome home, VariableSources sources)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(home);
        ArgumentNullException.ThrowIfNull(sources);

        var problems = new List<Problem>();
        var references = new ConfigReferences(document, (placeholder, leaf) =>
        {
            var (value, message) = DynamicPlaceholders.Lookup(placeholder, sources);
            if (message is not null)
            {
                problems.Add(new Problem(ProblemSeverity.Error, document.DisplayPath, leaf.Line, leaf.Column, placeholder.Name, message));
            }

            return value;
        }, problems.Add);

        string? Setting(string table, string key)
        {
            var leaf = document.GetLeaf(table, key);
            if (leaf is null)
            {
                return null;
            }

            if (leaf.StringValue is null)
            {
                problems.Add(new Problem(ProblemSeverity.Error, document.DisplayPath, leaf.Line, leaf.Column, $"{table}.{key}", VaultText.KeystoreSettingNotAString(table, key)));
                return null;
            }

            // $ref{} takes the referenced key's value or MI's default for it, as MI's config mapper does.
            var value = references.Resolve(leaf)?.Plain;
            return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }

        var internalFile = Setting("keystore.internal", "file_name");
        var role = internalFile is not null ? KeystoreRole.Internal : KeystoreRole.Default;
        var primaryFile = Setting("keystore.primary", "file_name");
        if (role == KeystoreRole.Default && primaryFile is not null)
        {
            role = KeystoreRole.Primary;
        }

        var primaryType = Setting("keystore.primary", "type");
        var primaryAlias = Setting("keystore.primary", "alias");
        string? internalType = null, internalAlias = null;
        if (role == KeystoreRole.Internal)
        {
            internalType = Setting("keystore.internal", "type");
            internalAlias = Setting("keystore.internal", "alias");
        }

        if (problems.Count > 0)
        {
            throw new SecVaultResolutionException(problems);
        }

        var location = role switch
        {
            KeystoreRole.Internal => internalFile!,
            KeystoreRole.Primary => primaryFile!,
            _ => DefaultLocation,
        };
        var typeName = internalType ?? primaryType ?? DefaultType;
        var alias = internalAlias ?? primaryAlias ?? DefaultAlias;
        if (!KeystoreTypes.TryParse(typeName, out var type))
        {
            throw new VaultException(ResolutionText.UnknownKeystoreType(typeName), path: document.DisplayPath);
        }

        return new KeystoreSelection(role, location, ResolveLocation(location, home.Path), type, alias);
    }

    /// <summary>
    /// Applies upstream's path rules: <c>${…}/x</c> is the MI home + <c>/x</c>; an absolute path is itself; a relative
    /// one is taken from the MI home when it exists there, else from <c>repository/resources/security</c>.
    /// </summary>
    internal static string ResolveLocation(string location, string homePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(location);
        ArgumentException.ThrowIfNullOrEmpty(homePath);

        var normalized = location.Replace('\\', '/');
        List<string> tried;
        if (normalized.StartsWith("${", StringComparison.Ordinal) && normalized.IndexOf('}', StringComparison.Ordinal) is var close and > 0)
        {
            tried = [Join(homePath, normalized[(close + 1)..])];
        }
        else if (IsAbsolute(location))
        {
            tried = [OperatingSystem.IsWindows() ? location : normalized];
        }
        else
        {
            tried = [Join(homePath, normalized), Join(System.IO.Path.Combine(homePath, "repository", "resources", "security"), normalized)];
        }

        foreach (var candidate in tried)
        {
            if (File.Exists(candidate))
            {
                return System.IO.Path.GetFullPath(candidate);
            }
        }

        if (tried.FirstOrDefault(Directory.Exists) is { } folder)
        {
            // A folder where the keystore should be is a wrong file_name, not a missing file.
            throw new VaultException(VaultText.KeystoreIsFolder(location, System.IO.Path.GetFullPath(folder)), VaultText.KeystoreFileMissingHint, folder, kind: VaultErrorKind.KeystoreMissing);
        }

        throw new VaultException(VaultText.KeystoreFileMissing(location, tried), VaultText.KeystoreFileMissingHint, tried[0], kind: VaultErrorKind.KeystoreMissing);
    }

    private static bool IsAbsolute(string location) =>
        System.IO.Path.IsPathFullyQualified(location) || location.StartsWith('/') || (location.Length > 2 && location[1] == ':' && location[2] is '\\' or '/');

    private static string Join(string home, string relative) =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(home, relative.TrimStart('/').Replace('/', System.IO.Path.DirectorySeparatorChar)));
}
