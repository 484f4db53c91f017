using SecVault.Diagnostics;
using SecVault.Passwords;
using SecVault.Testing;
using SecVault.Verification;
using static SecVault.Tests.Resolution.ResolverTestSupport;

namespace SecVault.Tests.Verification;

public sealed class VerifierTests
{
    private static string Sound(TestMiHome home) =>
        "[keystore.tls]\npassword = \"$secret{db}\"\n[secrets]\ndb = \"" + home.Vector(Oaep).Ciphertext + "\"\n";

    [Fact]
    public void Verify_passes_a_sound_home()
    {
        using var home = new TestMiHome();
        home.WriteToml(Sound(home));

        Assert.Empty(Verifier.Verify(home.Home, Options(home)));
    }

    [Fact]
    public void Verify_reports_a_padding_mismatch_as_an_error()
    {
        using var home = new TestMiHome(algorithm: Pkcs1);
        home.WriteToml(Sound(home));

        var options = Options(home);
        options.DiagnosePadding = true;

        var problem = Assert.Single(Verifier.Verify(home.Home, options));

        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Contains("was encrypted with RSA/ECB/OAEPwithSHA1andMGF1Padding, but secret-conf.properties says RSA/ECB/PKCS1Padding", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_by_default_reports_a_padding_mismatch_like_any_ciphertext_that_does_not_decrypt()
    {
        using var home = new TestMiHome(algorithm: Pkcs1);
        home.WriteToml(Sound(home));

        var problem = Assert.Single(Verifier.Verify(home.Home, Options(home)));

        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Contains("does not decrypt with the vault's key and transformation", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("OAEP", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_checks_every_secret_even_unreferenced_ones_and_warns_about_them()
    {
        using var home = new TestMiHome();
        home.WriteToml(Sound(home) + "\nbroken = \"QUJD\"\n\"a.b\" = \"x\"\nc.d = \"" + home.Vector(Oaep).Ciphertext + "\"\n");

        var problems = Verifier.Verify(home.Home, Options(home));

        Assert.Contains(problems, p => p is { Severity: ProblemSeverity.Error, Subject: "broken" } && p.Message.Contains("another key", StringComparison.Ordinal));
        Assert.Contains(problems, p => p is { Severity: ProblemSeverity.Warning, Subject: "broken" } && p.Message == "alias 'broken' is never referenced");
        Assert.Contains(problems, p => p is { Severity: ProblemSeverity.Warning, Subject: "c.d" } && p.Message.Contains("dotted", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Subject == "a.b" && p.Message.Contains("dotted", StringComparison.Ordinal));
    }

    [Fact]
    public void Verify_warns_about_an_alias_upstream_mi_cannot_find_in_cipher_text_properties()
    {
        using var home = new TestMiHome();
        var ciphertext = home.Vector(Oaep).Ciphertext;
        home.WriteToml("[x]\ny = \"$secret{a:b}\"\n[secrets]\n\"a:b\" = \"" + ciphertext + "\"\n\"a.b\" = \"" + ciphertext + "\"\n");

        var problems = Verifier.Verify(home.Home, Options(home));

        var problem = Assert.Single(problems, p => p.Subject == "a:b");
        Assert.Equal(ProblemSeverity.Warning, problem.Severity);
        Assert.Equal("alias 'a:b' has ':'; upstream MI reads cipher-text.properties as Java properties and cannot find it", problem.Message);
        Assert.DoesNotContain(problems, p => p.Subject == "a.b" && p.Message.Contains("Java properties", StringComparison.Ordinal));
    }

    [Fact]
    public void Verify_warns_about_spaces_in_names_and_ciphertexts_in_env_values_outside_secrets()
    {
        using var home = new TestMiHome();
        home.WriteToml(Sound(home).Replace("$secret{db}", "$secret{db }", StringComparison.Ordinal) + "\n[x]\ny = \"$env{CIPHER}\"\n");
        var env = new Dictionary<string, string> { ["CIPHER"] = home.Vector(Oaep).Ciphertext };

        var problems = Verifier.Verify(home.Home, Options(home, env));

        Assert.All(problems, p => Assert.Equal(ProblemSeverity.Warning, p.Severity));
        Assert.Contains(problems, p => p.Message == "$secret{db } has spaces around its name");
        Assert.Contains(problems, p => p.Subject == "CIPHER" && p.Message.Contains("looks like a ciphertext", StringComparison.Ordinal));
    }

    [Fact]
    public void Verify_requires_every_vault_key_and_an_exact_identity_type()
    {
        using var home = new TestMiHome();
        home.WriteToml(Sound(home));
        home.SetVaultProperty("carbon.secretProvider", null);
        home.SetVaultProperty("keystore.identity.type", "jks");

        var problems = Verifier.Verify(home.Home, Options(home));

        Assert.Contains(problems, p => p is { Severity: ProblemSeverity.Error, Subject: "carbon.secretProvider" });
        Assert.Contains(problems, p => p is { Severity: ProblemSeverity.Error, Subject: "keystore.identity.type" } && p.Message.Contains("'jks'", StringComparison.Ordinal));
    }

    [Fact]
    public void Verify_reports_a_keystore_it_cannot_open()
    {
        using var home = new TestMiHome();
        home.WriteToml(Sound(home));
        home.SetVaultProperty("keystore.identity.alias", "nobody");

        var problems = Verifier.Verify(home.Home, Options(home));

        Assert.Contains(problems, p => p.Severity == ProblemSeverity.Error && p.Message.Contains("nobody", StringComparison.Ordinal));
    }

    [Fact]
    public void Verify_never_consumes_password_files()
    {
        using var home = new TestMiHome();
        home.WriteToml(Sound(home));
        var file = home.Combine(PasswordFileSource.FileNames[1]);
        File.WriteAllText(file, home.Keystore.StorePassword);
        var options = Options(home, withPassword: false);
        options.ConsumePasswordFiles = true;

        Assert.Empty(Verifier.Verify(home.Home, options));
        Assert.True(File.Exists(file));
    }

    [Fact]
    public void Verify_checks_synapse_folders_and_counts_their_references()
    {
        using var home = new TestMiHome();
        home.WriteToml(Sound(home) + "\nother = \"" + home.Vector(Oaep, "unicode").Ciphertext + "\"\n");
        var api = home.Combine("repository", "deployment", "server", "synapse-configs", "default", "api");
        Directory.CreateDirectory(api);
        File.WriteAllText(Path.Combine(api, "A.xml"), "<a>{wso2:vault-lookup('other')}\n<b>\n{wso2:vault-lookup('MISSING','ENV','false')}</b></a>");

        var problems = Verifier.Verify(home.Home, Options(home), [home.Combine("repository")]);

        var problem = Assert.Single(problems);
        Assert.Equal(Path.Combine("repository", "deployment", "server", "synapse-configs", "default", "api", "A.xml"), problem.Path);
        Assert.Equal((3, 1), (problem.Line, problem.Column));
    }

    [Fact]
    public void Format_writes_severity_position_subject_and_message()
    {
        var problem = new Problem(ProblemSeverity.Warning, "conf/deployment.toml", 4, 7, "db", "alias 'db' is never referenced");

        Assert.Equal("warning conf/deployment.toml:4:7 db: alias 'db' is never referenced", Verifier.Format(problem));
        Assert.Equal("error conf/x: boom", Verifier.Format(new Problem(ProblemSeverity.Error, "conf/x", 0, 0, "", "boom")));
    }

    [Fact]
    public void Verify_reports_no_error_for_ref_values_of_an_MI_shaped_config_but_one_for_a_dangling_reference()
    {
        using var home = new TestMiHome();
        home.WriteToml(Tests.Resolution.ReferenceFixture.Toml("wso2carbon.jks", home.Vector(Oaep).Ciphertext));

        Assert.DoesNotContain(Verifier.Verify(home.Home, Options(home)), p => p.Severity == ProblemSeverity.Error);

        home.WriteToml(Tests.Resolution.ReferenceFixture.Toml("wso2carbon.jks", home.Vector(Oaep).Ciphertext) + "\n[x]\ny = \"$ref{server.host}\"\n");
        var problem = Assert.Single(Verifier.Verify(home.Home, Options(home)), p => p.Severity == ProblemSeverity.Error);
        Assert.Equal("server.host", problem.Subject);
    }

    [Fact]
    public void A_Carbon_written_secret_conf_without_enabled_or_algorithm_lines_gets_warnings_and_still_decrypts_with_RSA()
    {
        using var home = new TestMiHome(algorithm: Pkcs1);
        home.SetVaultProperty("secVault.enabled", null);
        home.SetVaultProperty("secretRepositories.file.algorithm", null);
        home.WriteToml("[keystore.tls]\npassword = \"$secret{db}\"\n[secrets]\ndb = \"" + home.Vector(Pkcs1).Ciphertext + "\"\n");

        var problems = Verifier.Verify(home.Home, Options(home));

        Assert.Equal(
            [
                "warning conf/security/secret-conf.properties secVault.enabled: the line secVault.enabled is missing (a file written by Carbon's cipher tool); the runtime uses the default true",
                "warning conf/security/secret-conf.properties secretRepositories.file.algorithm: the line secretRepositories.file.algorithm is missing (a file written by Carbon's cipher tool); the runtime uses the default RSA (PKCS#1 v1.5 padding)",
            ],
            problems.Select(Verifier.Format));
        Assert.Equal("wso2carbon", Resolve(home, Options(home)).Value("keystore:tls:password"));
    }

    [Fact]
    public void Verify_without_paths_scans_the_homes_own_synapse_configs_dataservices_and_exploded_carbonapps()
    {
        using var home = new TestMiHome();
        home.WriteToml(Sound(home) + "\napi_key = \"" + home.Vector(Oaep).Ciphertext + "\"\nds_password = \"" + home.Vector(Oaep).Ciphertext + "\"\ncapp_key = \"" + home.Vector(Oaep).Ciphertext + "\"\n");
        var server = home.Combine("repository", "deployment", "server");
        Directory.CreateDirectory(Path.Combine(server, "synapse-configs", "default", "api"));
        Directory.CreateDirectory(Path.Combine(server, "dataservices"));
        Directory.CreateDirectory(Path.Combine(server, "carbonapps", "OrdersCApp_1.0.0", "Orders_1.0.0"));
        File.WriteAllText(Path.Combine(server, "synapse-configs", "default", "api", "A.xml"), "<api><header value=\"{wso2:vault-lookup('api_key')}\"/></api>");
        File.WriteAllText(Path.Combine(server, "dataservices", "Orders.DBS"), "<data xmlns:svns=\"http://org.wso2.securevault/configuration\"><property name=\"password\" svns:secretAlias=\"ds_password\"/></data>");
        File.WriteAllText(Path.Combine(server, "carbonapps", "OrdersCApp_1.0.0", "Orders_1.0.0", "Orders.xml"), "<proxy><parameter name=\"k\">{wso2:vault-lookup('capp_key')}</parameter>\n<broken></proxy>");

        var problems = Verifier.Verify(home.Home, Options(home));

        var problem = Assert.Single(problems);
        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Equal(Path.Combine("repository", "deployment", "server", "carbonapps", "OrdersCApp_1.0.0", "Orders_1.0.0", "Orders.xml"), problem.Path);
        Assert.Equal((2, 11), (problem.Line, problem.Column));
        Assert.StartsWith("not well-formed XML", problem.Message, StringComparison.Ordinal);
        Assert.Contains(Verifier.Verify(home.Home, Options(home), []), p => p.Message == "alias 'ds_password' is never referenced");
    }
}
