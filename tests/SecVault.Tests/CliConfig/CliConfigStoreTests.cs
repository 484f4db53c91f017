using SecVault.CliConfig;
using SecVault.Hosting;
using SecVault.Testing;

namespace SecVault.Tests.CliConfig;

public sealed class CliConfigStoreTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static KeystoreInfo Info()
    {
        var vector = VectorManifest.Load().Keystore("jks-rsa2048");
        return KeystoreInfo.FromKeystore(VectorManifest.KeystorePath(vector), null, "wso2carbon", vector.StorePassword);
    }

    [Fact]
    public void Save_then_Load_round_trips_and_creates_missing_folders()
    {
        var store = new CliConfigStore(_temp.Combine("a", "b"));

        Assert.False(store.Save(Info()));

        Assert.Equal("wso2carbon", store.Load().KeyAlias);
    }

    [Fact]
    public void Load_of_a_missing_file_is_not_initialized()
    {
        var error = Assert.Throws<CliConfigException>(() => new CliConfigStore(_temp.Path).Load());

        Assert.Equal(CliConfigError.NotInitialized, error.Error);
        Assert.StartsWith("key store has not been initialized", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForEnvironment_mentions_the_upstream_file_and_suggests_deleting_it()
    {
        var upstream = _temp.Combine("home", ".wso2mi", "keystore", "keystore_info.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(upstream)!);
        File.WriteAllText(upstream, "x: y");
        var store = CliConfigStore.ForEnvironment(new DictionaryEnvironment(new Dictionary<string, string> { ["HOME"] = _temp.Combine("home") }));

        var error = Assert.Throws<CliConfigException>(store.Load);

        Assert.Contains(upstream, error.Message, StringComparison.Ordinal);
        Assert.Contains("delete " + upstream, error.Hint, StringComparison.Ordinal);
    }
}
