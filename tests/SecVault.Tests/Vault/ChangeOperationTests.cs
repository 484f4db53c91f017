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
        Assert.Equal("second", IndependentDecryptor.Decrypt("jks-rsa2048", "wso2carbon", document.Secrets.Single(s => s.Alias == "b").Value!));
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

    [Fact]
    public void The_alias_list_is_in_file_order_and_only_markers_and_ciphertexts_are_changeable()
    {
        // What ciphertool -Dchange lists and offers: every [secrets] alias, numbered in file order; dynamic values and
        // values that are not strings are listed but cannot be chosen.
        using var home = new TempMiHome("[secrets]\nz = \"[one]\"\nd = \"$env{D}\"\nc = \"c2VjcmV0\"\ns = \"x-$sys{S}\"\nn = 5\nm = 'kept'\n");
        var target = ConfigureOperationTests.Load(home);

        Assert.Equal(["z", "d", "c", "s", "n", "m"], target.SecretAliases);
        Assert.Equal(["c", "m", "z"], ChangeOperation.ChangeableAliases(target).Order(StringComparer.Ordinal));
        Assert.False(ChangeOperation.ChangeableAliases(target).Contains("Z"));
    }

    [Fact]
    public void Commit_writes_exactly_the_deployment_toml_Prepare_computed()
    {
        using var home = new TempMiHome(Toml);
        var target = ConfigureOperationTests.Load(home);
        using var key = VaultKey.Open(target.Keystore, Password);
        var operation = ChangeOperation.Prepare(target, key, Transformation.Default, [new("a", "x")]);

        Assert.Equal(Toml, File.ReadAllText(home.DeploymentTomlPath));
        operation.Commit();

        Assert.Equal(operation.NewDeploymentToml, home.DeploymentToml);
    }
}
