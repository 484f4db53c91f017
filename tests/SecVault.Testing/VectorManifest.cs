using System.Text.Json;

namespace SecVault.Testing;

/// <summary>The interop vectors of tests/vectors/manifest.json, made by tests/vectors/generate.sh.</summary>
/// <param name="Keystores">Every keystore, in generation order.</param>
/// <param name="Ciphertexts">Every ciphertext made by the JDK's Cipher.</param>
public sealed record VectorManifest(IReadOnlyList<VectorKeystore> Keystores, IReadOnlyList<VectorCiphertext> Ciphertexts)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The path of manifest.json.</summary>
    public static string ManifestPath => Path.Combine(Repo.Vectors, "manifest.json");

    /// <summary>The path of secretkeys.json (the secret-key keystores of tests/vectors/generate-secretkeys.sh).</summary>
    public static string SecretKeysManifestPath => Path.Combine(Repo.Vectors, "secretkeys.json");

    /// <summary>Reads and parses manifest.json afresh.</summary>
    public static VectorManifest Load() => Load(ManifestPath);

    /// <summary>Reads and parses secretkeys.json afresh: keystores only, no ciphertexts.</summary>
    public static VectorManifest LoadSecretKeys() => Load(SecretKeysManifestPath);

    private static VectorManifest Load(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<VectorManifest>(stream, JsonOptions)
            ?? throw new InvalidDataException("manifest.json is null");
    }

    /// <summary>The absolute path of a keystore's file.</summary>
    public static string KeystorePath(VectorKeystore keystore)
    {
        ArgumentNullException.ThrowIfNull(keystore);
        return Path.GetFullPath(Path.Combine(Repo.Vectors, keystore.File));
    }

    /// <summary>The ids of every ciphertext, for <c>[MemberData]</c> (look each up with <see cref="Ciphertext"/>).</summary>
    public static TheoryData<string> CiphertextIds()
    {
        var data = new TheoryData<string>();
        foreach (var c in Load().Ciphertexts)
        {
            data.Add(c.Id);
        }

        return data;
    }

    /// <summary>The names of every keystore, for <c>[MemberData]</c>.</summary>
    public static TheoryData<string> KeystoreNames()
    {
        var data = new TheoryData<string>();
        foreach (var k in Load().Keystores)
        {
            data.Add(k.Name);
        }

        return data;
    }

    /// <summary>The keystore with this name; throws if there is none.</summary>
    public VectorKeystore Keystore(string name) =>
        Keystores.SingleOrDefault(k => k.Name == name)
        ?? throw new KeyNotFoundException($"no keystore '{name}' in manifest.json");

    /// <summary>The ciphertext with this <see cref="VectorCiphertext.Id"/>; throws if there is none.</summary>
    public VectorCiphertext Ciphertext(string id) =>
        Ciphertexts.SingleOrDefault(c => c.Id == id)
        ?? throw new KeyNotFoundException($"no ciphertext '{id}' in manifest.json");

    /// <summary>The ciphertexts made with a keystore's keys.</summary>
    public IEnumerable<VectorCiphertext> CiphertextsOf(string keystoreName) =>
        Ciphertexts.Where(c => c.Keystore == keystoreName);
}

/// <summary>One keystore of the manifest.</summary>
/// <param name="Name">Unique scenario name, such as <c>jks-rsa2048</c>.</param>
/// <param name="File">Path relative to tests/vectors.</param>
/// <param name="Type">Keystore type as the JDK names it: JKS, PKCS12 or JCEKS.</param>
/// <param name="StorePassword">The store password.</param>
/// <param name="KeyPassword">The private key password (PKCS12: always the store password).</param>
/// <param name="Origin">How the keystore was made.</param>
/// <param name="Entries">Every entry, as the JDK lists it (JKS and keytool's PKCS12 lower-case aliases).</param>
/// <param name="ExpectedError">Null, or why SecVault must refuse it: <c>UnsupportedAlgorithm</c>, <c>SecretKey</c>.</param>
public sealed record VectorKeystore(
    string Name,
    string File,
    string Type,
    string StorePassword,
    string KeyPassword,
    string Origin,
    IReadOnlyList<VectorEntry> Entries,
    string? ExpectedError)
{
    /// <summary>The entry for an alias, matched case-insensitively; throws if there is none.</summary>
    public VectorEntry Entry(string alias) =>
        Entries.SingleOrDefault(e => string.Equals(e.Alias, alias, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException($"no entry '{alias}' in keystore '{Name}'");

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>One keystore entry of the manifest.</summary>
/// <param name="Alias">The alias as the JDK lists it.</param>
/// <param name="Kind"><c>PrivateKey</c>, <c>TrustedCertificate</c> or <c>SecretKey</c>.</param>
/// <param name="Algorithm">Key algorithm: <c>RSA</c>, <c>EC</c>, <c>AES</c>.</param>
/// <param name="KeySize">Key size in bits (RSA modulus, EC field, secret key length).</param>
/// <param name="CertificateSha256">keytool-form SHA-256 fingerprint of the certificate; null for a secret key.</param>
/// <param name="NotAfter">The certificate's expiry; null for a secret key.</param>
/// <param name="SecretKeySha256">keytool-form SHA-256 of a secret key's bytes as the JDK reads them; null otherwise.</param>
public sealed record VectorEntry(
    string Alias,
    string Kind,
    string Algorithm,
    int KeySize,
    string? CertificateSha256,
    DateTimeOffset? NotAfter,
    string? SecretKeySha256 = null);

/// <summary>One ciphertext made by the JDK's <c>javax.crypto.Cipher</c>.</summary>
/// <param name="Keystore">The keystore's <see cref="VectorKeystore.Name"/>.</param>
/// <param name="Alias">The alias to decrypt with, as it was created (may differ in case from the listed alias).</param>
/// <param name="Transformation">The JDK transformation name used.</param>
/// <param name="Description"><c>ascii</c>, <c>unicode</c>, <c>empty</c>, <c>at-limit</c> or <c>brackets</c>.</param>
/// <param name="PlaintextBase64">The plaintext bytes, base64.</param>
/// <param name="Ciphertext">The ciphertext, base64, as SecVault stores it.</param>
public sealed record VectorCiphertext(
    string Keystore,
    string Alias,
    string Transformation,
    string Description,
    string PlaintextBase64,
    string Ciphertext)
{
    /// <summary>A unique, readable id: keystore/alias/transformation/description.</summary>
    public string Id => $"{Keystore}/{Alias}/{Transformation}/{Description}";

    /// <summary>A fresh copy of the plaintext bytes.</summary>
    public byte[] Plaintext() => Convert.FromBase64String(PlaintextBase64);

    /// <inheritdoc/>
    public override string ToString() => Id;
}
