using SecVault.Ciphers;
using SecVault.Home;
using SecVault.Testing;
using SecVault.Toml;
using SecVault.Vault;

namespace SecVault.Tests.Vault;

public sealed class ChangeOperationTests
{
    private const string Password = "wso2carbon";
    private const string Toml = "[secrets]\na = \"[one]\"  # note\nb = 'old'\nd = \"$env{D}\"\n";

    [Fact]
    public void Prepare_encrypts_the_new_values_the_last_one_of_an_alias_winning()
    {
        using var home = new TempMiHome(Toml);
        var target = ConfigureOperationTests.Load(home);
        using var key = VaultKey.Open(target.Keystore, Password);

        var operation = ChangeOperation.Prepare(target, key, Transformation.Default, [new("b", "first"), new("a", "x"), new("b", "second")]);
        operation.Commit();

        Assert.Equal(["a", "b"], operation.ChangedAliases);
        Assert.Equal("changed 2 secrets (a, b)", operation.Summary);
        var text = File.ReadAllText(home.DeploymentTomlPath);
        Assert.Contains("  # note\nb = '", text, StringComparison.Ordinal);
        var document = DeploymentToml.Parse(home.DeploymentToml, "d");
        var entry = key.Entry;
        using var rsa = entry.GetRsaPrivateKey(Password);
        var decryptor = new SecretDecryptor(rsa, Transformation.Default, entry.Alias, entry.CertificateSha256);
        Assert.Equal("second", decryptor.DecryptToString(document.Secrets.Single(s => s.Alias == "b").Value!, "b"));
        Assert.Null(home.SecretConf);
    }

    [Fact]
    public void An_unknown_alias_is_an_error_listing_the_aliases_present()
    {
        using var home = new TempMiHome(Toml);
        var target = ConfigureOperationTests.Load(home);
        using var key = VaultKey.Open(target.Keystore, Password);

        var e = Assert.Throws<VaultException>(() => ChangeOperation.Prepare(target, key, Transformation.Default, [new("zz", "v")]));

        Assert.Equal(VaultErrorKind.UnknownAlias, e.Kind);
        Assert.Contains("aliases present: a, b, d", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dynamic_alias_or_an_empty_value_cannot_be_changed_and_nothing_is_written()
    {
        using var home = new TempMiHome(Toml);
        var target = ConfigureOperationTests.Load(home);
        using var key = VaultKey.Open(target.Keystore, Password);

        var dynamic = Assert.Throws<VaultException>(() => ChangeOperation.Prepare(target, key, Transformation.Default, [new("d", "v")]));
        var empty = Assert.Throws<VaultException>(() => ChangeOperation.Prepare(target, key, Transformation.Default, [new("a", string.Empty)]));

        Assert.Contains("dynamic", dynamic.Message, StringComparison.Ordinal);
        Assert.Equal(VaultErrorKind.EmptyValue, empty.Kind);
        Assert.False(ChangeOperation.CanChange(target.Document.Secrets.Single(s => s.Alias == "d")));
        Assert.Equal(Toml, File.ReadAllText(home.DeploymentTomlPath));
    }
}
