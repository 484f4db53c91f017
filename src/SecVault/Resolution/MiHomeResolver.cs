using SecVault.Diagnostics;
using SecVault.Home;
using SecVault.IO;
using SecVault.Passwords;
using SecVault.Placeholders;
using SecVault.Toml;

namespace SecVault.Resolution;

/// <summary>
/// Resolves an MI home's deployment.toml: every <c>$secret{}</c>, <c>$env{}</c>, <c>$sys{}</c> and <c>$ref{}</c> in every
/// string outside <c>[secrets]</c>, in one pass, literally (<see cref="ConfigReferences"/> for <c>$ref{}</c>). The identity keystore is opened only when a secret is referenced.
/// Every problem is collected and thrown together as a <see cref="SecVaultResolutionException"/>.
/// </summary>
public sealed class MiHomeResolver : IDisposable
{
    private readonly Lazy<DeploymentToml> _document;
    private readonly Lazy<ISecretRepository> _secrets;
    private readonly List<IDisposable> _owned = [];

    /// <summary>Prepares resolution of <paramref name="home"/>; nothing is read until asked.</summary>
    public MiHomeResolver(MiHome home, MiHomeResolverOptions? options = null)
    {
        // Stryker disable once Statement: SystemProperties.For below refuses a null home under the same parameter name
        ArgumentNullException.ThrowIfNull(home);
        Home = home;
        Options = (options ?? new MiHomeResolverOptions()).Clone();
        Sources = new VariableSources(Options.Environment, SystemProperties.For(home, new Dictionary<string, string>(Options.SystemProperties)));
        Passwords = PasswordSourceChain.Default(home, Options.Environment, Options.PasswordSource, Options.ConsumePasswordFiles, Options.PromptConsole);
        Identity = new IdentityKey(home, Passwords, Options.SeparateKeyPassword, Options.DiagnosePadding);
        _owned.Add(Identity);
        _document = new Lazy<DeploymentToml>(ReadDocument);
        // Stryker disable once Boolean: Dispose releases Identity itself right after the repository, so whether the repository owns it too changes nothing
        _secrets = new Lazy<ISecretRepository>(() => Options.SecretRepository
            ?? new DeploymentTomlSecretRepository(Document, Sources, Identity, ownsIdentity: false) { Progress = Options.Progress });
    }

    /// <summary>The MI home.</summary>
    public MiHome Home { get; }

    /// <summary>Where <c>$env{}</c> and <c>$sys{}</c> take their values (system properties include the built-ins).</summary>
    public VariableSources Sources { get; }

    /// <summary>The parsed deployment.toml; throws <see cref="SecVaultResolutionException"/> when it is missing or invalid.</summary>
    internal DeploymentToml Document => _document.Value;

    /// <summary>The secret repository: the custom one of the options, else <c>[secrets]</c>.</summary>
    public ISecretRepository Secrets => _secrets.Value;

    /// <summary>The display path of deployment.toml, relative to the MI home.</summary>
    internal static string DeploymentTomlDisplayPath { get; } = Path.Combine("conf", "deployment.toml");

    internal MiHomeResolverOptions Options { get; }

    internal PasswordSourceChain Passwords { get; }

    internal IdentityKey Identity { get; }

    /// <summary>Resolves every placeholder outside <c>[secrets]</c>; throws <see cref="SecVaultResolutionException"/> listing every problem.</summary>
    public ResolvedConfiguration Resolve()
    {
        var (values, problems, hint) = ResolveValues();
        var errors = problems.Where(p => p.Severity == ProblemSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new SecVaultResolutionException(problems, hint);
        }

        return new ResolvedConfiguration(Document, values, problems);
    }

    /// <summary>
    /// The decrypted <c>[secrets]</c> values of <paramref name="only"/> (all aliases when null), in that order, for
    /// <c>exec</c>; throws <see cref="SecVaultResolutionException"/> listing every problem.
    /// </summary>
    public IReadOnlyDictionary<string, string> DecryptSecrets(IEnumerable<string>? only = null)
    {
        var repository = SecretsOrThrow();
        IReadOnlyList<string> aliases = only is null ? repository.Aliases : [.. only.Distinct(StringComparer.Ordinal)];
        var lookups = repository.LookupMany(aliases);
        var problems = new List<Problem>();
        string? hint = null;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < aliases.Count; i++)
        {
            var lookup = lookups[i];
            if (lookup.Value is { } value)
            {
                result[aliases[i]] = value;
                // Stryker disable once Statement: a found lookup has no hint, problems or message, so the rest adds nothing
                continue;
            }

            hint ??= lookup.Hint;
            problems.AddRange(lookup.Problems);
            if (lookup.Message is { } message)
            {
                problems.Add(new Problem(ProblemSeverity.Error, DeploymentTomlDisplayPath, 0, 0, aliases[i], DiagnosticsText.SecretReference(aliases[i], message)));
            }
        }

        if (problems.Count > 0)
        {
            throw new SecVaultResolutionException(Distinct(problems), hint);
        }

        return result;
    }


    /// <summary>Releases the identity key.</summary>
    public void Dispose()
    {
        // Stryker disable once Block,Statement: the built-in repository is made with ownsIdentity: false, so its Dispose does nothing today
        if (_secrets.IsValueCreated && _secrets.Value is IDisposable disposable && Options.SecretRepository is null)
        {
            disposable.Dispose();
        }

        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }

    /// <summary>
    /// Resolves every value, collecting problems (errors and warnings) instead of throwing. With
    /// <paramref name="keepValues"/> false only the problems are wanted: values without placeholders are not kept.
    /// </summary>
    internal (IReadOnlyList<ResolvedValue> Values, List<Problem> Problems, string? Hint) ResolveValues(bool keepValues = true)
    {
        var document = Document;
        var aliases = document.StringLeavesWithPossiblePlaceholders().Where(l => !l.InSecrets)
            .SelectMany(l => PlaceholderParser.Find(l.StringValue!))
            .Where(p => p.Kind == PlaceholderKind.Secret && !p.IsEmptyName)
            .Select(p => p.Name).Distinct(StringComparer.Ordinal).ToList();
        var lookups = new Dictionary<string, SecretLookup>(StringComparer.Ordinal);
        if (aliases.Count > 0)
        {
            var results = SecretsOrThrow().LookupMany(aliases);
            for (var i = 0; i < aliases.Count; i++)
            {
                lookups[aliases[i]] = results[i];
            }
        }

        var problems = new List<Problem>();
        string? hint = null;
        var reported = new HashSet<string>(StringComparer.Ordinal);
        var references = new ConfigReferences(document, (placeholder, leaf) => ResolveOne(placeholder, leaf, lookups, problems, reported, ref hint), problems.Add);
        var values = new List<ResolvedValue>();

        // Without keepValues only values that may hold a placeholder are read (verify of a file of millions of keys).
        IEnumerable<TomlLeaf> leaves = document.Leaves;
        // Stryker disable once Block,Statement: reading every value without keepValues finds the same problems, only slower
        if (!keepValues)
        {
            leaves = document.StringLeavesWithPossiblePlaceholders();
        }

        foreach (var leaf in leaves.Where(l => !l.InSecrets))
        {
            // A plain variable, not "is not { } text": a mutant of this condition would leave text unassigned, and Stryker
            // would then drop every mutant of the method.
            var text = leaf.StringValue;
            if (text is null || PlaceholderParser.Find(text).Count == 0)
            {
                if (keepValues)
                {
                    values.Add(new ResolvedValue(leaf, leaf.ConfigurationValue, leaf.ConfigurationValue, false, false));
                }

                continue;
            }

            var resolved = references.Resolve(leaf) ?? new ResolvedText(text, text, false);
            if (keepValues)
            {
                values.Add(new ResolvedValue(leaf, resolved.Plain, resolved.Masked, true, resolved.ContainsSecret));
            }
        }

        return (values, Distinct(problems), hint);
    }

    internal ISecretRepository SecretsOrThrow() => Secrets;

    internal static List<Problem> Distinct(List<Problem> problems)
    {
        var seen = new HashSet<Problem>();
        return [.. problems.Where(seen.Add)];
    }

    private string? ResolveOne(Placeholder placeholder, TomlLeaf leaf, Dictionary<string, SecretLookup> lookups, List<Problem> problems, HashSet<string> reported, ref string? hint)
    {
        Problem At(string subject, string message) => new(ProblemSeverity.Error, Document.DisplayPath, leaf.Line, leaf.Column, subject, message);

        if (placeholder.Kind != PlaceholderKind.Secret || placeholder.IsEmptyName)
        {
            var (value, problem) = DynamicPlaceholders.Lookup(placeholder, Sources);
            if (problem is not null)
            {
                problems.Add(At(placeholder.Name, problem));
            }

            return value;
        }

        var lookup = lookups[placeholder.Name];
        if (lookup.Value is { } secret)
        {
            return secret;
        }

        hint ??= lookup.Hint;
        if (lookup.Message is { } message)
        {
            problems.Add(At(placeholder.Name, $"{placeholder.Text}: {message}"));
        }

        // Positioned problems of one alias are reported once, however often it is referenced.
        if (reported.Add(placeholder.Name))
        {
            problems.AddRange(lookup.Problems);
        }

        return null;
    }

    private DeploymentToml ReadDocument()
    {
        var path = Home.DeploymentTomlPath;
        var display = DeploymentTomlDisplayPath;
        try
        {
            if (!File.Exists(path))
            {
                throw Failure(new Problem(ProblemSeverity.Error, display, 0, 0, "deployment.toml", DiagnosticsText.DeploymentTomlDoesNotExist));
            }

            return DeploymentToml.Parse(SecureFile.ReadAllBytes(path, DeploymentToml.DefaultMaxFileBytes), display);
        }
        catch (FileTooLargeException ex)
        {
            throw Failure(new Problem(ProblemSeverity.Error, display, 0, 0, "deployment.toml", ResolutionText.DeploymentTomlTooLarge(ex.Size, DeploymentToml.DefaultMaxFileBytes)));
        }
        catch (TomlDocumentException ex)
        {
            throw Failure(new Problem(ProblemSeverity.Error, display, ex.Line, ex.Column, ex.Alias ?? "deployment.toml", StripPosition(ex.Message, display)), ex.Hint);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Failure(new Problem(ProblemSeverity.Error, display, 0, 0, "deployment.toml", DiagnosticsText.DeploymentTomlUnreadable(ex.Message)));
        }
    }

    private static SecVaultResolutionException Failure(Problem problem, string? hint = null) => new([problem], hint);

    internal static string StripPosition(string message, string display)
    {
        if (!message.StartsWith(display + ":", StringComparison.Ordinal))
        {
            return message;
        }

        var rest = message[(display.Length + 1)..];
        var parts = rest.Split(':', 3);
        return parts.Length == 3 && int.TryParse(parts[0], out _) && int.TryParse(parts[1], out _) ? parts[2].TrimStart() : message;
    }
}
