using SecVault.Ciphers;
using SecVault.Diagnostics;
using SecVault.Exec;
using SecVault.Home;
using SecVault.Placeholders;
using SecVault.Resolution;
using SecVault.Synapse;

namespace SecVault.Verification;

/// <summary>
/// The checks of <c>mi secret verify</c> (runtime.md, verify): every problem that would break or silently change
/// resolution is an error, advisories are warnings. Password files are never consumed; decrypted bytes are discarded.
/// </summary>
public static class Verifier
{
    private static readonly int[] CiphertextSizes = [128, 256, 384, 512];

    // What the runtime reads when a vault configuration key is absent (VaultConfiguration.Enabled and FileAlgorithm).
    private static readonly Dictionary<string, string> RuntimeDefaults = new(StringComparer.Ordinal)
    {
        ["secVault.enabled"] = "true",
        ["secretRepositories.file.algorithm"] = "RSA (PKCS#1 v1.5 padding)",
    };

    /// <summary>
    /// Checks <paramref name="home"/> and the artifacts <paramref name="synapsePaths"/> (a folder means every <c>.xml</c>
    /// and <c>.dbs</c> below it; null means the home's <see cref="SynapseArtifact.DefaultFolders"/>), returning every problem in
    /// document order, errors and warnings.
    /// </summary>
    /// <remarks><paramref name="time"/> (default the system clock) says when the identity certificate's expiry is near.</remarks>
    public static IReadOnlyList<Problem> Verify(MiHome home, MiHomeResolverOptions? options = null, IEnumerable<string>? synapsePaths = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(home);
        var now = (time ?? TimeProvider.System).GetUtcNow();
        var problems = new List<Problem>();
        var synapseFiles = synapsePaths is null ? SynapseArtifact.InHome(home) : SynapseArtifact.Expand(synapsePaths);
        using var resolver = new MiHomeResolver(home, (options ?? new MiHomeResolverOptions()).Clone(consume: false));

        Toml.DeploymentToml? document = null;
        try
        {
            document = resolver.Document;
        }
        catch (SecVaultResolutionException ex)
        {
            problems.AddRange(ex.Problems);
        }

        var referenced = new HashSet<string>(StringComparer.Ordinal);
        var synapseProblems = new List<Problem>();
        var synapse = resolver.CreateSynapseResolver();
        synapseProblems.AddRange(synapse.CheckFiles(synapseFiles, xml =>
        {
            foreach (var lookup in VaultLookupParser.Scan(xml).Lookups.Where(l => l.IsWso2 && l.LookupType == VaultLookupType.Registry))
            {
                referenced.Add(lookup.Name);
            }

            foreach (var site in SynapseXml.Read(xml).SecretAliases)
            {
                referenced.Add(site.Alias);
            }
        }));

        if (document is not null)
        {
            var references = document.StringLeavesWithPossiblePlaceholders().Where(l => !l.InSecrets)
                .SelectMany(l => PlaceholderParser.Find(l.StringValue!).Select(p => (Leaf: l, Placeholder: p))).ToList();
            var vaultNeeded = document.Secrets.Count > 0 || synapseFiles.Count > 0
                || references.Any(r => r.Placeholder.Kind == PlaceholderKind.Secret);
            if (vaultNeeded && resolver.Options.SecretRepository is null)
            {
                CheckVault(resolver, problems, now);
            }

            if (resolver.Secrets is DeploymentTomlSecretRepository repository)
            {
                problems.AddRange(repository.CheckAll());
            }

            foreach (var entry in document.Secrets.Where(e => e.IsDotted))
            {
                problems.Add(new Problem(ProblemSeverity.Warning, document.DisplayPath, entry.Line, entry.Column, entry.Alias, DiagnosticsText.VerifyDottedAlias(entry.Alias)));
            }

            foreach (var entry in document.Secrets.Where(e => !e.IsDotted))
            {
                if (entry.PropertiesKeyFlaw is { } flaw)
                {
                    problems.Add(new Problem(ProblemSeverity.Warning, document.DisplayPath, entry.Line, entry.Column, entry.Alias, DiagnosticsText.UnrenderableAlias(entry.Alias, flaw)));
                }
            }

            foreach (var entry in document.Secrets.Where(e => e.Alias.Length > 0))
            {
                if (ExecRefusal(entry.Alias) is { } message)
                {
                    problems.Add(new Problem(ProblemSeverity.Warning, document.DisplayPath, entry.Line, entry.Column, entry.Alias, message));
                }
            }

            problems.AddRange(resolver.ResolveValues(keepValues: false).Problems);
            foreach (var (leaf, placeholder) in references)
            {
                Problem Warn(string message) => new(ProblemSeverity.Warning, document.DisplayPath, leaf.Line, leaf.Column, placeholder.Name, message);
                if (placeholder.HasSurroundingWhitespace && !placeholder.IsEmptyName)
                {
                    problems.Add(Warn(DiagnosticsText.VerifyNameHasSpaces(placeholder.Text)));
                }

                if (placeholder.Kind == PlaceholderKind.Secret)
                {
                    referenced.Add(placeholder.Name);
                }
                else if (placeholder.Kind is PlaceholderKind.Env or PlaceholderKind.Sys
                    && DynamicPlaceholders.Lookup(placeholder, resolver.Sources).Value is { } value && LooksLikeCiphertext(value))
                {
                    problems.Add(Warn(DiagnosticsText.VerifyDynamicLooksEncrypted(placeholder.Text)));
                }
            }

            foreach (var entry in document.Secrets.Where(e => !referenced.Contains(e.Alias)))
            {
                problems.Add(new Problem(ProblemSeverity.Warning, document.DisplayPath, entry.Line, entry.Column, entry.Alias, DiagnosticsText.VerifyUnreferenced(entry.Alias)));
            }
        }

        problems.AddRange(synapseProblems);
        return MiHomeResolver.Distinct(problems);
    }

    /// <summary>The <c>verify</c> output line: <c>error|warning &lt;path&gt;:&lt;line&gt;:&lt;column&gt; &lt;subject&gt;: &lt;message&gt;</c>.</summary>
    public static string Format(Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var severity = problem.Severity == ProblemSeverity.Error ? "error" : "warning";
        var where = problem.Line > 0 ? $"{problem.Path}:{problem.Line}:{problem.Column}" : problem.Path;
        return string.IsNullOrEmpty(problem.Subject)
            ? $"{severity} {where}: {problem.Message}"
            : $"{severity} {where} {problem.Subject}: {problem.Message}";
    }

    private static void CheckVault(MiHomeResolver resolver, List<Problem> problems, DateTimeOffset now)
    {
        var display = VaultConfiguration.RelativePath;
        try
        {
            var vault = resolver.Identity.RequireConfigured();
            foreach (var key in vault.RequiredKeys.Where(k => !vault.Properties.ContainsKey(k)))
            {
                // Carbon-written files may lack these two lines; the runtime then uses its defaults, so this is advice only.
                problems.Add(RuntimeDefaults.TryGetValue(key, out var fallback)
                    ? new Problem(ProblemSeverity.Warning, display, 0, 0, key, VerificationText.VerifyVaultKeyDefaulted(key, fallback))
                    : new Problem(ProblemSeverity.Error, display, 0, 0, key, DiagnosticsText.VerifyVaultKeyMissing(key)));
            }

            if (vault.EncryptionMode != VaultEncryptionMode.KeyBased && vault.KeystoreType is { } type && type is not ("JKS" or "PKCS12"))
            {
                problems.Add(new Problem(ProblemSeverity.Error, display, 0, 0, "keystore.identity.type", DiagnosticsText.VerifyIdentityType(type)));
            }

            if (vault.EncryptionMode != VaultEncryptionMode.Asymmetric)
            {
                SymmetricChecks.Check(vault, display, problems);
            }
            else if (vault.FileAlgorithm is { } algorithm && !Transformation.TryParse(algorithm, out _))
            {
                problems.Add(new Problem(ProblemSeverity.Error, display, 0, 0, "secretRepositories.file.algorithm", CiphersText.TransformationUnknown(algorithm, Transformation.AcceptedNames)));
            }

            resolver.Identity.OpenVaultKey();
            if (vault.EncryptionMode == VaultEncryptionMode.Asymmetric && CertificateChecks.Expiry(resolver.Identity.Entry, vault, display, now) is { } expiry)
            {
                problems.Add(expiry);
            }
        }
        catch (SecVaultException ex)
        {
            problems.Add(DeploymentTomlSecretRepository.VaultProblem(ex));
        }
    }

    /// <summary>Why <c>mi secret exec</c> without <c>--prefix</c> would refuse <paramref name="alias"/>'s variable name, or null.</summary>
    private static string? ExecRefusal(string alias)
    {
        var name = SecretVariables.Name(string.Empty, alias);
        return SecretVariables.Refusal(name) switch
        {
            SecretVariableErrorKind.Denied => ExecText.VerifyExecDenied(name, ExportDenylist.Find(name)!.Reason),
            SecretVariableErrorKind.InvalidName => ExecText.VerifyExecInvalidName(name),
            _ => null,
        };
    }

    private static bool LooksLikeCiphertext(string value)
    {
        if (value.Length < 100)
        {
            return false;
        }

        try
        {
            return CiphertextSizes.Contains(SecretDecryptor.DecodeBase64(value, string.Empty).Length);
        }
        catch (CipherException)
        {
            return false;
        }
    }
}
