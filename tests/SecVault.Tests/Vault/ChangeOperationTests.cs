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
        Assert.Equal("alias 'zz' is not in [secrets] of conf/deployment.toml; aliases present: a, b, d", e.Message);
    }

    [Fact]
    public void An_unknown_alias_of_a_file_without_secrets_says_there_are_none()
    {
        using var home = new TempMiHome("[server]\n");
        var target = ConfigureOperationTests.Load(home);
        using var key = VaultKey.Open(target.Keystore, Password);

        var e = Assert.Throws<VaultException>(() => ChangeOperation.Prepare(target, key, Transformation.Default, [new("zz", "v")]));

        Assert.Equal("alias 'zz' is not in [secrets] of conf/deployment.toml, which has no aliases", e.Message);
    }

    [Fact]
    public void No_new_values_change_nothing_and_Commit_leaves_the_file_alone()
    {
        using var home = new TempMiHome(Toml);
        var written = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(home.DeploymentTomlPath, written);
        var target = ConfigureOperationTests.Load(home);
        using var key = VaultKey.Open(target.Keystore, Password);

        var operation = ChangeOperation.Prepare(target, key, Transformation.Default, []);

        Assert.Empty(operation.ChangedAliases);
        Assert.Equal("nothing changed", operation.Summary);
        // Nothing to rewrite: the bytes read are kept, not copied (deployment.toml may be tens of megabytes).
        Assert.Same(target.Snapshot.Content, operation.NewDeploymentToml);
        Assert.Empty(operation.Commit());
        Assert.Equal(written, File.GetLastWriteTimeUtc(home.DeploymentTomlPath));
        Assert.Equal(Toml, File.ReadAllText(home.DeploymentTomlPath));
    }

    [Fact]
    public void Prepare_checks_its_arguments_before_it_looks_at_the_aliases()
    {
        using var home = new TempMiHome(Toml);
        var target = ConfigureOperationTests.Load(home);
        using var key = VaultKey.Open(target.Keystore, Password);
        KeyValuePair<string, string>[] unknown = [new("zz", "v")];

        Assert.Throws<ArgumentNullException>("target", () => ChangeOperation.Prepare(null!, key, Transformation.Default, unknown));
        Assert.Throws<ArgumentNullException>("key", () => ChangeOperation.Prepare(target, null!, Transformation.Default, unknown));
        Assert.Throws<ArgumentNullException>("transformation", () => ChangeOperation.Prepare(target, key, null!, unknown));
        Assert.Throws<ArgumentNullException>("newValues", () => ChangeOperation.Prepare(target, key, Transformation.Default, null!));
        Assert.Throws<ArgumentNullException>("target", () => ChangeOperation.ChangeableAliases(null!));
        Assert.Throws<ArgumentNullException>("entry", () => ChangeOperation.CanChange(null!));
    }

    [Fact]
    public void A_dynamic_or_non_string_alias_or_an_empty_value_cannot_be_changed_and_nothing_is_written()
    {
        const string WithNumber = Toml + "n = 5\n";
        using var home = new TempMiHome(WithNumber);
        var target = ConfigureOperationTests.Load(home);
        using var key = VaultKey.Open(target.Keystore, Password);

        var dynamic = Assert.Throws<VaultException>(() => ChangeOperation.Prepare(target, key, Transformation.Default, [new("d", "v")]));
        var number = Assert.Throws<VaultException>(() => ChangeOperation.Prepare(target, key, Transformation.Default, [new("n", "v")]));
        var empty = Assert.Throws<VaultException>(() => ChangeOperation.Prepare(target, key, Transformation.Default, [new("a", string.Empty)]));

        Assert.Equal("alias 'd' is dynamic ($env{} or $sys{}) and cannot be changed here", dynamic.Message);
        Assert.Equal("alias 'n' is not a string and cannot be changed", number.Message);
        Assert.Equal("the new value for 'a' is empty", empty.Message);
        Assert.Equal(VaultErrorKind.EmptyValue, empty.Kind);
        Assert.False(ChangeOperation.CanChange(target.Document.Secrets.Single(s => s.Alias == "d")));
        Assert.Equal(WithNumber, File.ReadAllText(home.DeploymentTomlPath));
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
