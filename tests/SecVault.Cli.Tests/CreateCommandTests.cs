using System.Text;
using SecVault.Properties;
using SecVault.Testing;
using YamlDotNet.RepresentationModel;
using k8s.Models;
using k8s;

namespace SecVault.Cli.Tests;

public sealed class CreateCommandTests : IDisposable
{
    private const string Pairs = "db_password\nS3cret-db\nadmin_password\npässwörd 密码\n";

    private readonly MiHarness _mi = new();

    public void Dispose() => _mi.Dispose();

    [Fact]
    public void Create_as_a_process_prints_alias_and_ciphertext_lines_in_input_order_that_decrypt()
    {
        Assert.Equal(0, _mi.Init("jks-rsa2048").ExitCode);

        var result = _mi.RunProcess(Pairs, "secret", "create");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.StdErr);
        var lines = MiHarness.ConsoleLines(result.StdOut);
        Assert.Equal(["db_password", "admin_password"], lines.Select(l => l.Alias));
        Assert.All(lines, l => Assert.Equal(344, l.Ciphertext.Length));
        Assert.Equal("S3cret-db", MiHarness.Decrypt("jks-rsa2048", "wso2carbon", lines[0].Ciphertext));
        Assert.Equal("pässwörd 密码", MiHarness.Decrypt("jks-rsa2048", "wso2carbon", lines[1].Ciphertext));
    }

    [SkippableFact]
    public void Create_refuses_a_keystore_info_yaml_that_others_could_have_written_before_reading_input()
    {
        Skip.If(OperatingSystem.IsWindows(), "Windows files carry ACLs, not modes");
        Assert.Equal(0, _mi.Init("jks-rsa2048").ExitCode);
        File.SetUnixFileMode(_mi.ConfigFile, (UnixFileMode)Convert.ToInt32("666", 8));

        var result = _mi.RunProcess(Pairs, "secret", "create");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.StdOut);
        Assert.Equal(
            $"mi: error: {_mi.ConfigFile} is writable by group or others; mi does not trust it\nmi: hint: run 'chmod go-w {_mi.ConfigFile}'\n",
            result.StdErr);
    }

    [SkippableTheory]
    [InlineData("RSA/ECB/OAEPWithSHA1AndMGF1Padding", "RSA/ECB/OAEPWithSHA-1AndMGF1Padding")]
    [InlineData("rsa/ecb/pkcs1padding", "RSA/ECB/PKCS1Padding")]
    public void The_JDK_decrypts_what_create_writes(string cipher, string javaTransformation)
    {
        Skip.IfNot(JavaInterop.IsAvailable, "java is not on PATH");
        Assert.Equal(0, _mi.Init("p12-pbes2").ExitCode);

        var result = _mi.RunProcess("db_password\nS3cret-db ✓\n", "secret", "create", "-c", cipher);

        Assert.Equal(0, result.ExitCode);
        var ciphertext = MiHarness.ConsoleLines(result.StdOut).Single().Ciphertext;
        var plain = JavaInterop.Decrypt(_mi.Manifest.Keystore("p12-pbes2"), "wso2carbon", javaTransformation, ciphertext);
        Assert.Equal("S3cret-db ✓", Encoding.UTF8.GetString(plain));
    }

    [Fact]
    public void The_legacy_create_file_form_writes_key_value_lines_that_read_back_as_properties()
    {
        Assert.Equal(0, _mi.Init("jks-rsa2048").ExitCode);

        var result = _mi.RunProcess("admin pass\nx=y:z\ndb_password\nS3cret\n", "secret", "create", "file");

        Assert.Equal(0, result.ExitCode);
        var path = _mi.Work("security", "wso2-secrets.properties");
        Assert.Contains($"Secret properties file created in {path}", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.StdOut);
        using var stream = File.OpenRead(path);
        var entries = PropertiesReader.ReadUtf8(stream, path);
        Assert.Equal(["admin pass", "db_password"], entries.Select(e => e.Key));
        Assert.Equal("x=y:z", MiHarness.Decrypt("jks-rsa2048", "wso2carbon", entries[0].Value));
        Assert.StartsWith("admin\\ pass = ", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void The_legacy_create_k8_form_writes_a_secret_kubernetes_reads_with_sorted_keys()
    {
        Assert.Equal(0, _mi.Init("jks-rsa2048").ExitCode);

        var result = _mi.RunProcess("zeta\n1\nalpha\n2\nBeta\n3\n", "secret", "create", "k8");

        Assert.Equal(0, result.ExitCode);
        var path = _mi.Work("security", "wso2-secrets.yaml");
        Assert.Contains($"Kubernetes secret file created in {path}", result.StdErr, StringComparison.Ordinal);
        var yaml = File.ReadAllText(path);
        var secret = KubernetesYaml.Deserialize<V1Secret>(yaml);
        Assert.Equal("v1", secret.ApiVersion);
        Assert.Equal("Secret", secret.Kind);
        Assert.Equal("wso2secret", secret.Metadata.Name);
        Assert.Null(secret.Metadata.NamespaceProperty);
        Assert.Equal("Opaque", secret.Type);
        Assert.Equal(["Beta", "alpha", "zeta"], secret.StringData.Keys);
        Assert.Equal("2", MiHarness.Decrypt("jks-rsa2048", "wso2carbon", secret.StringData["alpha"]));
        Assert.DoesNotContain("namespace", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void K8_output_has_the_exact_layout_with_name_namespace_and_quoted_ambiguous_keys()
    {
        Assert.Equal(0, _mi.Init("jks-rsa2048").ExitCode);

        var result = _mi.RunProcess("yes\n1\nplain\n2\n", "secret", "create", "-o", "K8", "--name", "my.secret", "--namespace", "prod", "--out", "out/s.yaml");

        Assert.Equal(0, result.ExitCode);
        var lines = File.ReadAllText(_mi.Work("out", "s.yaml")).Split('\n');
        Assert.Equal(["apiVersion: v1", "kind: Secret", "metadata:", "  name: my.secret", "  namespace: prod", "stringData:"], lines[..6]);
        Assert.StartsWith("  plain: ", lines[6], StringComparison.Ordinal);
        Assert.StartsWith("  \"yes\": ", lines[7], StringComparison.Ordinal);
        Assert.Equal(["type: Opaque", ""], lines[8..]);
        var stream = new YamlStream();
        stream.Load(new StringReader(string.Join('\n', lines)));
        var data = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("stringData")];
        Assert.Equal(["plain", "yes"], data.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
    }

    [Fact]
    public void The_legacy_bulk_form_reads_a_utf8_properties_file_with_java_syntax()
    {
        Assert.Equal(0, _mi.Init("jks-rsa2048").ExitCode);
        File.WriteAllText(_mi.Work("secrets.properties"), "# comment\ndb_password = a\\\n    bc\nunicode : \\u00e9t\u00e9\nrepeat=1\nrepeat=2\n", new UTF8Encoding(true));

        var result = _mi.RunProcess(string.Empty, "secret", "create", "-f=secrets.properties");

        Assert.Equal(0, result.ExitCode);
        var lines = MiHarness.ConsoleLines(result.StdOut);
        Assert.Equal(["db_password", "unicode", "repeat"], lines.Select(l => l.Alias));
        Assert.Equal(["abc", "été", "2"], lines.Select(l => MiHarness.Decrypt("jks-rsa2048", "wso2carbon", l.Ciphertext)));
        Assert.Contains("mi: warning: secrets.properties: alias 'repeat' is repeated (lines 5 and 6); the last value is used", result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--from-file", "secrets.properties")]
    [InlineData("--file", "secrets.properties")]
    [InlineData("-f", "./secrets.properties")]
    [InlineData("--from-file=secrets.properties", null)]
    public void Every_spelling_of_the_bulk_option_works(string option, string? value)
    {
        Assert.Equal(0, _mi.Init("jks-rsa2048").ExitCode);
        File.WriteAllText(_mi.Work("secrets.properties"), "a=1\n");
        string[] args = value is null ? ["secret", "create", option] : ["secret", "create", option, value];

        var result = _mi.Run(new TestConsole(), args);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("a", MiHarness.ConsoleLines(result.StdOut).Single().Alias);
    }

    [Fact]
    public void A_file_output_of_several_batches_keeps_input_order_and_each_ciphertext_with_its_key()
    {
        // Three batches of the streamed file output (1,024 a batch).
        const int Count = 2100;
        Assert.Equal(0, _mi.Init("jks-rsa2048").ExitCode);
        File.WriteAllText(_mi.Work("secrets.properties"), string.Concat(Enumerable.Range(0, Count).Select(i => $"k{i:D4}=value-{i}\n")));

        var result = _mi.RunProcess(string.Empty, "secret", "create", "-o", "file", "-f", "secrets.properties");

        Assert.Equal(0, result.ExitCode);
        var lines = File.ReadAllLines(_mi.Work("security", "wso2-secrets.properties"));
        Assert.Equal(Count, lines.Length);
        Assert.All(lines.Select((line, i) => (line, i)), l => Assert.Matches($"^k{l.i:D4} = [A-Za-z0-9+/]{{342}}==$", l.line));
        foreach (var i in new[] { 0, 1023, 1024, 2047, 2048, Count - 1 })
        {
            Assert.Equal($"value-{i}", MiHarness.Decrypt("jks-rsa2048", "wso2carbon", lines[i].Split(" = ")[1]));
        }
    }

    [Fact]
    public void The_current_upstream_form_writes_k8_from_a_file()
    {
        Assert.Equal(0, _mi.Init("jks-rsa2048").ExitCode);
        File.WriteAllText(_mi.Work("secrets.properties"), "db_password=x\n");

        var result = _mi.RunProcess(string.Empty, "secret", "create", "-o", "k8", "-f", "./secrets.properties");

        Assert.Equal(0, result.ExitCode);
        var secret = KubernetesYaml.Deserialize<V1Secret>(File.ReadAllText(_mi.Work("security", "wso2-secrets.yaml")));
        Assert.Equal("x", MiHarness.Decrypt("jks-rsa2048", "wso2carbon", secret.StringData["db_password"]));
    }

    [Fact]
    public void Pkcs1_output_decrypts_with_pkcs1()
    {
        Assert.Equal(0, _mi.Init("jks-rsa3072").ExitCode);

        var result = _mi.Run(new TestConsole("a\nb\n"), "secret", "create", "-c=RSA/ECB/PKCS1Padding");

        Assert.Equal(0, result.ExitCode);
        var ciphertext = MiHarness.ConsoleLines(result.StdOut).Single().Ciphertext;
        Assert.Equal("b", MiHarness.Decrypt("jks-rsa3072", "wso2carbon", ciphertext, IndependentDecryptor.Pkcs1));
    }

    [Fact]
    public void Create_does_not_open_the_keystore_or_need_a_password()
    {
        var vector = _mi.Manifest.Keystore("jks-rsa2048");
        var copy = Path.Combine(_mi.Home, "copy.jks");
        File.Copy(VectorManifest.KeystorePath(vector), copy);
        Assert.Equal(0, _mi.Run(new TestConsole(vector.StorePassword + "\n"), "secret", "init", "--keystore", copy, "--alias", "wso2carbon", "--password-stdin").ExitCode);
        File.Delete(copy);

        var result = _mi.RunProcess("a\nb\n", "secret", "create");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("b", MiHarness.Decrypt("jks-rsa2048", "wso2carbon", MiHarness.ConsoleLines(result.StdOut).Single().Ciphertext));
    }

    [Fact]
    public void Create_before_init_fails_with_a_hint_and_mentions_an_upstream_file()
    {
        var upstream = Path.Combine(_mi.Home, ".wso2mi", "keystore", "keystore_info.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(upstream)!);
        File.WriteAllText(upstream, "keyStorePassword: d3NvMmNhcmJvbg==\n");

        var result = _mi.RunProcess("a\nb\n", "secret", "create");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("mi: error: key store has not been initialized", result.StdErr, StringComparison.Ordinal);
        Assert.Contains(upstream, result.StdErr, StringComparison.Ordinal);
        Assert.Contains("mi: hint: run 'mi secret init'", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fingerprint_changed_after_init_is_an_error_before_any_prompt()
    {
        Assert.Equal(0, _mi.Init("jks-rsa2048").ExitCode);
        var text = File.ReadAllText(_mi.ConfigFile);
        var sha = _mi.Manifest.Keystore("jks-rsa2048").Entry("wso2carbon").CertificateSha256!;
        File.WriteAllText(_mi.ConfigFile, text.Replace(sha, _mi.Manifest.Keystore("jks-rsa3072").Entry("wso2carbon").CertificateSha256!, StringComparison.Ordinal));
        var console = new TestConsole(terminalAnswers: ["a", "b", "b"]);

        var result = _mi.Run(console, "secret", "create");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("does not match 'certificateSha256'", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("Enter plain alias", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Terminal_prompts_ask_again_after_a_mismatch()
    {
        Assert.Equal(0, _mi.Init("jks-rsa2048").ExitCode);
        // A mismatch asks the secret again, not the alias.
        var console = new TestConsole(terminalAnswers: ["db", "one", "two", "one", "one"]);

        var result = _mi.Run(console, "secret", "create");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Entered secret values did not match.", result.StdErr, StringComparison.Ordinal);
        Assert.Equal("one", MiHarness.Decrypt("jks-rsa2048", "wso2carbon", MiHarness.ConsoleLines(result.StdOut).Single().Ciphertext));
    }

    [Fact]
    public void Three_failed_terminal_tries_exit_1()
    {
        Assert.Equal(0, _mi.Init("jks-rsa2048").ExitCode);
        var console = new TestConsole(terminalAnswers: ["", "db", "", "w", "x", "y", "z"]);

        var result = _mi.Run(console, "secret", "create");

        Assert.Equal(1, result.ExitCode);
        Assert.EndsWith("mi: error: no answer was accepted after 3 tries; nothing was written\n", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(2, result.StdErr.Split("Entered secret values did not match.").Length - 1);
        Assert.Contains("Alias must not be empty.", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("Secret must not be empty.", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.StdOut);
    }

    [Theory]
    [InlineData("", "standard input is empty")]
    [InlineData("a\nb\nc\n", "standard input line 3: alias 'c' has no secret line")]
    [InlineData("a\n\n", "standard input line 2: empty secret for alias 'a'")]
    [InlineData("a\nb\n \nd\n", "standard input line 3: empty alias")]
    public void Piped_input_errors_name_the_line(string stdin, string expected)
    {
        Assert.Equal(0, _mi.Init("jks-rsa2048").ExitCode);

        var result = _mi.Run(new TestConsole(stdin), "secret", "create", "file");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.StdErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_mi.Work("security")));
    }

    [Fact]
    public void A_secret_over_the_limit_names_alias_size_and_limit_and_writes_nothing()
    {
        Assert.Equal(0, _mi.Init("jks-rsa2048").ExitCode);

        var result = _mi.Run(new TestConsole("ok\nfine\ndb_password\n" + new string('x', 230) + "\n"), "secret", "create", "file");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(
            "mi: error: secret for alias 'db_password' is 230 bytes; RSA/ECB/OAEPWithSHA1AndMGF1Padding with a 2048-bit key allows at most 214",
            result.StdErr,
            StringComparison.Ordinal);
        Assert.False(File.Exists(_mi.Work("security", "wso2-secrets.properties")));
    }

    [Fact]
    public void K8_refuses_an_alias_that_is_not_a_secret_key_and_writes_nothing()
    {
        Assert.Equal(0, _mi.Init("jks-rsa2048").ExitCode);

        var result = _mi.Run(new TestConsole("good\n1\nbad alias\n2\n"), "secret", "create", "k8");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("alias 'bad alias' is not a valid Kubernetes Secret key", result.StdErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_mi.Work("security")));
    }

    [Fact]
    public void Whitespace_around_a_secret_is_kept_with_a_warning_and_aliases_are_trimmed()
    {
        Assert.Equal(0, _mi.Init("jks-rsa2048").ExitCode);

        var result = _mi.Run(new TestConsole("  db  \r\n pw \r\n"), "secret", "create");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("mi: warning: the secret for alias 'db' starts or ends with whitespace", result.StdErr, StringComparison.Ordinal);
        var line = MiHarness.ConsoleLines(result.StdOut).Single();
        Assert.Equal("db", line.Alias);
        Assert.Equal(" pw ", MiHarness.Decrypt("jks-rsa2048", "wso2carbon", line.Ciphertext));
    }

    [Theory]
    [InlineData("create", "k8", "-o", "file")]
    [InlineData("create", "yaml")]
    [InlineData("create", "--out", "x.txt")]
    [InlineData("create", "-o", "file", "--name", "n")]
    [InlineData("create", "k8", "--namespace", "Not_A_Label")]
    [InlineData("create", "k8", "--name", "UPPER")]
    [InlineData("create", "-c", "RSA/ECB/OAEPWithSHA-256AndMGF1Padding")]
    [InlineData("create", "--bogus")]
    [InlineData("create", "file", "k8")]
    public void Option_errors_exit_2_before_the_config_is_read(params string[] args)
    {
        var result = _mi.Run(new TestConsole("a\nb\n"), ["secret", .. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("mi: error: ", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("initialized", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_with_a_brace_cannot_be_referenced_and_is_refused()
    {
        Assert.Equal(0, _mi.Init("jks-rsa2048").ExitCode);

        var result = _mi.Run(new TestConsole("a}b\nx\n"), "secret", "create");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("alias 'a}b' holds a control character or '}'", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void No_password_plaintext_or_base64_of_a_password_lands_in_the_config_folder_stdout_or_stderr()
    {
        var vector = _mi.Manifest.Keystore("jks-unicode-password");
        var password = vector.StorePassword;
        const string Plaintext = "Plain-Text-Secret-42";
        var hygiene = new SecretHygiene().Track(password, Plaintext);

        var init = _mi.RunProcess(password + "\n", "secret", "init", "--keystore", VectorManifest.KeystorePath(vector), "--alias", "wso2carbon", "--password-stdin");
        var wrong = _mi.RunProcess(Plaintext + "\n", "secret", "init", "--keystore", VectorManifest.KeystorePath(vector), "--alias", "wso2carbon", "--password-stdin");
        var create = _mi.RunProcess($"db\n{Plaintext}\n", "secret", "create", "file");
        var tooLong = _mi.RunProcess($"db\n{Plaintext}{new string('x', 300)}\n", "secret", "create");

        Assert.Equal([0, 1, 0, 1], new[] { init.ExitCode, wrong.ExitCode, create.ExitCode, tooLong.ExitCode });
        foreach (var (what, text) in new[] { ("init", init), ("wrong", wrong), ("create", create), ("tooLong", tooLong) }
            .SelectMany(r => new[] { (r.Item1 + " stdout", r.Item2.StdOut), (r.Item1 + " stderr", r.Item2.StdErr) }))
        {
            hygiene.AssertClean(what, text);
        }

        hygiene.AssertFilesClean(_mi.ConfigFolder);
    }
}
