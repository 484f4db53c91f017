using SecVault.Diagnostics;
using SecVault.Home;
using SecVault.IO;
using SecVault.Placeholders;
using SecVault.Toml;

namespace SecVault.Vault;

/// <summary>
/// An MI home's deployment.toml as read (bytes, parse and snapshot) with the keystore it selects: what
/// <c>ciphertool</c>'s modes work on.
/// </summary>
public sealed class VaultTarget
{
    private readonly KeystoreSelection? _keystore;

    private VaultTarget(MiHome home, string deploymentTomlPath, FileSnapshot snapshot, DeploymentToml document, KeystoreSelection? keystore)
    {
        Home = home;
        DeploymentTomlPath = deploymentTomlPath;
        Snapshot = snapshot;
        Document = document;
        _keystore = keystore;
    }

    /// <summary>The MI home.</summary>
    public MiHome Home { get; }

    /// <summary>The absolute path of deployment.toml.</summary>
    public string DeploymentTomlPath { get; }

    /// <summary>The parsed deployment.toml; its <see cref="DeploymentToml.DisplayPath"/> is relative to the MI home when inside it.</summary>
    internal DeploymentToml Document { get; }

    /// <summary>The aliases of deployment.toml's [secrets] table in file order: the list <c>ciphertool -Dchange</c> offers.</summary>
    public IReadOnlyList<string> SecretAliases => [.. Document.Secrets.Select(s => s.Alias)];

    /// <summary>The keystore chosen from the document; a target loaded without a keystore (key-based vaults) throws.</summary>
    public KeystoreSelection Keystore => _keystore ?? throw new InvalidOperationException("this target was loaded without a keystore");

    /// <summary>True when a keystore was selected (every target but a key-based vault's).</summary>
    internal bool HasKeystore => _keystore is not null;

    /// <summary>The absolute path of <c>conf/security/secret-conf.properties</c>.</summary>
    internal string SecretConfPath => Home.SecretConfPath;

    /// <summary>The secret-conf.properties path for messages.</summary>
    internal string SecretConfDisplayPath => Home.DisplayPathOf(SecretConfPath);

    internal FileSnapshot Snapshot { get; }

    /// <summary>
    /// The deployment.toml path: <paramref name="filePath"/> when given, else <c>deployment.toml</c> in
    /// <paramref name="configFolder"/> when given, else <c>conf/deployment.toml</c> of the MI home; relative
    /// paths are taken from <paramref name="currentFolder"/>.
    /// </summary>
    public static string DeploymentTomlPathFor(MiHome home, string? configFolder, string? filePath, string currentFolder)
    {
        ArgumentNullException.ThrowIfNull(home);
        ArgumentException.ThrowIfNullOrEmpty(currentFolder);
        if (!string.IsNullOrEmpty(filePath))
        {
            return Path.GetFullPath(filePath, Path.GetFullPath(currentFolder));
        }

        return !string.IsNullOrEmpty(configFolder)
            ? Path.Combine(Path.GetFullPath(configFolder, Path.GetFullPath(currentFolder)), "deployment.toml")
            : home.DeploymentTomlPath;
    }

    /// <summary>
    /// Takes the exclusive lock every SecVault writer of this folder holds for its read, compute and write
    /// (<c>.secvault.lock</c> beside deployment.toml); waits up to 30 seconds, then throws. Read the target again under it.
    /// </summary>
    /// <exception cref="IOException">The lock cannot be taken.</exception>
    public IDisposable Lock() => FolderLock.Acquire(Path.GetDirectoryName(DeploymentTomlPath)!);

    /// <summary>
    /// This target when deployment.toml is still the file read (same file, same bytes), else the file read again with
    /// <paramref name="sources"/>; call it under <see cref="Lock"/>. A file of tens of megabytes is then not held twice.
    /// </summary>
    /// <exception cref="VaultException">The file is gone or the keystore is not found.</exception>
    /// <exception cref="TomlDocumentException">The file is not valid TOML any more.</exception>
    public VaultTarget ReadAgainIfChanged(VariableSources sources) =>
        Snapshot.IsUnchangedOnDisk() ? this : Load(Home, DeploymentTomlPath, sources, selectKeystore: _keystore is not null);

    /// <summary>Reads and parses deployment.toml and selects the keystore; nothing is written.</summary>
    /// <exception cref="VaultException">The file is missing or the keystore is not found.</exception>
    /// <exception cref="TomlDocumentException">The file is not valid TOML.</exception>
    /// <exception cref="SecVaultResolutionException">A keystore setting has an unresolvable placeholder.</exception>
    public static VaultTarget Load(MiHome home, string deploymentTomlPath, VariableSources sources) => Load(home, deploymentTomlPath, sources, selectKeystore: true);

    /// <summary>
    /// Like <see cref="Load(MiHome, string, VariableSources)"/>; with <paramref name="selectKeystore"/> false no keystore is
    /// looked for (a key-based symmetric vault has none).
    /// </summary>
    public static VaultTarget Load(MiHome home, string deploymentTomlPath, VariableSources sources, bool selectKeystore)
    {
        ArgumentNullException.ThrowIfNull(home);
        ArgumentException.ThrowIfNullOrEmpty(deploymentTomlPath);
        ArgumentNullException.ThrowIfNull(sources);

        var path = Path.GetFullPath(deploymentTomlPath);
        var displayPath = home.DisplayPathOf(path);
        if (!File.Exists(path))
        {
            throw new VaultException(VaultText.DeploymentTomlMissing(displayPath), VaultText.DeploymentTomlMissingHint, path, kind: VaultErrorKind.DeploymentTomlMissing);
        }

        FileSnapshot snapshot;
        try
        {
            snapshot = FileSnapshot.Read(path, DeploymentToml.DefaultMaxFileBytes);
        }
        catch (FileTooLargeException e)
        {
            DeploymentToml.ThrowIfTooLarge(e.Size, displayPath);
            throw;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VaultException(VaultText.CannotRead(displayPath, e.Message), path: path, innerException: e);
        }

        var document = DeploymentToml.Parse(snapshot.Content, displayPath);
        var keystore = selectKeystore ? KeystoreSelection.FromDeploymentToml(document, home, sources) : null;
        return new VaultTarget(home, path, snapshot, document, keystore);
    }
}
