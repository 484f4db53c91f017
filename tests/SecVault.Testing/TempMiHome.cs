namespace SecVault.Testing;

/// <summary>
/// A throw-away MI home: <c>conf/deployment.toml</c> with the given content and a vector keystore copied to
/// <c>repository/resources/security/wso2carbon.jks</c> (or elsewhere). Deleted on dispose.
/// </summary>
public sealed class TempMiHome : IDisposable
{
    /// <summary>Where MI keeps its default keystore, relative to the home.</summary>
    public const string DefaultKeystore = "repository/resources/security/wso2carbon.jks";

    private readonly TempFolder _folder = new();

    /// <summary>Creates the home; <paramref name="keystoreVector"/> names a manifest keystore, or null for none.</summary>
    public TempMiHome(byte[] deploymentToml, string? keystoreVector = "jks-rsa2048", string keystorePath = DefaultKeystore)
    {
        ArgumentNullException.ThrowIfNull(deploymentToml);
        Path = _folder.Combine("mi-home");
        Directory.CreateDirectory(System.IO.Path.Combine(Path, "conf"));
        File.WriteAllBytes(DeploymentTomlPath, deploymentToml);
        if (keystoreVector is not null)
        {
            AddKeystore(keystoreVector, keystorePath);
        }
    }

    /// <summary>Creates the home from UTF-8 text.</summary>
    public TempMiHome(string deploymentToml, string? keystoreVector = "jks-rsa2048", string keystorePath = DefaultKeystore)
        : this(System.Text.Encoding.UTF8.GetBytes(deploymentToml), keystoreVector, keystorePath)
    {
    }

    /// <summary>The home's absolute path.</summary>
    public string Path { get; }

    /// <summary>The temporary folder holding the home (for files outside it).</summary>
    public TempFolder Folder => _folder;

    /// <summary><c>conf/deployment.toml</c>.</summary>
    public string DeploymentTomlPath => System.IO.Path.Combine(Path, "conf", "deployment.toml");

    /// <summary><c>conf/security/secret-conf.properties</c>.</summary>
    public string SecretConfPath => System.IO.Path.Combine(Path, "conf", "security", "secret-conf.properties");

    /// <summary>The current bytes of deployment.toml.</summary>
    public byte[] DeploymentToml => File.ReadAllBytes(DeploymentTomlPath);

    /// <summary>The current bytes of secret-conf.properties, or null when it does not exist.</summary>
    public byte[]? SecretConf => File.Exists(SecretConfPath) ? File.ReadAllBytes(SecretConfPath) : null;

    /// <summary>Copies a manifest keystore to <paramref name="relativePath"/> below the home; returns its absolute path.</summary>
    public string AddKeystore(string vectorName, string relativePath)
    {
        var keystore = VectorManifest.Load().Keystore(vectorName);
        var target = System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, relativePath));
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        File.Copy(VectorManifest.KeystorePath(keystore), target, overwrite: true);
        return target;
    }

    /// <summary>Files left behind by an interrupted atomic write (<c>.name.*.tmp</c>) anywhere in the folder.</summary>
    public IReadOnlyList<string> TemporaryFiles() =>
        [.. Directory.EnumerateFiles(_folder.Path, "*.tmp", SearchOption.AllDirectories)];

    /// <inheritdoc/>
    public void Dispose() => _folder.Dispose();
}
