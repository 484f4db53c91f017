using SecVault.Testing;

namespace SecVault.Tests.Vectors;

public sealed class VectorManifestTests
{
    private static readonly string[] Transformations = ["RSA/ECB/OAEPwithSHA1andMGF1Padding", "RSA/ECB/PKCS1Padding", "RSA"];

    [Fact]
    public void Load_finds_every_keystore_file_of_the_manifest()
    {
        var manifest = VectorManifest.Load();

        Assert.True(manifest.Keystores.Count >= 14);
        Assert.All(manifest.Keystores, k => Assert.True(File.Exists(VectorManifest.KeystorePath(k)), k.Name));
        Assert.Equal(manifest.Keystores.Count, manifest.Keystores.Select(k => k.Name).Distinct().Count());
    }

    [Fact]
    public void Load_reads_the_default_MI_keystore_shape()
    {
        var keystore = VectorManifest.Load().Keystore("jks-rsa2048");

        Assert.Equal("JKS", keystore.Type);
        Assert.Equal("wso2carbon", keystore.StorePassword);
        Assert.Null(keystore.ExpectedError);
        var entry = Assert.Single(keystore.Entries);
        Assert.Equal(("wso2carbon", "PrivateKey", "RSA", 2048), (entry.Alias, entry.Kind, entry.Algorithm, entry.KeySize));
        Assert.Matches("^([0-9A-F]{2}:){31}[0-9A-F]{2}$", entry.CertificateSha256);
    }

    [Fact]
    public void Load_marks_the_error_keystores_and_the_expired_certificate()
    {
        var manifest = VectorManifest.Load();

        Assert.Equal("UnsupportedAlgorithm", manifest.Keystore("jks-ec").ExpectedError);
        Assert.Equal("EC", manifest.Keystore("jks-ec").Entry("wso2carbon").Algorithm);
        Assert.Equal("SecretKey", manifest.Keystore("jceks-secretkey").ExpectedError);
        Assert.Equal("SecretKey", manifest.Keystore("jceks-secretkey").Entry("wso2carbon").Kind);
        Assert.True(manifest.Keystore("jks-expired").Entry("wso2carbon").NotAfter < DateTimeOffset.UtcNow);
        Assert.Empty(manifest.CiphertextsOf("jks-ec"));
    }

    [Fact]
    public void Ciphertexts_each_name_a_private_key_and_fill_one_RSA_block()
    {
        var manifest = VectorManifest.Load();

        Assert.True(manifest.Ciphertexts.Count >= 140);
        Assert.All(manifest.Ciphertexts, c =>
        {
            var entry = manifest.Keystore(c.Keystore).Entry(c.Alias);
            Assert.Equal("PrivateKey", entry.Kind);
            Assert.Contains(c.Transformation, Transformations);
            Assert.Equal(entry.KeySize / 8, Convert.FromBase64String(c.Ciphertext).Length);
        });
        Assert.Equal(manifest.Ciphertexts.Count, manifest.Ciphertexts.Select(c => c.Id).Distinct().Count());
    }

    [Theory]
    [InlineData("RSA/ECB/OAEPwithSHA1andMGF1Padding", 42)]
    [InlineData("RSA/ECB/PKCS1Padding", 11)]
    public void Ciphertexts_include_a_plaintext_at_the_padding_limit_for_every_key(string transformation, int overhead)
    {
        var manifest = VectorManifest.Load();

        var atLimit = manifest.Ciphertexts.Where(c => c.Transformation == transformation && c.Description == "at-limit").ToList();

        Assert.Equal(manifest.Ciphertexts.Count(c => c.Transformation == transformation && c.Description == "ascii"), atLimit.Count);
        Assert.All(atLimit, c =>
            Assert.Equal((manifest.Keystore(c.Keystore).Entry(c.Alias).KeySize / 8) - overhead, c.Plaintext().Length));
    }

    [Trait("Category", "Jvm")]
    [SkippableFact]
    public void Java_decrypts_vectors_with_a_unicode_and_a_distinct_key_password()
    {
        Skip.If(!JavaInterop.IsAvailable, "needs a JDK (java, keytool) on PATH");

        var manifest = VectorManifest.Load();
        foreach (var id in new[]
        {
            "jks-unicode-password/wso2carbon/RSA/ECB/OAEPwithSHA1andMGF1Padding/unicode",
            "jks-distinct-key-password/wso2carbon/RSA/ECB/PKCS1Padding/brackets",
        })
        {
            var vector = manifest.Ciphertext(id);
            var keystore = manifest.Keystore(vector.Keystore);

            var plaintext = JavaInterop.Decrypt(keystore, vector.Alias, vector.Transformation, vector.Ciphertext);

            Assert.Equal(vector.Plaintext(), plaintext);
        }
    }
}
