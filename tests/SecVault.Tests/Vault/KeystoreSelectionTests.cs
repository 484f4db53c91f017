using SecVault.Diagnostics;
using SecVault.Home;
using SecVault.Keystores;
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

    [Theory]
    [InlineData("file_name = \"wso2carbon.jks\"\n", KeystoreRole.Internal, KeystoreType.Jks, "internal")]
    [InlineData("", KeystoreRole.Primary, KeystoreType.Pkcs12, "primary")]
    public void The_type_and_alias_of_keystore_internal_win_over_the_primary_ones_only_when_it_names_a_file(string internalFile, KeystoreRole role, KeystoreType type, string alias)
    {
        using var home = new TempMiHome(
            "[keystore.primary]\nfile_name = \"wso2carbon.jks\"\ntype = \"PKCS12\"\nalias = \"primary\"\n\n"
            + $"[keystore.internal]\n{internalFile}type = \"JKS\"\nalias = \"internal\"\n");

        var selection = ConfigureOperationTests.Load(home).Keystore;

        Assert.Equal((role, type, alias), (selection.Role, selection.Type, selection.Alias));
    }

    [Fact]
    public void FromDeploymentToml_and_ResolveLocation_refuse_missing_arguments()
    {
        using var home = new TempMiHome("[server]\n");
        var mi = MiHome.FromPath(home.Path, MiHomeSource.Option, home.Path);
        var document = ConfigureOperationTests.Load(home).Document;
        var sources = ConfigureOperationTests.Sources(mi);

        Assert.Throws<ArgumentNullException>("document", () => KeystoreSelection.FromDeploymentToml(null!, mi, sources));
        Assert.Throws<ArgumentNullException>("home", () => KeystoreSelection.FromDeploymentToml(document, null!, sources));
        Assert.Throws<ArgumentNullException>("sources", () => KeystoreSelection.FromDeploymentToml(document, mi, null!));
        Assert.Throws<ArgumentNullException>("location", () => KeystoreSelection.ResolveLocation(null!, home.Path));
        Assert.Throws<ArgumentException>("location", () => KeystoreSelection.ResolveLocation(string.Empty, home.Path));
        Assert.Throws<ArgumentException>("homePath", () => KeystoreSelection.ResolveLocation("wso2carbon.jks", string.Empty));
    }

    [Fact]
    public void Only_a_location_that_starts_with_a_placeholder_is_taken_from_the_home()
    {
        using var home = new TempMiHome("[server]\n");
        var keystore = home.AddKeystore("jks-rsa2048", "my}keys/wso2carbon.jks");

        Assert.Equal(keystore, KeystoreSelection.ResolveLocation("my}keys/wso2carbon.jks", home.Path));
    }

    [SkippableFact]
    public void An_absolute_location_with_backslashes_is_read_with_slashes_off_Windows()
    {
        Skip.If(OperatingSystem.IsWindows(), "a backslash separates folders on Windows anyway");
        using var home = new TempMiHome("[server]\n");
        var keystore = Path.Combine(home.Path, "repository", "resources", "security", "wso2carbon.jks");

        Assert.Equal(keystore, KeystoreSelection.ResolveLocation(home.Path + @"\repository\resources\security\wso2carbon.jks", home.Path));
    }

    [Theory]
    [InlineData("C:")]
    [InlineData("ks/missing.jks")]
    [InlineData("C:missing.jks")]
    public void A_location_that_is_neither_rooted_nor_a_drive_path_is_looked_for_under_the_home(string location)
    {
        // Upstream takes "C:/x" and "C:\\x" as absolute; a drive letter without a separator is relative.
        using var home = new TempMiHome("[server]\n");

        var e = Assert.Throws<VaultException>(() => KeystoreSelection.ResolveLocation(location, home.Path));

        var security = Path.Combine(home.Path, "repository", "resources", "security");
        Assert.Equal($"keystore '{location}' not found; tried {Path.Combine(home.Path, location)}, {Path.Combine(security, location)}", e.Message);
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

    [Fact]
    public void Keystore_settings_take_environment_placeholders_and_an_unset_one_is_a_located_error()
    {
        const string Toml = "[keystore.primary]\nfile_name = \"$env{KS_FILE}\"\nalias = \"$env{KS_ALIAS}\"\n";
        using var home = new TempMiHome(Toml);
        var mi = MiHome.FromPath(home.Path, MiHomeSource.Option, home.Path);
        VaultTarget Load(Dictionary<string, string> environment) => VaultTarget.Load(mi, mi.DeploymentTomlPath, ConfigureOperationTests.Sources(mi, environment));

        var selection = Load(new() { ["KS_FILE"] = "wso2carbon.jks", ["KS_ALIAS"] = "wso2carbon" }).Keystore;
        var problems = Assert.Throws<SecVaultResolutionException>(() => Load(new() { ["KS_FILE"] = "wso2carbon.jks" })).Problems;

        Assert.Equal((KeystoreRole.Primary, "wso2carbon.jks", "wso2carbon"), (selection.Role, selection.ConfiguredLocation, selection.Alias));
        var problem = Assert.Single(problems);
        Assert.Equal((3, 9, ProblemSeverity.Error), (problem.Line, problem.Column, problem.Severity));
        Assert.Contains("KS_ALIAS", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_keystore_setting_that_is_not_a_string_or_an_unknown_type_is_an_error()
    {
        using var number = new TempMiHome("[keystore.primary]\nfile_name = \"wso2carbon.jks\"\nalias = 5\n");
        using var bks = new TempMiHome("[keystore.primary]\nfile_name = \"wso2carbon.jks\"\ntype = \"BKS\"\n");

        var problem = Assert.Single(Assert.Throws<SecVaultResolutionException>(() => ConfigureOperationTests.Load(number)).Problems);
        var type = Assert.Throws<VaultException>(() => ConfigureOperationTests.Load(bks));

        Assert.Equal("conf/deployment.toml:3:9: [keystore.primary] alias must be a string", problem.ToString());
        Assert.Equal("keystore.primary.alias", problem.Subject);
        Assert.Equal("unknown keystore type 'BKS'; use JKS, PKCS12 or JCEKS", type.Message);
    }

    [Fact]
    public void A_keystore_location_that_is_a_folder_is_named_as_a_folder_not_as_missing()
    {
        using var home = new TempMiHome("[server]\n");
        var folder = Path.Combine(home.Path, "repository", "resources", "security", "store.p12");
        Directory.CreateDirectory(folder);

        var e = Assert.Throws<VaultException>(() => KeystoreSelection.ResolveLocation("store.p12", home.Path));

        Assert.Equal((VaultErrorKind.KeystoreMissing, $"keystore 'store.p12' is a folder, not a file: {folder}"), (e.Kind, e.Message));
        Assert.Equal("check file_name under [keystore.internal] or [keystore.primary] in conf/deployment.toml", e.Hint);
    }

    [Fact]
    public void A_keystore_location_is_taken_from_the_home_placeholder_an_absolute_path_or_else_reported_with_every_place_tried()
    {
        using var home = new TempMiHome("[server]\n");
        var keystore = Path.Combine(home.Path, "repository", "resources", "security", "wso2carbon.jks");

        Assert.Equal(keystore, KeystoreSelection.ResolveLocation("${carbon.home}/repository/resources/security/wso2carbon.jks", home.Path));
        Assert.Equal(keystore, KeystoreSelection.ResolveLocation(keystore, home.Path));
        var e = Assert.Throws<VaultException>(() => KeystoreSelection.ResolveLocation("missing.jks", home.Path));

        Assert.Equal(VaultErrorKind.KeystoreMissing, e.Kind);
        Assert.Equal(
            $"keystore 'missing.jks' not found; tried {Path.Combine(home.Path, "missing.jks")}, {Path.Combine(home.Path, "repository", "resources", "security", "missing.jks")}",
            e.Message);
        Assert.Equal("check file_name under [keystore.internal] or [keystore.primary] in conf/deployment.toml", e.Hint);
        var drive = Assert.Throws<VaultException>(() => KeystoreSelection.ResolveLocation("C:/keys/missing.jks", home.Path));
        Assert.Equal("keystore 'C:/keys/missing.jks' not found; tried C:/keys/missing.jks", drive.Message);
    }
}
