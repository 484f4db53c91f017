using SecVault.Diagnostics;
using SecVault.Hosting;
using SecVault.Resolution;
using SecVault.Testing;
using static SecVault.Tests.Resolution.ResolverTestSupport;

namespace SecVault.Tests.Resolution;

/// <summary>Reading deployment.toml; what the resolver asks of its secret repository, which hint it keeps, what it disposes.</summary>
public sealed partial class MiHomeResolverTests
{
    [Fact]
    public void A_missing_deployment_toml_is_one_problem_of_the_file()
    {
        using var home = new TestMiHome();

        var ex = Fails(home, Options(home));

        Assert.Equal([new Problem(ProblemSeverity.Error, "conf/deployment.toml", 0, 0, "deployment.toml", "deployment.toml does not exist")], ex.Problems);
    }

    [Fact]
    public void An_invalid_deployment_toml_is_one_problem_at_its_position_without_the_path_in_the_message()
    {
        using var home = new TestMiHome();
        home.WriteToml("a = 1\nb = = 2\n");

        var ex = Fails(home, Options(home));

        Assert.Equal([new Problem(ProblemSeverity.Error, "conf/deployment.toml", 2, 5, "deployment.toml", "expected a value (a quoted string, number, boolean, date, array or inline table)")], ex.Problems);
    }

    [Fact]
    public void A_secret_literal_over_the_size_limit_is_one_problem_naming_its_alias()
    {
        using var home = new TestMiHome();
        home.WriteToml("[secrets]\nbig = \"" + new string('A', SecVault.Toml.DeploymentToml.MaxSecretLiteralBytes + 1) + "\"\n");

        var ex = Fails(home, Options(home));

        Assert.Equal([new Problem(ProblemSeverity.Error, "conf/deployment.toml", 2, 7, "big", "the value of secret 'big' is 1048579 bytes, over the limit of 1048576")], ex.Problems);
    }

    [Fact]
    public void A_deployment_toml_that_cannot_be_read_is_one_problem_with_the_reason()
    {
        using var home = new TestMiHome();
        Ownership.MakeFifo(home.Combine("conf", "deployment.toml"));

        var ex = Fails(home, Options(home));

        Assert.Equal([new Problem(ProblemSeverity.Error, "conf/deployment.toml", 0, 0, "deployment.toml", $"cannot read deployment.toml: {home.Combine("conf", "deployment.toml")} is a named pipe (FIFO), not a regular file; SecVault reads only regular files")], ex.Problems);
    }

    [Fact]
    public void A_deployment_toml_over_the_size_limit_is_one_problem_naming_both_sizes()
    {
        using var home = new TestMiHome();
        using (var file = File.Create(home.Combine("conf", "deployment.toml")))
        {
            file.SetLength(SecVault.Toml.DeploymentToml.DefaultMaxFileBytes + 1);
        }

        var ex = Fails(home, Options(home));

        Assert.Equal([new Problem(ProblemSeverity.Error, "conf/deployment.toml", 0, 0, "deployment.toml", "the file is 67108865 bytes, over the limit of 67108864 bytes")], ex.Problems);
    }

    [Theory]
    [InlineData("conf/deployment.toml:2:5: bad value", "bad value")]
    [InlineData("conf/deployment.toml:12:1:   spaced: with colons", "spaced: with colons")]
    [InlineData("conf/deployment.toml: no position", "conf/deployment.toml: no position")]
    [InlineData("conf/deployment.toml:x:5: bad", "conf/deployment.toml:x:5: bad")]
    [InlineData("conf/deployment.toml:2:y: bad", "conf/deployment.toml:2:y: bad")]
    [InlineData("conf/deployment.toml:2:5", "conf/deployment.toml:2:5")]
    [InlineData("conf/deployment.tomlx:2:5: bad", "conf/deployment.tomlx:2:5: bad")]
    [InlineData("conf/deployment.toml12:5: bad", "conf/deployment.toml12:5: bad")]
    [InlineData("other.toml:2:5: bad", "other.toml:2:5: bad")]
    public void StripPosition_drops_only_a_leading_path_line_and_column(string message, string expected)
    {
        Assert.Equal(expected, MiHomeResolver.StripPosition(message, "conf/deployment.toml"));
    }

    [Fact]
    public void The_constructor_refuses_a_null_home()
    {
        Assert.Throws<ArgumentNullException>("home", () => new MiHomeResolver(null!));
    }

    [Fact]
    public void Resolve_asks_the_repository_once_for_the_distinct_named_secrets_only()
    {
        using var home = new TestMiHome();
        home.WriteToml("a = \"$secret{k}-$env{E}-$secret{k}\"\nb = \"$sys{s}$secret{j}\"\nc = \"$secret{}\"\n");
        var repository = new RecordingRepository(new() { ["k"] = "1", ["j"] = "2" });
        using var resolver = new MiHomeResolver(home.Home, RepositoryOptions(repository));

        resolver.ResolveValues();

        Assert.Equal([["k", "j"]], repository.Requests);
    }

    [Fact]
    public void Resolve_does_not_ask_the_repository_when_no_secret_is_referenced()
    {
        using var home = new TestMiHome();
        home.WriteToml("a = \"$env{E}\"\n");
        var repository = new RecordingRepository([]);
        using var resolver = new MiHomeResolver(home.Home, RepositoryOptions(repository));

        Assert.Equal("e", resolver.Resolve().Value("a"));
        Assert.Empty(repository.Requests);
    }

    [Fact]
    public void A_repository_the_caller_supplied_is_not_disposed_with_the_resolver()
    {
        using var home = new TestMiHome();
        home.WriteToml("a = \"$secret{k}\"\n");
        var repository = new RecordingRepository(new() { ["k"] = "1" });
        var resolver = new MiHomeResolver(home.Home, RepositoryOptions(repository));
        Assert.Equal("1", resolver.Resolve().Value("a"));

        resolver.Dispose();

        Assert.False(repository.Disposed);
    }

    [Fact]
    public void Dispose_releases_the_identity_key_the_resolver_opened()
    {
        using var home = new TestMiHome();
        home.WriteToml($"a = \"$secret{{db}}\"\n[secrets]\ndb = \"{home.Vector(Oaep).Ciphertext}\"\n");
        var resolver = new MiHomeResolver(home.Home, Options(home));
        Assert.Equal("wso2carbon", resolver.Resolve().Value("a"));

        resolver.Dispose();

        Assert.Throws<ObjectDisposedException>(() => resolver.Secrets.Lookup("db"));
    }

    [Fact]
    public void The_options_progress_counts_the_secrets_decrypted()
    {
        using var home = new TestMiHome();
        home.WriteToml($"[secrets]\na = \"{home.Vector(Oaep).Ciphertext}\"\nb = \"{home.Vector(Oaep, "unicode").Ciphertext}\"\n");
        var options = Options(home);
        var progress = new DeploymentTomlSecretRepositoryTests.Recorder();
        options.Progress = progress;
        using var resolver = new MiHomeResolver(home.Home, options);

        resolver.DecryptSecrets();

        Assert.Equal([new WorkProgress(1, 2), new WorkProgress(2, 2)], progress.Reports);
    }

    [Fact]
    public void DecryptSecrets_keeps_the_hint_of_the_first_failure_that_has_one()
    {
        using var home = new TestMiHome();
        home.WriteToml("[secrets]\np = \"[plain]\"\n");
        using var resolver = new MiHomeResolver(home.Home, Options(home));

        var ex = Assert.Throws<SecVaultResolutionException>(() => resolver.DecryptSecrets(["p", "missing"]));

        Assert.Equal("run ciphertool -Dconfigure", ex.Hint);
    }

    [Fact]
    public void Resolve_keeps_the_hint_of_the_first_failure_that_has_one()
    {
        using var home = new TestMiHome();
        home.WriteToml("a = \"$secret{p}\"\nb = \"$secret{missing}\"\n[secrets]\np = \"[plain]\"\n");

        var ex = Fails(home, Options(home));

        Assert.Equal("run ciphertool -Dconfigure", ex.Hint);
    }

    [Fact]
    public void ResolveValues_keeps_a_value_without_placeholders_as_written_and_a_failed_one_unresolved()
    {
        using var home = new TestMiHome();
        home.WriteToml("a = \"plain\"\nb = \"x-$env{MISSING}\"\nn = 5\n");
        using var resolver = new MiHomeResolver(home.Home, Options(home));

        var (values, problems, _) = resolver.ResolveValues();

        Assert.Equal(
            [("a", "plain", "plain", false, false), ("b", "x-$env{MISSING}", "x-$env{MISSING}", true, false), ("n", "5", "5", false, false)],
            values.Select(v => (v.ConfigurationKey, v.Value, v.MaskedValue, v.HadPlaceholders, v.ContainsSecret)));
        Assert.Equal([new Problem(ProblemSeverity.Error, "conf/deployment.toml", 2, 5, "MISSING", "environment variable MISSING is not defined")], problems);
        Assert.Equal("a at 1:5", values[0].ToString());
    }

    [Fact]
    public void ResolveValues_without_values_checks_only_the_values_outside_secrets()
    {
        using var home = new TestMiHome();
        home.WriteToml("a = \"$env{E}\"\nb = \"x-$env{MISSING}\"\n[secrets]\ns = \"$env{ALSO_MISSING}\"\n");
        using var resolver = new MiHomeResolver(home.Home, Options(home, new() { ["E"] = "e" }));

        var (values, problems, _) = resolver.ResolveValues(keepValues: false);

        Assert.Empty(values);
        Assert.Equal([new Problem(ProblemSeverity.Error, "conf/deployment.toml", 2, 5, "MISSING", "environment variable MISSING is not defined")], problems);
    }

    private static MiHomeResolverOptions RepositoryOptions(ISecretRepository repository)
    {
        var options = new MiHomeResolverOptions
        {
            Environment = new DictionaryEnvironment(new Dictionary<string, string> { ["E"] = "e" }),
            SecretRepository = repository,
        };
        options.SystemProperties["s"] = "s";
        return options;
    }

    private sealed class RecordingRepository(Dictionary<string, string> secrets) : ISecretRepository, IDisposable
    {
        public List<IReadOnlyList<string>> Requests { get; } = [];

        public bool Disposed { get; private set; }

        public IReadOnlyList<string> Aliases => [.. secrets.Keys];

        public SecretLookup Lookup(string secretAlias) =>
            secrets.TryGetValue(secretAlias, out var value) ? SecretLookup.Found(value) : SecretLookup.Unknown();

        public IReadOnlyList<SecretLookup> LookupMany(IReadOnlyList<string> aliases)
        {
            Requests.Add([.. aliases]);
            return [.. aliases.Select(Lookup)];
        }

        public void Dispose() => Disposed = true;
    }
}
