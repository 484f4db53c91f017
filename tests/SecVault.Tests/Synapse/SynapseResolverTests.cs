using SecVault.Ciphers;
using SecVault.Diagnostics;
using SecVault.Resolution;
using SecVault.Synapse;
using SecVault.Testing;
using SecVault.Tests.Ciphers;
using static SecVault.Tests.Resolution.ResolverTestSupport;

namespace SecVault.Tests.Synapse;

public sealed class SynapseResolverTests
{
    private static TestMiHome Home(out string ciphertext)
    {
        var home = new TestMiHome();
        ciphertext = home.Vector(Oaep).Ciphertext;
        home.WriteToml($"[secrets]\ndb = \"{ciphertext}\"\n");
        return home;
    }

    private static SynapseResolution Resolve(TestMiHome home, string xml, Dictionary<string, string>? env = null, Action<MiHomeResolverOptions>? configure = null)
    {
        var options = Options(home, env);
        configure?.Invoke(options);
        using var resolver = new MiHomeResolver(home.Home, options);
        return resolver.CreateSynapseResolver().Resolve(xml, "api.xml");
    }

    private static IReadOnlyList<Problem> Check(TestMiHome home, string xml, Dictionary<string, string>? env = null)
    {
        using var resolver = new MiHomeResolver(home.Home, Options(home, env));
        return resolver.CreateSynapseResolver().Check(xml, "api.xml");
    }

    [Fact]
    public void Resolve_reads_REG_and_one_argument_lookups_from_secrets()
    {
        using var home = Home(out _);
        var xml = "<a x=\"{wso2:vault-lookup('db')}\">{wso2:vault-lookup('db','REG','false')}</a>";

        var resolution = Resolve(home, xml);

        Assert.Equal("<a x=\"wso2carbon\">wso2carbon</a>", resolution.Render(showSecrets: true));
        Assert.Equal("<a x=\"********\">********</a>", resolution.Render(showSecrets: false));
    }

    [Fact]
    public void Resolve_reads_ENV_trimmed_and_decrypts_with_the_default_OAEP_when_flagged()
    {
        using var home = Home(out var ciphertext);
        var xml = "<s><p v=\"{wso2:vault-lookup('PLAIN','ENV','false')}\"/><p v=\"{wso2:vault-lookup('ENC','ENV','TRUE')}\"/></s>";

        var text = Resolve(home, xml, new() { ["PLAIN"] = "  a&b<c\" \n", ["ENC"] = ciphertext }).Render(showSecrets: true);

        Assert.Equal("<s><p v=\"a&amp;b&lt;c&quot;\"/><p v=\"wso2carbon\"/></s>", text);
    }

    [Fact]
    public void Resolve_reads_FILE_lines_joined_and_trimmed_under_the_configured_root()
    {
        using var home = Home(out _);
        File.WriteAllText(home.Combine("in-home.txt"), "  ab\ncd  \n");
        var root = home.Combine("secrets");
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "s"), "x\r\ny\n");
        var xml = "<a>{wso2:vault-lookup('in-home.txt','FILE','false')}</a>";

        Assert.Equal("<a>abcd</a>", Resolve(home, xml).Render(true));
        var viaRoot = Resolve(home, "<a>{wso2:vault-lookup('s','FILE','false')}</a>", configure: o => o.SystemProperties[SynapseResolver.FileRootProperty] = root);
        Assert.Equal("<a>xy</a>", viaRoot.Render(true));
    }

    [Fact]
    public void Resolve_reads_DOCKER_under_its_root_and_decrypts_with_the_vault_transformation()
    {
        using var home = Home(out _);
        home.SetVaultProperty("keystore.identity.CipherTransformation", Pkcs1);
        var root = home.Combine("docker");
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "db"), home.Vector(Pkcs1).Ciphertext + "\n");

        var resolution = Resolve(home, "<a>{wso2:vault-lookup('db','DOCKER','true')}</a>", configure: o => o.SystemProperties[SynapseResolver.DockerRootProperty] = root + "/");

        Assert.Equal("<a>wso2carbon</a>", resolution.Render(true));
    }

    [Fact]
    public void Resolve_takes_the_lookup_transformation_from_system_parameter_before_the_default()
    {
        using var home = new TestMiHome();
        home.WriteToml($"[system.parameter]\n\"org.wso2.CipherTransformation\" = \"RSA/ECB/PKCS1Padding\"\n");

        var resolution = Resolve(home, "<a>{wso2:vault-lookup('E','ENV','true')}</a>", new() { ["E"] = home.Vector(Pkcs1).Ciphertext });

        Assert.Equal("<a>wso2carbon</a>", resolution.Render(true));
    }

    [Fact]
    public void Resolve_replaces_XPath_calls_with_string_literals()
    {
        using var home = Home(out _);
        var xml = "<property name=\"p\" expression=\"fn:concat('u:', wso2:vault-lookup('Q','ENV','false'))\"/>";

        Assert.Equal("<property name=\"p\" expression=\"fn:concat('u:', 'x')\"/>", Resolve(home, xml, new() { ["Q"] = "x" }).Render(true));
        Assert.Equal("<property name=\"p\" expression=\"fn:concat('u:', concat('a', &quot;'&quot;, 'b&quot;c'))\"/>", Resolve(home, xml, new() { ["Q"] = "a'b\"c" }).Render(true));
        Assert.Equal("<property name=\"p\" expression=\"fn:concat('u:', '********')\"/>", Resolve(home, xml, new() { ["Q"] = "x" }).Render(false));
    }

    [Theory]
    [InlineData("it's", "\"it's\"")]
    [InlineData("plain", "'plain'")]
    [InlineData("a'b\"c", "concat('a', \"'\", 'b\"c')")]
    public void XPathLiteral_chooses_quotes_or_concat(string value, string expected) =>
        Assert.Equal(expected, SynapseResolver.XPathLiteral(value));

    [Fact]
    public void Resolve_reports_missing_and_empty_values_naming_the_lookup_and_position()
    {
        using var home = Home(out _);
        File.WriteAllText(home.Combine("empty"), " \n");
        var xml = "<a>\n  <b>{wso2:vault-lookup('NOPE','ENV','false')}</b>\n  <c>{wso2:vault-lookup('empty','FILE','false')}</c><d>{wso2:vault-lookup('gone','FILE','false')}</d><e>{wso2:vault-lookup('nope')}</e></a>";

        using var resolver = new MiHomeResolver(home.Home, Options(home));
        var ex = Assert.Throws<SecVaultResolutionException>(() => resolver.CreateSynapseResolver().Resolve(xml, "api.xml"));

        var problems = ex.Problems;
        Assert.Equal("api.xml:2:6: wso2:vault-lookup('NOPE','ENV','false'): environment variable NOPE is not defined", problems[0].ToString());
        Assert.Equal("wso2:vault-lookup('NOPE','ENV','false')", problems[0].Subject);
        Assert.Equal("the value is empty", problems[1].Message);
        Assert.Contains("does not exist", problems[2].Message, StringComparison.Ordinal);
        Assert.Equal("no such alias in [secrets]", problems[3].Message);
    }

    [Fact]
    public void Check_warns_for_other_prefixes_and_two_arguments_and_leaves_other_prefixes_alone()
    {
        using var home = Home(out _);
        var xml = "<a>{hashicorp:vault-lookup('x')}{wso2:vault-lookup('db','ENV')}</a>";

        var problems = Check(home, xml);

        Assert.All(problems, p => Assert.Equal(ProblemSeverity.Warning, p.Severity));
        Assert.Equal(2, problems.Count);
        Assert.Equal("<a>{hashicorp:vault-lookup('x')}wso2carbon</a>", Resolve(home, xml).Render(true));
    }

    [Fact]
    public void Check_reports_an_unknown_type_as_an_error()
    {
        using var home = Home(out _);

        var problem = Assert.Single(Check(home, "<a>{wso2:vault-lookup('x','env','false')}</a>"));

        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Contains("'env'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_reports_a_ciphertext_that_does_not_decrypt_without_its_value()
    {
        using var home = Home(out _);
        var ex = Assert.Throws<SecVaultResolutionException>(() =>
            Resolve(home, "<a>{wso2:vault-lookup('E','ENV','true')}</a>", new() { ["E"] = home.Vector(Pkcs1).Ciphertext }, o => o.DiagnosePadding = true));

        Assert.Contains("was encrypted with RSA/ECB/PKCS1Padding", Assert.Single(ex.Problems).Message, StringComparison.Ordinal);
        AssertNoValue(ex, home.Vector(Pkcs1).Ciphertext, "wso2carbon");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Resolve_by_default_reports_a_PKCS1_ciphertext_and_garbage_alike_on_an_OAEP_lookup(bool diagnose)
    {
        using var home = Home(out _);
        var garbage = new byte[256];
        new Random(3).NextBytes(garbage);
        garbage[0] = 0x01;
        var env = new Dictionary<string, string> { ["P"] = home.Vector(Pkcs1).Ciphertext, ["G"] = Convert.ToBase64String(garbage) };

        string Message(string variable) => Assert.Single(Assert.Throws<SecVaultResolutionException>(() =>
            Resolve(home, $"<a>{{wso2:vault-lookup('{variable}','ENV','true')}}</a>", env, o => o.DiagnosePadding = diagnose)).Problems).Message;

        var (pkcs1, random) = (Message("P").Replace("'P'", "'X'", StringComparison.Ordinal), Message("G").Replace("'G'", "'X'", StringComparison.Ordinal));
        if (diagnose)
        {
            Assert.NotEqual(random, pkcs1);
            Assert.Contains("was encrypted with RSA/ECB/PKCS1Padding", pkcs1, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(random, pkcs1);
        }
    }

    [Fact]
    public void Check_reports_every_problem_whole_with_its_subject_in_the_order_the_forms_are_read()
    {
        using var home = Home(out _);
        var xml =
            "<a>\n" +
            "<p expression=\"wso2:vault-lookup('x'\"/>\n" +
            "<q v=\"{hashicorp:vault-lookup('k')}\"/>\n" +
            "<r v=\"{wso2:vault-lookup('db','ENV')}\"/>\n" +
            "<s v=\"wso2:vault-lookup('db')\"/>\n" +
            "</b>";

        var problems = Check(home, xml);

        Assert.Equal(
            [
                new Problem(ProblemSeverity.Error, "api.xml", 6, 3, "xml", "not well-formed XML (The '…' start tag on line 1 position 2 does not match the end tag of '…'); MI does not deploy the artifact"),
                new Problem(ProblemSeverity.Error, "api.xml", 2, 16, "vault-lookup", "malformed vault-lookup call: no ')' closes its arguments; expected prefix:vault-lookup('name'[, 'TYPE', 'true|false'])"),
                new Problem(ProblemSeverity.Warning, "api.xml", 3, 7, "hashicorp:vault-lookup('k')", "prefix 'hashicorp' is not wso2; the lookup is left as it is") { SubjectNotInMessage = true },
                new Problem(ProblemSeverity.Warning, "api.xml", 4, 7, "wso2:vault-lookup('db','ENV')", "with two arguments the type 'ENV' is ignored and the alias is read from [secrets]; add a third argument") { SubjectNotInMessage = true },
                new Problem(ProblemSeverity.Warning, "api.xml", 5, 7, "wso2:vault-lookup('db')", "wso2:vault-lookup('db') written without braces in an attribute is passed on as text, not resolved; write {wso2:vault-lookup('db')}"),
            ],
            problems);
    }

    [Fact]
    public void Resolve_with_warnings_only_resolves_and_with_an_error_throws_every_problem()
    {
        using var home = Home(out _);
        const string warned = "<a>{wso2:vault-lookup('db','ENV')}</a>";

        Assert.Equal("<a>wso2carbon</a>", Resolve(home, warned).Render(showSecrets: true));
        var ex = Assert.Throws<SecVaultResolutionException>(() => Resolve(home, "<a>{wso2:vault-lookup('db','ENV')}<b>{wso2:vault-lookup('NOPE','ENV','false')}</b></a>"));

        Assert.Equal(
            [
                new Problem(ProblemSeverity.Warning, "api.xml", 1, 4, "wso2:vault-lookup('db','ENV')", "with two arguments the type 'ENV' is ignored and the alias is read from [secrets]; add a third argument") { SubjectNotInMessage = true },
                new Problem(ProblemSeverity.Error, "api.xml", 1, 38, "wso2:vault-lookup('NOPE','ENV','false')", "environment variable NOPE is not defined") { SubjectNotInMessage = true },
            ],
            ex.Problems);
    }

    [Fact]
    public void Resolve_and_Check_refuse_null_arguments_and_XPathLiteral_a_null_value()
    {
        using var home = Home(out _);
        using var resolver = new MiHomeResolver(home.Home, Options(home));
        var synapse = resolver.CreateSynapseResolver();

        Assert.Throws<ArgumentNullException>("xml", () => synapse.Resolve(null!, "a.xml"));
        Assert.Throws<ArgumentNullException>("displayPath", () => synapse.Resolve("<a/>", null!));
        Assert.Throws<ArgumentNullException>("xml", () => synapse.Check(null!, "a.xml"));
        Assert.Throws<ArgumentNullException>("value", () => SynapseResolver.XPathLiteral(null!));
    }

    [Fact]
    public void Values_are_kept_apart_by_type_name_and_flag_but_REG_ignores_its_flag()
    {
        using var home = Home(out var ciphertext);
        File.WriteAllText(home.Combine("E"), "from-file");
        var xml =
            "<a>{wso2:vault-lookup('E','ENV','false')}|{wso2:vault-lookup('E','ENV','true')}|{wso2:vault-lookup('E','FILE','false')}|" +
            "{wso2:vault-lookup('db','REG','true')}|{wso2:vault-lookup('db','REG','false')}|{wso2:vault-lookup('E','ENV','false')}</a>";

        var text = Resolve(home, xml, new() { ["E"] = ciphertext }).Render(showSecrets: true);

        Assert.Equal($"<a>{ciphertext}|wso2carbon|from-file|wso2carbon|wso2carbon|{ciphertext}</a>", text);
    }

    [Fact]
    public void ENV_and_FILE_values_are_trimmed_of_control_characters_and_spaces_only_as_Java_trim_does()
    {
        using var home = Home(out _);
        File.WriteAllText(home.Combine("f"), "\u0001\u00A0a\rb\r\nc\u001F ");
        var xml = "<a>{wso2:vault-lookup('E','ENV','false')}|{wso2:vault-lookup('f','FILE','false')}</a>";

        var text = Resolve(home, xml, new() { ["E"] = "\0\t\u2003x\u00A0 \u0020" }).Render(showSecrets: true);

        Assert.Equal("<a>\u2003x\u00A0|\u00A0abc</a>", text);
    }

    [Fact]
    public void A_FILE_root_given_with_its_separator_or_empty_names_the_file_once_under_the_right_root()
    {
        using var home = RootedHome(out var root);
        File.WriteAllText(home.Combine("in-home"), "home-value");
        const string xml = "<a>{wso2:vault-lookup('gone','FILE','false')}</a>";

        var withSeparator = Assert.Throws<SecVaultResolutionException>(() => Resolve(home, xml, configure: FileRoot(root + "/")));
        var empty = Resolve(home, "<a>{wso2:vault-lookup('in-home','FILE','false')}</a>", configure: o => o.SystemProperties[SynapseResolver.FileRootProperty] = string.Empty);

        Assert.Equal($"file {root}/gone does not exist", Assert.Single(withSeparator.Problems).Message);
        Assert.Equal("<a>home-value</a>", empty.Render(showSecrets: true));
    }

    [Fact]
    public void A_FILE_secret_of_one_MiB_is_read_and_a_larger_one_is_an_error_naming_the_file()
    {
        using var home = Home(out _);
        File.WriteAllText(home.Combine("limit"), new string('x', 1024 * 1024));
        File.WriteAllText(home.Combine("over"), new string('x', (1024 * 1024) + 1));

        var limit = Resolve(home, "<a>{wso2:vault-lookup('limit','FILE','false')}</a>").Render(showSecrets: true);
        var over = Assert.Throws<SecVaultResolutionException>(() => Resolve(home, "<a>{wso2:vault-lookup('over','FILE','false')}</a>"));

        Assert.Equal($"<a>{new string('x', 1024 * 1024)}</a>", limit);
        Assert.StartsWith($"cannot read {home.Path}/over: ", Assert.Single(over.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DOCKER_reads_under_run_secrets_when_no_root_is_set()
    {
        using var home = Home(out _);

        var ex = Assert.Throws<SecVaultResolutionException>(() => Resolve(home, "<a>{wso2:vault-lookup('secvault-test-absent','DOCKER','false')}</a>"));

        Assert.Equal("/run/secrets/", SynapseResolver.DefaultDockerRoot);
        Assert.Contains("/run/secrets/secvault-test-absent", Assert.Single(ex.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flagged_lookup_whose_plaintext_is_not_UTF8_is_an_error_without_the_value()
    {
        using var home = Home(out _);
        var (_, publicKey, _) = VectorKeys.Get(home.Keystore.Name, home.Keystore.Entries[0].Alias);
        var latin = new SecretEncryptor(publicKey, Transformation.OaepSha1).Encrypt([0xC3, 0x28, 0xFF], "E");

        var ex = Assert.Throws<SecVaultResolutionException>(() =>
            Resolve(home, "<a>{wso2:vault-lookup('E','ENV','true')}</a>", new() { ["E"] = latin }, o => o.DiagnosePadding = true));

        Assert.Equal("secret 'E' decrypts to bytes that are not UTF-8", Assert.Single(ex.Problems).Message);
    }

    [Fact]
    public void A_flagged_lookup_in_a_home_without_a_vault_is_the_vaults_problem_not_a_lookup_error()
    {
        using var home = Home(out var ciphertext);
        home.DeleteVault();

        var ex = Assert.Throws<SecVaultResolutionException>(() => Resolve(home, "<a>{wso2:vault-lookup('E','ENV','true')}</a>", new() { ["E"] = ciphertext }));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(new Problem(ProblemSeverity.Error, "conf/security/secret-conf.properties", 0, 0, "keystore", "secure vault is not configured: conf/security/secret-conf.properties does not exist"), problem);
        AssertNoValue(ex, ciphertext, "wso2carbon");
    }

    [Fact]
    public void A_blank_vault_transformation_falls_back_to_system_parameter_and_an_unreadable_toml_to_the_default()
    {
        using var home = new TestMiHome();
        home.SetVaultProperty("keystore.identity.CipherTransformation", " ");
        home.WriteToml("[system.parameter]\n\"org.wso2.CipherTransformation\" = \"RSA/ECB/PKCS1Padding\"\n");
        var env = new Dictionary<string, string> { ["P"] = home.Vector(Pkcs1).Ciphertext, ["O"] = home.Vector(Oaep).Ciphertext };

        var fromToml = Resolve(home, "<a>{wso2:vault-lookup('P','ENV','true')}</a>", env).Render(showSecrets: true);
        home.WriteToml("[system.parameter\n");
        var byDefault = Resolve(home, "<a>{wso2:vault-lookup('O','ENV','true')}</a>", env).Render(showSecrets: true);

        Assert.Equal(("<a>wso2carbon</a>", "<a>wso2carbon</a>"), (fromToml, byDefault));
    }

    [Fact]
    public void Render_replaces_adjacent_tokens_each_and_drops_a_token_inside_an_alias_elements_content()
    {
        using var home = Home(out _);
        var xml = $"<a xmlns:s=\"{SynapseXml.SecureVaultNamespace}\">{{wso2:vault-lookup('db')}}{{wso2:vault-lookup('A','ENV','false')}}<p s:secretAlias=\"db\">x{{wso2:vault-lookup('A','ENV','false')}}y</p></a>";

        var text = Resolve(home, xml, new() { ["A"] = "env-a" }).Render(showSecrets: true);

        Assert.Equal($"<a xmlns:s=\"{SynapseXml.SecureVaultNamespace}\">wso2carbonenv-a<p s:secretAlias=\"db\">wso2carbon</p></a>", text);
    }

    private const string OutsideSecret = "outside-secret";

    /// <summary>A home whose FILE root is <c>secrets/</c>, with <c>outside.txt</c> next to (not in) the root.</summary>
    private static TestMiHome RootedHome(out string root)
    {
        var home = Home(out _);
        root = home.Combine("secrets");
        Directory.CreateDirectory(root);
        File.WriteAllText(home.Combine("outside.txt"), OutsideSecret);
        return home;
    }

    private static Action<MiHomeResolverOptions> FileRoot(string root, bool allowOutside = false) => o =>
    {
        o.SystemProperties[SynapseResolver.FileRootProperty] = root;
        o.SystemProperties[SynapseResolver.DockerRootProperty] = root;
        o.AllowFileLookupsOutsideRoot = allowOutside;
    };

    [Fact]
    public void Resolve_refuses_FILE_and_DOCKER_lookups_that_climb_out_of_their_root_with_dot_dot()
    {
        using var home = RootedHome(out var root);
        var xml = "<a>{wso2:vault-lookup('../outside.txt','FILE','false')}\n<b>{wso2:vault-lookup('x/../../outside.txt','DOCKER','false')}</b></a>";

        var ex = Assert.Throws<SecVaultResolutionException>(() => Resolve(home, xml, configure: FileRoot(root)));

        Assert.Equal(2, ex.Problems.Count);
        Assert.Equal("wso2:vault-lookup('../outside.txt','FILE','false')", ex.Problems[0].Subject);
        Assert.Equal((1, 4), (ex.Problems[0].Line, ex.Problems[0].Column));
        Assert.Contains($"file {root}/../outside.txt is outside the lookup root {root}/", ex.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("is outside the lookup root", ex.Problems[1].Message, StringComparison.Ordinal);
        AssertNoValue(ex, OutsideSecret);
    }

    [Fact]
    public void Resolve_refuses_an_escape_whether_or_not_the_file_outside_exists()
    {
        using var home = RootedHome(out var root);

        var present = Assert.Throws<SecVaultResolutionException>(() => Resolve(home, "<a>{wso2:vault-lookup('../outside.txt','FILE','false')}</a>", configure: FileRoot(root)));
        var absent = Assert.Throws<SecVaultResolutionException>(() => Resolve(home, "<a>{wso2:vault-lookup('../outside.txt.gone','FILE','false')}</a>", configure: FileRoot(root)));

        Assert.Equal(
            Assert.Single(present.Problems).Message.Replace("outside.txt", "X", StringComparison.Ordinal),
            Assert.Single(absent.Problems).Message.Replace("outside.txt.gone", "X", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/..")]
    public void Resolve_reports_a_FILE_name_that_is_the_root_itself_as_missing_not_as_an_escape(string name)
    {
        using var home = RootedHome(out var root);

        var ex = Assert.Throws<SecVaultResolutionException>(() => Resolve(home, $"<a>{{wso2:vault-lookup('{name}','FILE','false')}}</a>", configure: FileRoot(root)));

        Assert.Equal($"file {root}/{name} does not exist", Assert.Single(ex.Problems).Message);
    }

    [Fact]
    public void Resolve_never_reads_an_absolute_FILE_name_at_its_absolute_location()
    {
        using var home = RootedHome(out var root);
        using var elsewhere = new TempFolder();
        var outside = elsewhere.Combine("outside.txt");
        File.WriteAllText(outside, OutsideSecret);
        var xml = $"<a>{{wso2:vault-lookup('{outside}','FILE','false')}}</a>";

        var ex = Assert.Throws<SecVaultResolutionException>(() => Resolve(home, xml, configure: FileRoot(root)));

        // As upstream, the name is appended to the root: it names <root>/<absolute path>, which does not exist.
        Assert.Contains($"file {root}/{outside} does not exist", Assert.Single(ex.Problems).Message, StringComparison.Ordinal);
        AssertNoValue(ex, OutsideSecret);
    }

    [SkippableFact]
    public void On_a_case_sensitive_file_system_a_folder_named_as_the_root_in_another_case_is_outside_it()
    {
        Skip.If(OperatingSystem.IsWindows() || OperatingSystem.IsMacOS(), "the file system ignores case");
        using var home = RootedHome(out var root);
        Directory.CreateDirectory(home.Combine("SECRETS"));
        File.WriteAllText(home.Combine("SECRETS", "db"), OutsideSecret);

        var ex = Assert.Throws<SecVaultResolutionException>(() => Resolve(home, "<a>{wso2:vault-lookup('../SECRETS/db','FILE','false')}</a>", configure: FileRoot(root)));

        Assert.Equal(
            $"file {root}/../SECRETS/db is outside the lookup root {root}/ and was not read (AllowFileLookupsOutsideRoot, or mi's --allow-file-lookups-outside-root, allows it)",
            Assert.Single(ex.Problems).Message);
        AssertNoValue(ex, OutsideSecret);
    }

    [SkippableFact]
    public void Resolve_refuses_a_FILE_lookup_through_a_symbolic_link_that_leads_outside_the_root_or_loops()
    {
        Skip.If(OperatingSystem.IsWindows(), "symbolic links need privileges on Windows");
        using var home = RootedHome(out var root);
        File.CreateSymbolicLink(Path.Combine(root, "file-link"), home.Combine("outside.txt"));
        Directory.CreateDirectory(home.Combine("outside-folder"));
        File.WriteAllText(home.Combine("outside-folder", "db"), OutsideSecret);
        Directory.CreateSymbolicLink(Path.Combine(root, "folder-link"), "../outside-folder");
        File.CreateSymbolicLink(Path.Combine(root, "dangling"), "/nonexistent-secvault-target");

        // A sibling whose name starts with the root's name is outside it too.
        Directory.CreateDirectory(home.Combine("secrets-other"));
        File.WriteAllText(home.Combine("secrets-other", "db"), OutsideSecret);
        File.CreateSymbolicLink(Path.Combine(root, "sibling"), "../secrets-other/db");
        File.CreateSymbolicLink(Path.Combine(root, "loop"), "loop");
        string[] names = ["file-link", "folder-link/db", "dangling", "sibling", "loop"];
        var xml = $"<a>{string.Concat(names.Select(n => $"{{wso2:vault-lookup('{n}','FILE','false')}}"))}</a>";

        var ex = Assert.Throws<SecVaultResolutionException>(() => Resolve(home, xml, configure: FileRoot(root)));

        Assert.Equal(
            names.Select(n => $"file {root}/{n} leads through a symbolic link outside the lookup root {root}/ and was not read (AllowFileLookupsOutsideRoot, or mi's --allow-file-lookups-outside-root, allows it)"),
            ex.Problems.Select(p => p.Message));
        AssertNoValue(ex, OutsideSecret);
    }

    [SkippableFact]
    public void Resolve_reads_nested_FILE_lookups_inside_the_root_even_through_links_that_stay_inside()
    {
        Skip.If(OperatingSystem.IsWindows(), "symbolic links need privileges on Windows");
        using var home = RootedHome(out var root);
        Directory.CreateDirectory(Path.Combine(root, "a", "b"));
        File.WriteAllText(Path.Combine(root, "a", "b", "db.txt"), "nested\n");
        File.CreateSymbolicLink(Path.Combine(root, "current"), "a/b/db.txt");
        Directory.CreateSymbolicLink(home.Combine("root-link"), root);
        var xml = "<a>{wso2:vault-lookup('a/b/db.txt','FILE','false')},{wso2:vault-lookup('a/./b/../b/db.txt','FILE','false')},{wso2:vault-lookup('current','FILE','false')}</a>";

        Assert.Equal("<a>nested,nested,nested</a>", Resolve(home, xml, configure: FileRoot(root)).Render(true));
        Assert.Equal("<a>nested,nested,nested</a>", Resolve(home, xml, configure: FileRoot(home.Combine("root-link"))).Render(true));
    }

    [SkippableFact]
    public void Resolve_reads_outside_the_root_when_AllowFileLookupsOutsideRoot_is_set()
    {
        Skip.If(OperatingSystem.IsWindows(), "symbolic links need privileges on Windows");
        using var home = RootedHome(out var root);
        File.CreateSymbolicLink(Path.Combine(root, "file-link"), home.Combine("outside.txt"));
        var xml = "<a>{wso2:vault-lookup('../outside.txt','FILE','false')},{wso2:vault-lookup('file-link','DOCKER','false')}</a>";

        var resolution = Resolve(home, xml, configure: FileRoot(root, allowOutside: true));

        Assert.Equal($"<a>{OutsideSecret},{OutsideSecret}</a>", resolution.Render(true));
    }
}
