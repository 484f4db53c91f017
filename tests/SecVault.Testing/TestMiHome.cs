using System.Text;
using SecVault.Ciphers;
using SecVault.Home;
using SecVault.Keystores;
using Keys = SecVault.Keystores;
using SecVault.Properties;

namespace SecVault.Testing;

/// <summary>
/// An MI home in a temporary folder: a vector keystore copied under repository/resources/security, a
/// secret-conf.properties naming it, and a deployment.toml the test writes. Deleted on dispose.
/// </summary>
public sealed class TestMiHome : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly List<KeyValuePair<string, string>> _vault;

    /// <summary>Creates the home for the manifest keystore <paramref name="keystoreName"/> and the <c>[secrets]</c> algorithm.</summary>
    public TestMiHome(string keystoreName = "jks-rsa2048", string algorithm = "RSA/ECB/OAEPwithSHA1andMGF1Padding")
    {
        Manifest = VectorManifest.Load();
        Keystore = Manifest.Keystore(keystoreName);
        Directory.CreateDirectory(Combine("conf", "security"));
        Directory.CreateDirectory(Combine("repository", "resources", "security"));
        KeystorePath = Combine("repository", "resources", "security", System.IO.Path.GetFileName(Keystore.File));
        File.Copy(VectorManifest.KeystorePath(Keystore), KeystorePath);
        _vault = [.. VaultConfiguration.Entries(KeystorePath, KeystoreTypes.Parse(Keystore.Type), Keystore.Entries[0].Alias, Transformation.Parse(algorithm))];
        WriteVault();
    }

    /// <summary>The vectors' manifest.</summary>
    public VectorManifest Manifest { get; }

    /// <summary>The keystore the home uses.</summary>
    public VectorKeystore Keystore { get; }

    /// <summary>The copied keystore's path.</summary>
    public string KeystorePath { get; }

    /// <summary>The home's absolute path.</summary>
    public string Path => _folder.Path;

    /// <summary>The home as an <see cref="MiHome"/>.</summary>
    public MiHome Home => MiHome.FromPath(Path, MiHomeSource.Option, Path);

    /// <summary>A path inside the home.</summary>
    public string Combine(params string[] parts) => _folder.Combine(parts);

    /// <summary>Writes conf/deployment.toml.</summary>
    public void WriteToml(string toml) => File.WriteAllText(Combine("conf", "deployment.toml"), toml, new UTF8Encoding(false));

    /// <summary>Sets (or with null removes) a property of secret-conf.properties and rewrites it.</summary>
    public void SetVaultProperty(string key, string? value)
    {
        _vault.RemoveAll(e => e.Key == key);
        if (value is not null)
        {
            _vault.Add(new KeyValuePair<string, string>(key, value));
        }

        WriteVault();
    }

    /// <summary>Deletes secret-conf.properties.</summary>
    public void DeleteVault() => File.Delete(Combine("conf", "security", "secret-conf.properties"));

    /// <summary>A JDK-made vector ciphertext of this keystore's first key (<c>ascii</c> decrypts to <c>wso2carbon</c>).</summary>
    public VectorCiphertext Vector(string transformation, string description = "ascii") =>
        Manifest.CiphertextsOf(Keystore.Name).Single(c => c.Transformation == transformation && c.Description == description
            && string.Equals(c.Alias, Keystore.Entries[0].Alias, StringComparison.OrdinalIgnoreCase));

    /// <summary>Encrypts <paramref name="secret"/> for this keystore's first key with SecVault's encryptor.</summary>
    public string Encrypt(string secret, string transformation = "RSA/ECB/OAEPwithSHA1andMGF1Padding")
    {
        var entry = Keys.Keystore.Load(VectorManifest.KeystorePath(Keystore), Keystore.StorePassword).GetEntry(Keystore.Entries[0].Alias);
        using var rsa = entry.GetRsaPublicKey();
        return new SecretEncryptor(rsa, Transformation.Parse(transformation)).Encrypt(secret, "test");
    }

    /// <inheritdoc/>
    public void Dispose() => _folder.Dispose();

    private void WriteVault() =>
        File.WriteAllBytes(Combine("conf", "security", "secret-conf.properties"), PropertiesWriter.Store(_vault, DateTimeOffset.UnixEpoch, "\n"));
}
