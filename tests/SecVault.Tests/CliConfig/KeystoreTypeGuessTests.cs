using SecVault.CliConfig;
using SecVault.Keystores;
using SecVault.Testing;

namespace SecVault.Tests.CliConfig;

public sealed class KeystoreTypeGuessTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("jks-rsa2048", KeystoreType.Jks)]
    [InlineData("p12-pbes2", KeystoreType.Pkcs12)]
    [InlineData("jceks-rsa2048", KeystoreType.Jceks)]
    public void Guess_reads_the_content_first(string name, KeystoreType expected)
    {
        var source = VectorManifest.KeystorePath(VectorManifest.Load().Keystore(name));
        var renamed = _temp.Combine("keystore.jks");
        File.Copy(source, renamed);

        Assert.Equal(expected, KeystoreTypeGuess.Guess(renamed));
    }

    [Theory]
    [InlineData("missing.p12", KeystoreType.Pkcs12)]
    [InlineData("missing.PFX", KeystoreType.Pkcs12)]
    [InlineData("missing.jceks", KeystoreType.Jceks)]
    [InlineData("missing.keystore", KeystoreType.Jks)]
    public void Guess_falls_back_to_the_extension_then_JKS(string file, KeystoreType expected)
    {
        Assert.Equal(expected, KeystoreTypeGuess.Guess(_temp.Combine(file)));
    }
}
