using System.Text;
using SecVault.CliConfig;
using SecVault.Keystores;
using SecVault.Testing;

namespace SecVault.Tests.CliConfig;

public sealed class KeystoreInfoTests
{
    private static readonly VectorManifest Manifest = VectorManifest.Load();

    private static KeystoreInfo FromVector(string name, string alias = "wso2carbon")
    {
        var vector = Manifest.Keystore(name);
        return KeystoreInfo.FromKeystore(VectorManifest.KeystorePath(vector), null, alias, vector.StorePassword);
    }

    [Fact]
    public void ToYaml_writes_the_documented_fields_in_order_with_a_literal_pem()
    {
        var info = FromVector("jks-rsa2048");

        var lines = Encoding.UTF8.GetString(info.ToYaml()).Split('\n');

        Assert.Equal("# Written by 'mi secret init'. Holds no password.", lines[0]);
        Assert.Equal("formatVersion: 1", lines[1]);
        Assert.Equal($"keyStorePath: {info.KeystorePath}", lines[2]);
        Assert.Equal("keyStoreType: JKS", lines[3]);
        Assert.Equal("keyAlias: wso2carbon", lines[4]);
        Assert.Equal($"certificateSha256: {Manifest.Keystore("jks-rsa2048").Entry("wso2carbon").CertificateSha256}", lines[5]);
        Assert.Equal("certificate: |", lines[6]);
        Assert.Equal("  -----BEGIN CERTIFICATE-----", lines[7]);
        Assert.Equal(["  -----END CERTIFICATE-----", ""], lines[^2..]);
    }

    [Theory]
    [InlineData("jks-rsa2048")]
    [InlineData("p12-openssl")]
    [InlineData("jceks-rsa2048")]
    public void Parse_reads_back_what_ToYaml_writes(string name)
    {
        var info = FromVector(name);

        var back = KeystoreInfo.Parse(Encoding.UTF8.GetString(info.ToYaml()), "k.yaml");

        Assert.Equal(info.KeystorePath, back.KeystorePath);
        Assert.Equal(info.KeystoreType, back.KeystoreType);
        Assert.Equal(info.KeyAlias, back.KeyAlias);
        Assert.Equal(info.CertificateSha256, back.CertificateSha256);
        Assert.Equal(2048, back.KeySizeBits);
    }

    [Fact]
    public void A_path_that_yaml_would_misread_is_quoted_and_reads_back()
    {
        var info = FromVector("jks-rsa2048");
        var yaml = Encoding.UTF8.GetString(info.ToYaml()).Replace($"keyStorePath: {info.KeystorePath}", "keyStorePath: \"/keys/a: #b\"", StringComparison.Ordinal);

        Assert.Equal("/keys/a: #b", KeystoreInfo.Parse(yaml, "k.yaml").KeystorePath);
    }

    [Fact]
    public void Unknown_fields_are_ignored()
    {
        var yaml = Encoding.UTF8.GetString(FromVector("jks-rsa2048").ToYaml()) + "futureField: x\n";

        Assert.Equal("wso2carbon", KeystoreInfo.Parse(yaml, "k.yaml").KeyAlias);
    }

    [Theory]
    [InlineData("formatVersion: 1", "formatVersion: 2", CliConfigErrorKind.UnsupportedVersion)]
    [InlineData("keyAlias: wso2carbon", "", CliConfigErrorKind.MissingField)]
    [InlineData("keyStoreType: JKS", "keyStoreType: BKS", CliConfigErrorKind.InvalidField)]
    [InlineData("-----BEGIN CERTIFICATE-----", "-----BEGIN PUBLIC KEY-----", CliConfigErrorKind.BadCertificate)]
    [InlineData("certificateSha256: ", "certificateSha256: 00", CliConfigErrorKind.FingerprintMismatch)]
    [InlineData("formatVersion: 1", "formatVersion: [1", CliConfigErrorKind.Malformed)]
    public void Parse_refuses_a_damaged_file_with_a_run_init_hint(string find, string replace, CliConfigErrorKind expected)
    {
        var yaml = Encoding.UTF8.GetString(FromVector("jks-rsa2048").ToYaml()).Replace(find, replace, StringComparison.Ordinal);

        var error = Assert.Throws<CliConfigException>(() => KeystoreInfo.Parse(yaml, "k.yaml"));

        Assert.Equal(expected, error.Kind);
        Assert.Equal("run 'mi secret init'", error.Hint);
        Assert.Contains("k.yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromKeystore_takes_a_trusted_certificate_entry()
    {
        var info = FromVector("p12-multi", "trusted-ca");

        Assert.Equal(Manifest.Keystore("p12-multi").Entry("trusted-ca").CertificateSha256, info.CertificateSha256);
    }

    [Fact]
    public void FromKeystore_refuses_an_ec_key()
    {
        var error = Assert.Throws<KeystoreException>(() => FromVector("jks-ec"));

        Assert.Equal(KeystoreErrorKind.UnsupportedAlgorithm, error.Kind);
    }
}
