using System.Collections.Concurrent;
using SecVault.Diagnostics;
using SecVault.Hosting;
using SecVault.Passwords;
using SecVault.Placeholders;
using SecVault.Resolution;
using SecVault.Testing;
using SecVault.Toml;
using static SecVault.Tests.Resolution.ResolverTestSupport;

namespace SecVault.Tests.Resolution;

public sealed class DeploymentTomlSecretRepositoryTests
{
    private const string Display = "conf/deployment.toml";
    private const string Nul = "the secret holds a NUL character; mi secret exec refuses to export it";

    [Fact]
    public void The_constructors_refuse_null_arguments()
    {
        using var home = new TestMiHome();
        home.WriteToml("[secrets]\na = \"x\"\n");
        var document = Document(home);
        var sources = Sources();
        var passwords = Passwords(home, new Counter());
        using var identity = new IdentityKey(home.Home, passwords, false);

        Assert.Throws<ArgumentNullException>("home", () => new DeploymentTomlSecretRepository(null!, document, sources, passwords));
        Assert.Throws<ArgumentNullException>("passwords", () => new DeploymentTomlSecretRepository(home.Home, document, sources, null!));
        Assert.Throws<ArgumentNullException>("document", () => new DeploymentTomlSecretRepository(null!, sources, identity, ownsIdentity: false));
        Assert.Throws<ArgumentNullException>("sources", () => new DeploymentTomlSecretRepository(document, null!, identity, ownsIdentity: false));
    }

    [Fact]
    public void LookupMany_refuses_a_null_list_and_a_null_alias()
    {
        using var home = new TestMiHome();
        home.WriteToml("[secrets]\na = \"x\"\n");
        using var repository = Repository(home, new Counter());

        Assert.Throws<ArgumentNullException>("aliases", () => repository.LookupMany(null!));
        Assert.Throws<ArgumentNullException>("aliases", () => repository.LookupMany(["a", null!]));
    }

    [Fact]
    public void Looking_up_only_unknown_aliases_asks_no_password()
    {
        using var home = new TestMiHome();
        home.WriteToml($"[secrets]\na = \"{home.Vector(Oaep).Ciphertext}\"\n");
        var counter = new Counter();
        using var repository = Repository(home, counter);

        var lookup = Assert.Single(repository.LookupMany(["b"]));

        Assert.Equal((SecretLookupStatus.UnknownAlias, "no such alias in [secrets]"), (lookup.Status, lookup.Message));
        Assert.Equal(0, counter.Calls);
    }

    [Fact]
    public void Disposing_a_repository_that_opened_its_key_releases_the_key()
    {
        using var home = new TestMiHome();
        home.WriteToml($"[secrets]\na = \"{home.Vector(Oaep).Ciphertext}\"\n");
        var repository = new DeploymentTomlSecretRepository(home.Home, Document(home), Sources(), Passwords(home, new Counter()));
        Assert.Equal("wso2carbon", repository.Lookup("a").Value);

        repository.Dispose();

        Assert.Throws<ObjectDisposedException>(() => repository.Lookup("a"));
    }

    [Fact]
    public void Disposing_a_repository_given_its_key_leaves_the_key_open()
    {
        using var home = new TestMiHome();
        home.WriteToml($"[secrets]\na = \"{home.Vector(Oaep).Ciphertext}\"\n");
        using var identity = new IdentityKey(home.Home, Passwords(home, new Counter()), false);
        var first = new DeploymentTomlSecretRepository(Document(home), Sources(), identity, ownsIdentity: false);
        Assert.Equal("wso2carbon", first.Lookup("a").Value);

        first.Dispose();

        using var second = new DeploymentTomlSecretRepository(Document(home), Sources(), identity, ownsIdentity: false);
        Assert.Equal("wso2carbon", second.Lookup("a").Value);
    }

    [Fact]
    public void A_plain_text_secret_is_a_problem_at_its_entry_with_the_configure_hint()
    {
        using var home = new TestMiHome();
        home.WriteToml("[secrets]\n\ndb = \"[plain]\"\n");
        using var repository = Repository(home, new Counter());

        var lookup = repository.Lookup("db");

        Assert.Equal([new Problem(ProblemSeverity.Error, Display, 3, 6, "db", "secret 'db' is still a plain-text marker, not a ciphertext")], lookup.Problems);
        Assert.Equal("run ciphertool -Dconfigure", lookup.Hint);
    }

    [Fact]
    public void An_undefined_variable_in_a_secret_is_a_problem_at_its_entry_naming_the_variable()
    {
        using var home = new TestMiHome();
        home.WriteToml("[secrets]\ndb = \"$env{MISSING}\"\n");
        using var repository = Repository(home, new Counter());

        var lookup = repository.Lookup("db");

        Assert.Equal([new Problem(ProblemSeverity.Error, Display, 2, 6, "MISSING", "secret 'db': environment variable MISSING is not defined")], lookup.Problems);
    }

    [Fact]
    public void A_vault_that_is_not_configured_is_a_keystore_problem_of_secret_conf()
    {
        using var home = new TestMiHome();
        home.WriteToml($"[secrets]\na = \"{home.Vector(Oaep).Ciphertext}\"\n");
        home.DeleteVault();
        using var repository = Repository(home, new Counter());

        var lookup = repository.Lookup("a");

        Assert.Equal(
            [new Problem(ProblemSeverity.Error, "conf/security/secret-conf.properties", 0, 0, "keystore", "secure vault is not configured: conf/security/secret-conf.properties does not exist")],
            lookup.Problems);
    }

    [Fact]
    public void A_secret_that_is_not_UTF8_is_a_problem_at_its_entry()
    {
        using var home = SymmetricVaultTests.KeyBasedHome(SymmetricVaultTests.Entries("AES/ECB/PKCS5Padding"), ("bin", SymmetricVaultTests.Ecb([0xC3, 0x28])));
        using var identity = new IdentityKey(home.Home, new ExplicitPasswordSource(_ => KeystorePassword.FromStrings(SymmetricVaultTests.KeyHex)), false);
        using var repository = new DeploymentTomlSecretRepository(Document(home), Sources(), identity, ownsIdentity: false);

        var lookup = repository.Lookup("bin");

        Assert.Equal((SecretLookupStatus.Failed, (string?)null), (lookup.Status, lookup.Value));
        Assert.Equal([new Problem(ProblemSeverity.Error, Display, 2, 7, "bin", "secret 'bin' decrypts to bytes that are not UTF-8")], lookup.Problems);
    }

    [Fact]
    public void CheckAll_reports_every_failure_and_warns_about_a_secret_holding_NUL()
    {
        var secrets = new[] { ("good", SymmetricVaultTests.Ecb("fine")), ("nul", SymmetricVaultTests.Ecb("a\0b")), ("bad", "AAAA"), ("nul2", SymmetricVaultTests.Ecb("\0")) };
        using var home = SymmetricVaultTests.KeyBasedHome(SymmetricVaultTests.Entries("AES/ECB/PKCS5Padding"), secrets);
        using var identity = new IdentityKey(home.Home, new ExplicitPasswordSource(_ => KeystorePassword.FromStrings(SymmetricVaultTests.KeyHex)), false);
        using var repository = new DeploymentTomlSecretRepository(Document(home), Sources(), identity, ownsIdentity: false);

        Assert.Equal(
            [
                new Problem(ProblemSeverity.Warning, Display, 3, 7, "nul", Nul),
                new Problem(ProblemSeverity.Error, Display, 4, 7, "bad", "secret 'bad' does not decrypt with the AES key the key-based encryption key (key.based.password) (AES/ECB/PKCS5Padding): it was made with another key, or changed"),
                new Problem(ProblemSeverity.Warning, Display, 5, 8, "nul2", Nul),
            ],
            repository.CheckAll());
    }

    [Fact]
    public void Progress_counts_two_or_more_secrets_decrypted_one_at_a_time_and_not_a_single_one()
    {
        using var home = new TestMiHome();
        home.WriteToml($"[secrets]\na = \"{home.Vector(Oaep).Ciphertext}\"\nb = \"{home.Vector(Oaep, "unicode").Ciphertext}\"\nc = \"AAAA\"\n");
        var progress = new Recorder();
        using var repository = Repository(home, new Counter());
        repository.Progress = progress;

        Assert.Equal("wso2carbon", repository.Lookup("a").Value);
        Assert.Empty(progress.Reports);

        repository.LookupMany(["a", "c", "b"]);
        Assert.Equal([new WorkProgress(1, 3), new WorkProgress(2, 3)], progress.Reports);
    }

    [Fact]
    public void From_the_parallel_threshold_on_every_secret_is_counted()
    {
        using var home = new TestMiHome();
        var lines = Enumerable.Range(0, DeploymentTomlSecretRepository.ParallelThreshold).Select(i => $"s{i} = \"{home.Vector(Oaep).Ciphertext}\"");
        home.WriteToml("[secrets]\n" + string.Join("\n", lines) + "\n");
        var progress = new Recorder();
        using var repository = Repository(home, new Counter());
        repository.Progress = progress;

        repository.LookupMany(repository.Aliases);

        Assert.Equal(Enumerable.Range(1, 8).Select(i => new WorkProgress(i, 8)), progress.Reports.OrderBy(p => p.Done));
    }

    [Fact]
    public void A_failure_in_a_parallel_batch_counts_again_while_decrypting_one_at_a_time()
    {
        using var home = new TestMiHome();
        var lines = Enumerable.Range(0, DeploymentTomlSecretRepository.ParallelThreshold).Select(i => $"s{i} = \"{(i == 3 ? "AAAA" : home.Vector(Oaep).Ciphertext)}\"");
        home.WriteToml("[secrets]\n" + string.Join("\n", lines) + "\n");
        var progress = new Recorder();
        using var repository = Repository(home, new Counter());
        repository.Progress = progress;

        var lookups = repository.LookupMany(repository.Aliases);

        Assert.Equal(["s3"], lookups.SelectMany(l => l.Problems).Select(p => p.Subject));
        Assert.Equal(Enumerable.Range(1, 7).SelectMany(i => new[] { new WorkProgress(i, 8), new WorkProgress(i, 8) }), progress.Reports.OrderBy(p => p.Done));
    }

    [Fact]
    public void Below_the_parallel_threshold_a_failure_is_counted_once()
    {
        using var home = new TestMiHome();
        var count = DeploymentTomlSecretRepository.ParallelThreshold - 1;
        var lines = Enumerable.Range(0, count).Select(i => $"s{i} = \"{(i == 0 ? "AAAA" : home.Vector(Oaep).Ciphertext)}\"");
        home.WriteToml("[secrets]\n" + string.Join("\n", lines) + "\n");
        var progress = new Recorder();
        using var repository = Repository(home, new Counter());
        repository.Progress = progress;

        repository.LookupMany(repository.Aliases);

        Assert.Equal(Enumerable.Range(1, count - 1).Select(i => new WorkProgress(i, count)), progress.Reports);
    }

    internal static DeploymentToml Document(TestMiHome home) =>
        DeploymentToml.Parse(File.ReadAllBytes(home.Combine("conf", "deployment.toml")), Display);

    internal static VariableSources Sources() =>
        new(new DictionaryEnvironment(new Dictionary<string, string>()), new Dictionary<string, string>());

    private static ExplicitPasswordSource Passwords(TestMiHome home, Counter counter) => new(_ =>
    {
        counter.Calls++;
        return KeystorePassword.FromStrings(home.Keystore.StorePassword);
    });

    private static DeploymentTomlSecretRepository Repository(TestMiHome home, Counter counter) =>
        new(home.Home, Document(home), Sources(), Passwords(home, counter));

    private sealed class Counter
    {
        public int Calls { get; set; }
    }

    internal sealed class Recorder : IProgress<WorkProgress>
    {
        private readonly ConcurrentQueue<WorkProgress> _reports = new();

        public IReadOnlyList<WorkProgress> Reports => [.. _reports];

        public void Report(WorkProgress value) => _reports.Enqueue(value);
    }
}
