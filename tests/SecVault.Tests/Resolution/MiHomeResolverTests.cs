using System.Text;
using SecVault.Diagnostics;
using SecVault.Passwords;
using SecVault.Resolution;
using SecVault.Testing;
using static SecVault.Tests.Resolution.ResolverTestSupport;

namespace SecVault.Tests.Resolution;

public sealed partial class MiHomeResolverTests
{
    [Theory]
    [InlineData(Oaep, Oaep)]
    [InlineData(Pkcs1, Pkcs1)]
    [InlineData("RSA", Pkcs1)]
    public void Resolve_substitutes_secrets_made_by_the_JDK_in_either_padding(string vaultAlgorithm, string vectorTransformation)
    {
        using var home = new TestMiHome(algorithm: vaultAlgorithm);
        home.WriteToml($$"""
            [keystore.tls]
            password = "$secret{admin}"
            [secrets]
            admin = "{{home.Vector(vectorTransformation).Ciphertext}}"
            """);

        var resolved = Resolve(home, Options(home));

        Assert.Equal("wso2carbon", resolved.Value("keystore:tls:password"));
        Assert.True(resolved.Values.Single().ContainsSecret);
    }

    [Fact]
    public void Resolve_replaces_placeholders_in_place_inside_longer_strings_and_arrays()
    {
        using var home = new TestMiHome();
        home.WriteToml($$"""
            [[datasource]]
            url = "jdbc:x;user=$env{DB_USER};password=$secret{db};end"
            hosts = ["$sys{db.host}", "b"]
            [secrets]
            db = "{{home.Vector(Oaep, "unicode").Ciphertext}}"
            """);
        var options = Options(home, new() { ["DB_USER"] = "admin" });
        options.SystemProperties["db.host"] = "db1";

        var resolved = Resolve(home, options);

        Assert.Equal("jdbc:x;user=admin;password=pässwörd-密码-🔑;end", resolved.Value("datasource:0:url"));
        Assert.Equal("db1", resolved.Value("datasource:0:hosts:0"));
        Assert.Equal("jdbc:x;user=admin;password=********;end", resolved.Values.Single(v => v.ConfigurationKey == "datasource:0:url").MaskedValue);
    }

    [Fact]
    public void Resolve_never_scans_substituted_text_again()
    {
        using var home = new TestMiHome();
        home.WriteToml($$"""
            a = "$secret{b}|$env{V}"
            [secrets]
            b = "{{home.Vector(Oaep, "brackets").Ciphertext}}"
            """);

        var resolved = Resolve(home, Options(home, new() { ["V"] = "$sys{nope}" }));

        Assert.Equal("a]b[c$secret{x}|$sys{nope}", resolved.Value("a"));
    }

    [Fact]
    public void Resolve_decrypts_a_dynamic_secret_held_in_an_environment_variable()
    {
        using var home = new TestMiHome();
        home.WriteToml("""
            p = "$secret{db_password}"
            [secrets]
            db_password = "$env{DB_PASSWORD_CIPHERTEXT}"
            """);
        var ciphertext = home.Vector(Oaep).Ciphertext;

        var resolved = Resolve(home, Options(home, new() { ["DB_PASSWORD_CIPHERTEXT"] = ciphertext[..100] + "\n  " + ciphertext[100..] }));

        Assert.Equal("wso2carbon", resolved.Value("p"));
    }

    [Fact]
    public void Resolve_decrypts_a_dynamic_secret_held_in_a_system_property()
    {
        using var home = new TestMiHome(algorithm: Pkcs1);
        home.WriteToml("""
            p = "$secret{db}"
            [secrets]
            db = "$sys{db.cipher}"
            """);
        var options = Options(home);
        options.SystemProperties["db.cipher"] = home.Vector(Pkcs1).Ciphertext;

        Assert.Equal("wso2carbon", Resolve(home, options).Value("p"));
    }

    [Fact]
    public void Resolve_leaves_env_values_outside_secrets_undecrypted()
    {
        using var home = new TestMiHome();
        var ciphertext = home.Vector(Oaep).Ciphertext;
        home.WriteToml("[keystore.primary]\npassword = \"$env{ENV_VAR}\"\n");

        Assert.Equal(ciphertext, Resolve(home, Options(home, new() { ["ENV_VAR"] = ciphertext })).Value("keystore:primary:password"));
    }

    [Fact]
    public void Resolve_accepts_an_empty_environment_variable_but_not_an_empty_system_property()
    {
        using var home = new TestMiHome();
        home.WriteToml("a = \"x$env{EMPTY}y\"\nb = \"$sys{empty}\"\n");
        var options = Options(home, new() { ["EMPTY"] = string.Empty });
        options.SystemProperties["empty"] = string.Empty;

        var ex = Fails(home, options);

        var problem = Assert.Single(ex.Problems);
        Assert.Equal("system property empty is empty", problem.Message);
        Assert.Equal((2, 5), (problem.Line, problem.Column));
    }

    [Fact]
    public void Resolve_reports_an_undefined_variable_with_file_line_and_column()
    {
        using var home = new TestMiHome();
        home.WriteToml("[db]\n\n  url = \"$env{DB_PASS}\"\n");

        var problem = Assert.Single(Fails(home, Options(home)).Problems);

        Assert.Equal(Path.Combine("conf", "deployment.toml") + ":3:9: environment variable DB_PASS is not defined", problem.ToString());
        Assert.Equal("DB_PASS", problem.Subject);
    }

    [Fact]
    public void Resolve_reports_an_unknown_alias_at_the_reference()
    {
        using var home = new TestMiHome();
        home.WriteToml("[a]\nb = \"$secret{truststore_pw}\"\n[secrets]\nother = \"x\"\n");

        var problem = Assert.Single(Fails(home, Options(home)).Problems);

        Assert.Equal("$secret{truststore_pw}: no such alias in [secrets]", problem.Message);
        Assert.Equal((2, 5, "truststore_pw"), (problem.Line, problem.Column, problem.Subject));
    }

    [Fact]
    public void Resolve_reports_a_padding_mismatch_naming_both_transformations()
    {
        using var home = new TestMiHome(algorithm: "RSA");
        home.WriteToml($$"""
            p = "$secret{keystore_password}"
            [secrets]
            keystore_password = "{{home.Vector(Oaep).Ciphertext}}"
            """);

        var options = Options(home);
        options.DiagnosePadding = true;

        var ex = Fails(home, options);

        var problem = Assert.Single(ex.Problems);
        Assert.Equal("secret 'keystore_password' was encrypted with RSA/ECB/OAEPwithSHA1andMGF1Padding, but secret-conf.properties says RSA", problem.Message);
        Assert.Equal((3, 21), (problem.Line, problem.Column));
        AssertNoValue(ex, "wso2carbon", home.Vector(Oaep).Ciphertext);
    }

    [Fact]
    public void Resolve_tells_a_ciphertext_of_another_key_from_a_corrupt_one()
    {
        using var home = new TestMiHome();
        var other = new TestMiHome("jks-rsa3072");
        using (other)
        {
            var corrupt = Convert.FromBase64String(home.Vector(Oaep).Ciphertext);
            corrupt[10] ^= 0x55;
            home.WriteToml($$"""
                a = "$secret{other_key}"
                b = "$secret{corrupt}"
                [secrets]
                other_key = "{{other.Vector(Oaep).Ciphertext}}"
                corrupt = "{{Convert.ToBase64String(corrupt)}}"
                """);
        }

        var options = Options(home);
        options.DiagnosePadding = true;

        var problems = Fails(home, options).Problems;

        Assert.Contains("was made with another key", problems.Single(p => p.Subject == "other_key").Message, StringComparison.Ordinal);
        Assert.Contains("does not decrypt with key 'wso2carbon' (SHA-256 ", problems.Single(p => p.Subject == "corrupt").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_reports_a_plain_text_marker_with_the_configure_hint()
    {
        using var home = new TestMiHome();
        home.WriteToml("p = \"$secret{db}\"\n[secrets]\ndb = \"[s3cret-value]\"\n");

        var ex = Fails(home, Options(home));

        Assert.Equal("secret 'db' is still a plain-text marker, not a ciphertext", Assert.Single(ex.Problems).Message);
        Assert.Equal("run ciphertool -Dconfigure", ex.Hint);
        AssertNoValue(ex, "s3cret-value");
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("disabled")]
    [InlineData("no-file")]
    public void Resolve_reports_secure_vault_not_configured(string how)
    {
        using var home = new TestMiHome();
        home.WriteToml($"p = \"$secret{{db}}\"\n[secrets]\ndb = \"{home.Vector(Oaep).Ciphertext}\"\n");
        switch (how)
        {
            case "missing":
                home.DeleteVault();
                break;
            case "disabled":
                home.SetVaultProperty("secVault.enabled", "False");
                break;
            default:
                home.SetVaultProperty("secretRepositories", "vault");
                break;
        }

        var problem = Assert.Single(Fails(home, Options(home)).Problems);

        Assert.StartsWith("secure vault is not configured", problem.Message, StringComparison.Ordinal);
        Assert.Equal(Path.Combine("conf", "security", "secret-conf.properties"), problem.Path);
    }

    [Fact]
    public void Resolve_opens_no_keystore_and_asks_no_password_when_no_secret_is_referenced()
    {
        using var home = new TestMiHome();
        home.WriteToml("a = \"$env{A}\"\nn = 5\n[secrets]\nunused = \"not even base64!\"\n");
        var asked = 0;
        var options = Options(home, new() { ["A"] = "x" }, withPassword: false);
        options.PasswordSource = new ExplicitPasswordSource(_ =>
        {
            asked++;
            return null;
        });

        var resolved = Resolve(home, options);

        Assert.Equal("x", resolved.Value("a"));
        Assert.Equal(0, asked);
    }

    [Fact]
    public void Resolve_reports_ref_and_empty_names_and_collects_every_problem()
    {
        using var home = new TestMiHome();
        home.WriteToml("a = \"$ref{b.c}\"\nb = \"$env{ }\"\nc = \"$secret{nope}\"\nd = \"$env{MISSING}\"\n");

        var problems = Fails(home, Options(home)).Problems;

        Assert.Equal(4, problems.Count);
        Assert.Equal("$ref{b.c}: no key b.c in deployment.toml, and MI has no default for it", problems[0].Message);
        Assert.Contains("empty name", problems[1].Message, StringComparison.Ordinal);
        Assert.Equal([1, 2, 3, 4], problems.Select(p => p.Line));
    }

    [Fact]
    public void Resolve_reports_secrets_that_are_not_strings_or_hold_other_placeholders()
    {
        using var home = new TestMiHome();
        home.WriteToml("a = \"$secret{n}\"\nb = \"$secret{s}\"\n[secrets]\nn = 12\ns = \"$env{X}$secret{n}\"\n");

        var problems = Fails(home, Options(home, new() { ["X"] = "1" })).Problems;

        Assert.Equal("secret 'n' must be a string, not integer", problems.Single(p => p.Line == 4).Message);
        Assert.Contains("only $env{} and $sys{} placeholders are allowed here", problems.Single(p => p.Line == 5).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_reports_a_wrong_password_without_the_password()
    {
        using var home = new TestMiHome();
        home.WriteToml($"p = \"$secret{{db}}\"\n[secrets]\ndb = \"{home.Vector(Oaep).Ciphertext}\"\n");
        var options = Options(home, withPassword: false);
        options.PasswordSource = new ExplicitPasswordSource(_ => KeystorePassword.FromStrings("Wr0ng-pa55word"));

        var ex = Fails(home, options);

        Assert.Equal(home.KeystorePath, Assert.Single(ex.Problems).Path);
        AssertNoValue(ex, "Wr0ng-pa55word", "wso2carbon");
    }

    [Fact]
    public void Resolve_uses_a_separate_key_password_from_the_environment()
    {
        using var home = new TestMiHome("jks-distinct-key-password");
        home.WriteToml($"p = \"$secret{{db}}\"\n[secrets]\ndb = \"{home.Vector(Oaep).Ciphertext}\"\n");
        var options = Options(home, new() { ["MI_KEYSTORE_PASSWORD"] = "storepass-1", ["MI_KEY_PASSWORD"] = "keypass-2" }, withPassword: false);
        options.SeparateKeyPassword = true;

        Assert.Equal("wso2carbon", Resolve(home, options).Value("p"));
    }

    [Fact]
    public void Resolve_opens_a_keystore_with_a_unicode_password()
    {
        using var home = new TestMiHome("jks-unicode-password");
        home.WriteToml($"p = \"$secret{{db}}\"\n[secrets]\ndb = \"{home.Vector(Pkcs1).Ciphertext}\"\n");
        home.SetVaultProperty("secretRepositories.file.algorithm", Pkcs1);

        Assert.Equal("wso2carbon", Resolve(home, Options(home)).Value("p"));
    }

    [Fact]
    public void Resolve_reports_a_missing_or_invalid_deployment_toml_with_its_position()
    {
        using var home = new TestMiHome();
        Assert.Equal("deployment.toml does not exist", Assert.Single(Fails(home, Options(home)).Problems).Message);

        home.WriteToml("a = 1\nb = = 2\n");
        var problem = Assert.Single(Fails(home, Options(home)).Problems);
        Assert.Equal(2, problem.Line);
        Assert.DoesNotContain("conf", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderToml_rewrites_only_resolved_literals_and_masks_secrets()
    {
        using var home = new TestMiHome();
        var ciphertext = home.Vector(Oaep).Ciphertext;
        var toml = $"# comment\r\n[a]\r\nx = 'v=$secret{{db}}'  # keep\r\ny = \"$env{{Q}}\"\r\nz = 1_000\r\n[secrets]\r\ndb = \"{ciphertext}\"\r\n";
        home.WriteToml(toml);

        var resolved = Resolve(home, Options(home, new() { ["Q"] = "say \"hi\"" }));

        Assert.Equal(toml.Replace("'v=$secret{db}'", "\"v=********\"").Replace("\"$env{Q}\"", "\"say \\\"hi\\\"\""), Encoding.UTF8.GetString(resolved.RenderToml(showSecrets: false)));
        Assert.Contains("x = \"v=wso2carbon\"  # keep", Encoding.UTF8.GetString(resolved.RenderToml(showSecrets: true)), StringComparison.Ordinal);
    }

    [Fact]
    public void Flat_lists_configuration_keys_in_document_order_with_invariant_values()
    {
        using var home = new TestMiHome();
        home.WriteToml($$"""
            ports = [8290, 8253]
            ratio = 0.5
            on = true
            when = 1979-05-27T07:32:00Z
            [keystore.tls]
            password = "$secret{p}"
            [system.parameter]
            "org.wso2.CipherTransformation" = "RSA"
            [secrets]
            p = "{{home.Vector(Oaep).Ciphertext}}"
            """);

        var flat = Resolve(home, Options(home)).Flat(showSecrets: false);

        Assert.Equal(
            ["ports:0=8290", "ports:1=8253", "ratio=0.5", "on=true", "when=1979-05-27T07:32:00Z", "keystore:tls:password=********", "system:parameter:org.wso2.CipherTransformation=RSA"],
            flat.Select(p => $"{p.Key}={p.Value}"));
    }

    [Fact]
    public void DecryptSecrets_returns_all_or_only_the_named_aliases()
    {
        using var home = new TestMiHome();
        home.WriteToml($"[secrets]\na = \"{home.Vector(Oaep).Ciphertext}\"\nb = \"{home.Vector(Oaep, "unicode").Ciphertext}\"\n");
        using var resolver = new MiHomeResolver(home.Home, Options(home));

        Assert.Equal(["a", "b"], resolver.DecryptSecrets().Keys);
        Assert.Equal("pässwörd-密码-🔑", Assert.Single(resolver.DecryptSecrets(["b"])).Value);
        var ex = Assert.Throws<SecVaultResolutionException>(() => resolver.DecryptSecrets(["c"]));
        Assert.Equal("secret 'c': no such alias in [secrets]", Assert.Single(ex.Problems).Message);
    }

    [Fact]
    public void Many_secrets_decrypt_in_parallel_with_the_same_results_in_order()
    {
        using var home = new TestMiHome();
        var vectors = home.Manifest.CiphertextsOf(home.Keystore.Name).Where(c => c.Transformation == Oaep).ToList();
        var lines = Enumerable.Range(0, 20).Select(i => $"s{i} = \"{vectors[i % vectors.Count].Ciphertext}\"");
        home.WriteToml("[secrets]\n" + string.Join("\n", lines) + "\n");
        using var resolver = new MiHomeResolver(home.Home, Options(home));

        var parallel = resolver.DecryptSecrets();
        var sequential = resolver.Secrets.Aliases.Select(a => resolver.Secrets.Lookup(a).Value).ToList();

        Assert.Equal(sequential, parallel.Values);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => Encoding.UTF8.GetString(vectors[i % vectors.Count].Plaintext())), parallel.Values);
    }

    [Fact]
    public void Many_secrets_with_failures_report_every_failure()
    {
        using var home = new TestMiHome();
        var good = home.Vector(Oaep).Ciphertext;
        var lines = Enumerable.Range(0, 10).Select(i => $"s{i} = \"{(i % 3 == 0 ? "AAAA" : good)}\"");
        home.WriteToml("[secrets]\n" + string.Join("\n", lines) + "\n");
        using var resolver = new MiHomeResolver(home.Home, Options(home));

        var ex = Assert.Throws<SecVaultResolutionException>(() => resolver.DecryptSecrets());

        Assert.Equal(["s0", "s3", "s6", "s9"], ex.Problems.Select(p => p.Subject));
    }

    [SkippableFact]
    public void Resolve_decrypts_secrets_the_JDK_encrypts_live()
    {
        Skip.IfNot(JavaInterop.IsAvailable, "java is not on PATH");
        using var home = new TestMiHome("p12-pbes2");
        var oaep = JavaInterop.Encrypt(home.Keystore, "wso2carbon", Oaep, Encoding.UTF8.GetBytes("live-ÿ-secret"));
        var pkcs1 = JavaInterop.Encrypt(home.Keystore, "wso2carbon", Pkcs1, Encoding.UTF8.GetBytes("live-pkcs1"));
        home.WriteToml($"a = \"$secret{{o}}\"\nb = \"$secret{{p}}\"\n[secrets]\no = \"{oaep}\"\np = \"$env{{P}}\"\n");

        var options = Options(home, new() { ["P"] = pkcs1 });
        options.DiagnosePadding = true;
        var ex = Fails(home, options);
        Assert.Contains("was encrypted with RSA/ECB/PKCS1Padding", Assert.Single(ex.Problems).Message, StringComparison.Ordinal);
        AssertNoValue(ex, "live-pkcs1", pkcs1);

        home.WriteToml($"a = \"$secret{{o}}\"\n[secrets]\no = \"{oaep}\"\n");
        Assert.Equal("live-ÿ-secret", Resolve(home, Options(home)).Value("a"));
    }
}
