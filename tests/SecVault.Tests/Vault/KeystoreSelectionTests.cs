using SecVault.Diagnostics;
using SecVault.Testing;
using SecVault.Tests.Resolution;
using SecVault.Vault;

namespace SecVault.Tests.Vault;

public sealed class KeystoreSelectionTests
{
    [Fact]
    public void An_internal_keystore_made_of_refs_takes_the_primary_settings_and_ignores_unrelated_references()
    {
        // The fixture's passwords are $secret{} behind $ref{}: the selection needs none of them.
        using var home = new TempMiHome(ReferenceFixture.Toml("wso2carbon.jks", "not-read-here") + "\n[other]\nbroken = \"$ref{no.such.key}\"\n");

        var target = ConfigureOperationTests.Load(home);

        Assert.Equal(KeystoreRole.Internal, target.Keystore.Role);
        Assert.Equal("wso2carbon.jks", target.Keystore.ConfiguredLocation);
        Assert.Equal(Path.Combine(home.Path, "repository", "resources", "security", "wso2carbon.jks"), target.Keystore.Path);
        Assert.Equal("wso2carbon", target.Keystore.Alias);
    }

    [Fact]
    public void A_ref_to_a_primary_key_the_file_leaves_out_takes_MI_default_for_it()
    {
        using var home = new TempMiHome("[keystore.internal]\nfile_name = \"$ref{keystore.primary.file_name}\"\nalias = \"$ref{keystore.tls.alias}\"\n");

        var target = ConfigureOperationTests.Load(home);

        Assert.Equal(KeystoreRole.Internal, target.Keystore.Role);
        Assert.Equal("repository/resources/security/wso2carbon.jks", target.Keystore.ConfiguredLocation);
        Assert.Equal("wso2carbon", target.Keystore.Alias);
    }

    [Fact]
    public void A_cycle_or_a_dangling_reference_in_the_keystore_settings_is_a_located_error()
    {
        using var home = new TempMiHome("""
            [keystore.primary]
            file_name = "$ref{keystore.internal.file_name}"
            type = "$ref{keystore.primary.type_name}"
            """);

        var problems = Assert.Throws<SecVaultResolutionException>(() => ConfigureOperationTests.Load(home)).Problems;

        Assert.Equal(
            [
                "conf/deployment.toml:2:13: reference cycle: keystore.primary.file_name -> keystore.internal.file_name -> keystore.primary.file_name",
                "conf/deployment.toml:3:8: $ref{keystore.primary.type_name}: no key keystore.primary.type_name in deployment.toml, and MI has no default for it",
            ],
            problems.Select(p => p.ToString()));
    }
}
