using Microsoft.Extensions.Configuration;
using SecVault.Diagnostics;
using SecVault.Hosting;
using SecVault.Passwords;
using SecVault.Testing;

namespace SecVault.Extensions.Configuration.Tests;

public sealed class MiDeploymentTomlConfigurationProviderTests
{
    private const string Oaep = "RSA/ECB/OAEPwithSHA1andMGF1Padding";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static string Toml(TestMiHome home, string port = "8290") =>
        "ports = [" + port + ", 8253]\non = true\n[keystore.tls]\npassword = \"$secret{db}\"\nuser = \"$env{USER_NAME}\"\n"
        + "[[datasource]]\nid = \"$sys{ds.id}\"\n[secrets]\ndb = \"" + home.Vector(Oaep).Ciphertext + "\"\n";

    private static void Configure(MiDeploymentTomlOptions options, TestMiHome home)
    {
        options.Environment = new DictionaryEnvironment(new Dictionary<string, string> { ["USER_NAME"] = "admin" });
        options.SystemProperties["ds.id"] = "WSO2_CARBON_DB";
        options.PasswordProvider = _ => KeystorePassword.FromStrings(home.Keystore.StorePassword);
        options.AllowPrompt = false;
    }

    private static bool WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(50);
        }

        return condition();
    }

    [Fact]
    public void Build_reads_resolved_values_under_configuration_keys()
    {
        using var home = new TestMiHome();
        home.WriteToml(Toml(home));

        var configuration = new ConfigurationBuilder().AddMiDeploymentToml(home.Path, o => Configure(o, home)).Build();

        Assert.Equal("wso2carbon", configuration["keystore:tls:password"]);
        Assert.Equal("admin", configuration["keystore:tls:user"]);
        Assert.Equal("WSO2_CARBON_DB", configuration["datasource:0:id"]);
        Assert.Equal("8253", configuration["ports:1"]);
        Assert.Equal("true", configuration["on"]);
        Assert.Null(configuration["secrets:db"]);
    }

    [Fact]
    public void Build_follows_ref_placeholders_to_file_values_secrets_and_MI_defaults()
    {
        using var home = new TestMiHome();
        home.WriteToml(Toml(home) + """
            [server]
            hostname = "mi.example.test"
            [keystore.internal]
            file_name = "$ref{keystore.primary.file_name}"
            password = "$ref{keystore.tls.password}"
            [monitoring]
            jmx_host = "$ref{server.hostname}"
            node = "$ref{datasource.0.id}@$ref{server.hostname}"
            """);

        var configuration = new ConfigurationBuilder().AddMiDeploymentToml(home.Path, o => Configure(o, home)).Build();

        Assert.Equal("repository/resources/security/wso2carbon.jks", configuration["keystore:internal:file_name"]);
        Assert.Equal("wso2carbon", configuration["keystore:internal:password"]);
        Assert.Equal("mi.example.test", configuration["monitoring:jmx_host"]);
        Assert.Equal("WSO2_CARBON_DB@mi.example.test", configuration["monitoring:node"]);
    }

    [Fact]
    public void A_dangling_reference_fails_the_load_with_its_position_and_key()
    {
        using var home = new TestMiHome();
        home.WriteToml("[a]\nb = \"$ref{c.d}\"\n");

        var ex = Assert.Throws<SecVaultResolutionException>(() =>
            new ConfigurationBuilder().AddMiDeploymentToml(home.Path, o => Configure(o, home)).Build());

        var problem = Assert.Single(ex.Problems);
        Assert.Equal((2, 5, "c.d"), (problem.Line, problem.Column, problem.Subject));
    }

    [Fact]
    public void IncludeSecretsSection_exposes_each_decrypted_secret()
    {
        using var home = new TestMiHome();
        home.WriteToml(Toml(home));

        var configuration = new ConfigurationBuilder().AddMiDeploymentToml(home.Path, o =>
        {
            Configure(o, home);
            o.IncludeSecretsSection = true;
        }).Build();

        Assert.Equal("wso2carbon", configuration["secrets:db"]);
    }

    [Fact]
    public void Optional_gives_an_empty_configuration_for_a_missing_file()
    {
        using var folder = new TempFolder();

        var configuration = new ConfigurationBuilder().AddMiDeploymentToml(folder.Path, o => o.Optional = true).Build();

        Assert.Empty(configuration.AsEnumerable());
    }

    [Fact]
    public void A_failed_load_throws_with_every_problem_and_no_value()
    {
        using var home = new TestMiHome();
        home.WriteToml("x = \"$secret{nope}\"\n" + Toml(home).Replace("$sys{ds.id}", "$sys{missing}", StringComparison.Ordinal));

        var ex = Assert.Throws<SecVaultResolutionException>(() =>
            new ConfigurationBuilder().AddMiDeploymentToml(home.Path, o => Configure(o, home)).Build());

        Assert.Equal(2, ex.Problems.Count);
        Assert.DoesNotContain("wso2carbon", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_password_file_is_consumed_by_default_and_the_password_kept_for_reloads()
    {
        using var home = new TestMiHome();
        home.WriteToml(Toml(home));
        var file = home.Combine(PasswordFileSource.FileNames[1]);
        File.WriteAllText(file, home.Keystore.StorePassword + "\n");

        var configuration = new ConfigurationBuilder().AddMiDeploymentToml(home.Path, o =>
        {
            Configure(o, home);
            o.PasswordProvider = null;
        }).Build();

        Assert.False(File.Exists(file));
        home.WriteToml(Toml(home, "9000"));
        configuration.Reload();
        Assert.Equal("9000", configuration["ports:0"]);
        Assert.Equal("wso2carbon", configuration["keystore:tls:password"]);
    }

    [Fact]
    public void PersistPassword_keeps_the_password_file()
    {
        using var home = new TestMiHome();
        home.WriteToml(Toml(home));
        var file = home.Combine(PasswordFileSource.FileNames[1]);
        File.WriteAllText(file, home.Keystore.StorePassword);

        var configuration = new ConfigurationBuilder().AddMiDeploymentToml(home.Path, o =>
        {
            Configure(o, home);
            o.PasswordProvider = null;
            o.PersistPassword = true;
        }).Build();

        Assert.Equal("wso2carbon", configuration["keystore:tls:password"]);
        Assert.True(File.Exists(file));
    }

    [Fact]
    public void ReloadOnChange_sees_a_change_of_deployment_toml()
    {
        using var home = new TestMiHome();
        home.WriteToml(Toml(home));
        var configuration = new ConfigurationBuilder().AddMiDeploymentToml(home.Path, o =>
        {
            Configure(o, home);
            o.ReloadOnChange = true;
        }).Build();
        Assert.Equal("8290", configuration["ports:0"]);

        home.WriteToml(Toml(home, "9443"));

        Assert.True(WaitFor(() => configuration["ports:0"] == "9443"));
        Assert.Equal("wso2carbon", configuration["keystore:tls:password"]);
        (configuration as IDisposable)?.Dispose();
    }

    [Fact]
    public void A_failed_reload_keeps_the_last_good_data_and_reports_the_failure()
    {
        using var home = new TestMiHome();
        home.WriteToml(Toml(home));
        var failures = new List<Exception>();
        var configuration = new ConfigurationBuilder().AddMiDeploymentToml(home.Path, o =>
        {
            Configure(o, home);
            o.ReloadOnChange = true;
            o.OnLoadException = ex =>
            {
                lock (failures)
                {
                    failures.Add(ex);
                }
            };
        }).Build();

        home.WriteToml("bad = \"$env{UNDEFINED_VAR}\"\n" + Toml(home, "1"));

        Assert.True(WaitFor(() =>
        {
            lock (failures)
            {
                return failures.Count > 0;
            }
        }));
        Assert.Equal("8290", configuration["ports:0"]);
        lock (failures)
        {
            var failure = Assert.IsType<SecVaultResolutionException>(failures[0]);
            Assert.Equal("UNDEFINED_VAR", Assert.Single(failure.Problems).Subject);
        }

        (configuration as IDisposable)?.Dispose();
    }
}
