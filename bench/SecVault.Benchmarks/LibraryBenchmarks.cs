using System.Text;
using BenchmarkDotNet.Attributes;
using SecVault.Ciphers;
using SecVault.Keystores;
using SecVault.Placeholders;
using SecVault.Toml;

namespace SecVault.Benchmarks;

/// <summary>
/// SecVault's hot paths on the vector keystore (JKS, RSA-2048, alias wso2carbon) and the sample deployment.toml:
/// keystore load, encrypt, decrypt (one and in bulk), the TOML parse + in-place rewrite, and placeholder substitution.
/// </summary>
[MemoryDiagnoser]
public class LibraryBenchmarks
{
    private const int BulkCount = 1000;
    private static readonly string DataFolder = Path.Combine(AppContext.BaseDirectory, "data");

    private byte[] _keystoreBytes = [];
    private byte[] _toml = [];
    private SecretEncryptor _encryptor = null!;
    private SecretDecryptor _decryptor = null!;
    private string _ciphertext = string.Empty;
    private IReadOnlyList<(string Alias, byte[] Secret)> _bulkSecrets = [];
    private IReadOnlyList<(string Alias, string Ciphertext)> _bulkCiphertexts = [];
    private string _templated = string.Empty;

    /// <summary>Loads the keystore once and prepares the inputs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _keystoreBytes = File.ReadAllBytes(Path.Combine(DataFolder, "jks-rsa2048.jks"));
        _toml = File.ReadAllBytes(Path.Combine(DataFolder, "deployment.toml"));
        var entry = LoadKeystore().GetEntry("wso2carbon");
        _encryptor = new SecretEncryptor(entry.GetRsaPublicKey(), Transformation.OaepSha1);
        _decryptor = new SecretDecryptor(entry.GetRsaPrivateKey("wso2carbon"), Transformation.OaepSha1, entry.Alias, entry.CertificateSha256);
        _ciphertext = _encryptor.Encrypt("benchmark-secret-value", "bench");
        _bulkSecrets = Enumerable.Range(0, BulkCount).Select(i => ($"alias{i}", Encoding.UTF8.GetBytes($"secret-{i:D5}"))).ToList();
        _bulkCiphertexts = _encryptor.EncryptAll(_bulkSecrets, null).Select((c, i) => ($"alias{i}", c)).ToList();
        _templated = string.Concat(Enumerable.Repeat("jdbc:mysql://$env{DB_HOST}:3306/db?user=$sys{user.name}&password=$secret{db_password};", 20));
    }

    /// <summary>Opens the JKS keystore with its password (integrity check included).</summary>
    [Benchmark]
    public Keystore KeystoreLoad() => LoadKeystore();

    /// <summary>One OAEP encryption, base64 included.</summary>
    [Benchmark]
    public string EncryptOne() => _encryptor.Encrypt("benchmark-secret-value", "bench");

    /// <summary>One OAEP decryption, base64 and UTF-8 checks included.</summary>
    [Benchmark]
    public string DecryptOne() => _decryptor.DecryptToString(_ciphertext, "bench");

    /// <summary>1,000 encryptions over all cores, output in input order.</summary>
    [Benchmark(OperationsPerInvoke = BulkCount)]
    public IReadOnlyList<string> EncryptBulk() => _encryptor.EncryptAll(_bulkSecrets, null);

    /// <summary>1,000 decryptions over all cores, output in input order.</summary>
    [Benchmark(OperationsPerInvoke = BulkCount)]
    public IReadOnlyList<byte[]> DecryptBulk() => _decryptor.DecryptAll(_bulkCiphertexts, null);

    /// <summary>Parse the sample deployment.toml and rewrite every plain [secrets] value in place.</summary>
    [Benchmark]
    public byte[] TomlEdit()
    {
        var document = DeploymentToml.Parse(_toml, "conf/deployment.toml");
        var replacements = document.Secrets
            .Where(s => s.Class == SecretClass.Plain)
            .Select(s => new LiteralReplacement(s.LiteralSpan, _ciphertext, ReplacementStyle.KeepQuoting));
        return document.Rewrite(replacements);
    }

    /// <summary>Find and substitute 60 placeholders in one string.</summary>
    [Benchmark]
    public string PlaceholderSubstitution() => PlaceholderParser.Substitute(_templated, p => p.Name);

    private Keystore LoadKeystore()
    {
        using var stream = new MemoryStream(_keystoreBytes, writable: false);
        return Keystore.Load(stream, "jks-rsa2048.jks", "wso2carbon", KeystoreType.Jks);
    }
}
