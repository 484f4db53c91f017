using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SecVault.Ciphers;
using SecVault.Diagnostics;
using SecVault.IO;
using SecVault.Resolution;

namespace SecVault.Synapse;

/// <summary>
/// Resolves the <c>wso2:vault-lookup</c> calls of Synapse artifacts as upstream does: <c>REG</c> (and one or two
/// arguments) read a <c>[secrets]</c> alias, <c>ENV</c> an environment variable (trimmed), <c>FILE</c> and <c>DOCKER</c>
/// a file under their root (lines joined, trimmed); a <c>'true'</c> flag decrypts with the identity key. Created by
/// <see cref="MiHomeResolverExtensions.CreateSynapseResolver"/>; values are cached by type, name and flag for its lifetime.
/// </summary>
public sealed class SynapseResolver
{
    /// <summary>The largest FILE or DOCKER secret file read (its lines are joined, as upstream does).</summary>
    private const long MaxFileSecretBytes = 1024 * 1024;

    /// <summary>The system property naming the FILE root.</summary>
    public const string FileRootProperty = "ei.secret.file.root.dir";

    /// <summary>The system property naming the DOCKER root.</summary>
    public const string DockerRootProperty = "ei.secret.docker.root.dir";

    private readonly MiHomeResolver _owner;
    private readonly Dictionary<(VaultLookupType, string, bool), (string? Value, string? Error, IReadOnlyList<Problem> Problems)> _cache = [];
    private readonly Lock _gate = new();

    internal SynapseResolver(MiHomeResolver owner)
    {
        _owner = owner;
    }

    /// <summary>The default DOCKER root: <c>/run/secrets/</c>, or <c>C:\ProgramData\Docker\secrets\</c> on Windows.</summary>
    public static string DefaultDockerRoot => OperatingSystem.IsWindows() ? @"C:\ProgramData\Docker\secrets\" : "/run/secrets/";

    /// <summary>
    /// Resolves every lookup of <paramref name="xml"/> (<paramref name="displayPath"/> names it in problems); throws
    /// <see cref="SecVaultResolutionException"/> listing every error.
    /// </summary>
    public SynapseResolution Resolve(string xml, string displayPath)
    {
        var (resolution, problems) = Analyze(xml, displayPath);
        if (problems.Any(p => p.Severity == ProblemSeverity.Error))
        {
            throw new SecVaultResolutionException(problems);
        }

        return resolution;
    }

    /// <summary>Every problem (errors and warnings) of the artifact's lookups, without throwing; values are discarded.</summary>
    public IReadOnlyList<Problem> Check(string xml, string displayPath) => Analyze(xml, displayPath).Problems;

    /// <summary>
    /// Reads each artifact of <paramref name="files"/> (how <c>verify</c> and <c>resolve</c> read them: one that cannot be
    /// read is an error) and checks its lookups as <see cref="Check"/> does; <paramref name="read"/> sees each text read.
    /// </summary>
    public IReadOnlyList<Problem> CheckFiles(IEnumerable<string> files, Action<string>? read = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var problems = new List<Problem>();
        foreach (var file in files)
        {
            var display = _owner.Home.DisplayPathOf(file);

            // Not "is not { } xml": a mutant there leaves xml unassigned and Stryker drops the method's mutants.
            var xml = SynapseArtifact.TryReadText(file, display, out var unreadable);
            if (xml is null)
            {
                problems.Add(unreadable!);
                continue;
            }

            read?.Invoke(xml);
            problems.AddRange(Check(xml, display));
        }

        return problems;
    }

    /// <summary>An XPath string literal for <paramref name="value"/>: <c>'…'</c>, else <c>"…"</c>, else a <c>concat()</c> of both kinds.</summary>
    internal static string XPathLiteral(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Contains('\'', StringComparison.Ordinal))
        {
            return $"'{value}'";
        }

        if (!value.Contains('"', StringComparison.Ordinal))
        {
            return $"\"{value}\"";
        }

        var parts = value.Split('\'').Select(p => $"'{p}'");
        return $"concat({string.Join(", \"'\", ", parts)})";
    }

    internal static string XmlEscape(string value, char? quote)
    {
        var sb = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' when quote == '"' => "&quot;",
                '\'' when quote == '\'' => "&apos;",
                '\r' when quote is not null => "&#13;",
                '\n' when quote is not null => "&#10;",
                '\t' when quote is not null => "&#9;",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    private (SynapseResolution Resolution, List<Problem> Problems) Analyze(string xml, string displayPath)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(displayPath);
        var scan = VaultLookupParser.Scan(xml);
        var structure = SynapseXml.Read(xml);
        var problems = new List<Problem>();
        if (structure.Malformed is { } malformed)
        {
            problems.Add(new Problem(ProblemSeverity.Error, displayPath, malformed.Line, malformed.Column, "xml", DiagnosticsText.SynapseMalformedXml(malformed.Reason)));
        }

        foreach (var p in scan.Problems)
        {
            problems.Add(new Problem(ProblemSeverity.Error, displayPath, p.Line, p.Column, "vault-lookup", p.Message));
        }

        var resolved = new List<SynapseSubstitution>();
        foreach (var lookup in scan.Lookups)
        {
            var subject = Subject(lookup);
            Problem At(ProblemSeverity severity, string message) => new(severity, displayPath, lookup.Line, lookup.Column, subject, message) { SubjectNotInMessage = true };
            if (!lookup.IsWso2)
            {
                problems.Add(At(ProblemSeverity.Warning, DiagnosticsText.SynapseOtherPrefix(lookup.Prefix)));
                continue;
            }

            if (lookup.TypeIgnored)
            {
                problems.Add(At(ProblemSeverity.Warning, DiagnosticsText.SynapseTwoArguments(lookup.Type!)));
            }

            // Not "is not { } type": a mutant of the block below would leave type unassigned (CS0165), and Stryker
            // then drops every mutant of this method.
            var type = lookup.LookupType;
            if (type is null)
            {
                problems.Add(At(ProblemSeverity.Error, SynapseText.SynapseUnknownType(lookup.Type ?? string.Empty)));
                continue;
            }

            var (value, error, positioned) = Value(type.Value, lookup.Name, lookup.IsEncrypted);
            if (Collect(value, error, positioned, problems, At))
            {
                resolved.Add(new SynapseSubstitution(lookup.Start, lookup.Length, value!, lookup.Site == VaultLookupSite.XPathCall, lookup.AttributeQuote));
            }
        }

        foreach (var site in scan.Decrypts)
        {
            Problem At(ProblemSeverity severity, string message) => new(severity, displayPath, site.Line, site.Column, DecryptSubject, message) { SubjectNotInMessage = true };
            var (value, error, positioned) = Decrypt(site.Ciphertext, DiagnosticsText.SynapseDecryptName, static () => (Transformation.Rsa, DiagnosticsText.SynapseDecryptTransformationSource));
            if (Collect(value, error, positioned, problems, At))
            {
                resolved.Add(new SynapseSubstitution(site.Start, site.Length, value!, XPath: false, site.AttributeQuote));
            }
        }

        foreach (var site in structure.SecretAliases)
        {
            Problem At(ProblemSeverity severity, string message) =>
                new(severity, displayPath, site.Line, site.Column, $"{site.AttributeName}=\"{site.Alias}\"", message) { SubjectNotInMessage = true };
            var (value, error, positioned) = Value(VaultLookupType.Registry, site.Alias, encrypted: false);
            if (Collect(value, error, positioned, problems, At))
            {
                resolved.Add(site.SelfClosing
                    ? new SynapseSubstitution(site.ContentStart, site.ContentLength, value!, XPath: false, Quote: null, ">", $"</{site.ElementName}>")
                    : new SynapseSubstitution(site.ContentStart, site.ContentLength, value!, XPath: false, Quote: null));
            }
        }

        foreach (var bare in scan.BraceLess)
        {
            problems.Add(new Problem(ProblemSeverity.Warning, displayPath, bare.Line, bare.Column, bare.Call, DiagnosticsText.SynapseBraceLess(bare.Call)));
        }

        return (new SynapseResolution(xml, resolved), MiHomeResolver.Distinct(problems));
    }

    private const string DecryptSubject = "wso2:vault-decrypt";

    /// <summary>True when <paramref name="value"/> resolved; otherwise adds its error (positioned by <paramref name="at"/>) and the problems it carries.</summary>
    private static bool Collect(string? value, string? error, IReadOnlyList<Problem> positioned, List<Problem> problems, Func<ProblemSeverity, string, Problem> at)
    {
        if (value is not null)
        {
            return true;
        }

        if (error is not null)
        {
            problems.Add(at(ProblemSeverity.Error, error));
        }

        problems.AddRange(positioned);
        return false;
    }

    private (string? Value, string? Error, IReadOnlyList<Problem> Problems) Value(VaultLookupType type, string name, bool encrypted)
    {
        // REG values come decrypted from the secret repository; the flag matters only for the other types.
        var key = (type, name, encrypted && type != VaultLookupType.Registry);
        lock (_gate)
        {
            if (!_cache.TryGetValue(key, out var cached))
            {
                cached = Compute(type, name, key.Item3);
                _cache[key] = cached;
            }

            return cached;
        }
    }

    private (string? Value, string? Error, IReadOnlyList<Problem> Problems) Compute(VaultLookupType type, string name, bool encrypted)
    {
        if (type == VaultLookupType.Registry)
        {
            SecretLookup lookup;
            try
            {
                lookup = _owner.Secrets.Lookup(name);
            }
            catch (SecVaultResolutionException ex)
            {
                return (null, null, ex.Problems);
            }

            // Collect reads the message only when there is no value.
            return (lookup.Value, lookup.Message, lookup.Problems);
        }

        string raw;
        if (type == VaultLookupType.Environment)
        {
            var variable = _owner.Sources.Environment.GetVariable(name);
            if (variable is null)
            {
                return (null, DiagnosticsText.EnvironmentVariableUndefined(name), []);
            }

            raw = JavaTrim(variable);
        }
        else
        {
            var (property, fallback) = type == VaultLookupType.File
                ? (FileRootProperty, _owner.Home.Path)
                : (DockerRootProperty, DefaultDockerRoot);
            var root = _owner.Sources.SystemProperties.TryGetValue(property, out var configured) && configured.Length > 0 ? configured : fallback;
            if (!Path.EndsInDirectorySeparator(root))
            {
                root += Path.DirectorySeparatorChar;
            }

            // The name is appended to the root as text, as upstream does, so '/etc/passwd' means '<root>/etc/passwd'.
            var path = root + name;
            var readPath = path;
            try
            {
                if (!_owner.Options.AllowFileLookupsOutsideRoot)
                {
                    // Checked before the file is even probed, so a refused lookup tells nothing about what lies outside.
                    var placement = LookupRoot.Locate(root, path, out readPath);
                    if (placement != LookupRoot.Placement.Inside)
                    {
                        return (null, placement == LookupRoot.Placement.Outside
                            ? SynapseText.SynapseFileOutsideRoot(path, root)
                            : SynapseText.SynapseFileLinksOutsideRoot(path, root), []);
                    }
                }

                if (!File.Exists(readPath))
                {
                    return (null, DiagnosticsText.SynapseFileMissing(path), []);
                }

                raw = JavaTrim(SecureFile.ReadAllText(readPath, MaxFileSecretBytes, Encoding.UTF8).Replace("\r\n", string.Empty, StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return (null, DiagnosticsText.SynapseFileUnreadable(path, ex.Message), []);
            }
        }

        if (raw.Length == 0)
        {
            return (null, DiagnosticsText.SynapseEmptyValue, []);
        }

        if (!encrypted)
        {
            return (raw, null, []);
        }

        return Decrypt(raw, name, LookupTransformation);
    }

    private (string? Value, string? Error, IReadOnlyList<Problem> Problems) Decrypt(string ciphertext, string name, Func<(Transformation Transformation, string Source)> choose)
    {
        try
        {
            var (transformation, source) = choose();
            var decryptor = _owner.Identity.Decryptor(transformation, source);
            var plain = decryptor.Decrypt(ciphertext, name);
            try
            {
                return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(plain), null, []);
            }
            catch (DecoderFallbackException)
            {
                return (null, decryptor.NotUtf8(name).Message, []);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(plain);
            }
        }
        catch (CipherException ex)
        {
            return (null, ex.Message, []);
        }
        catch (SecVaultException ex)
        {
            return (null, null, [DeploymentTomlSecretRepository.VaultProblem(ex)]);
        }
    }

    private (Transformation Transformation, string Source) LookupTransformation()
    {
        var fromVault = _owner.Identity.Vault?.CipherTransformation;
        if (!string.IsNullOrWhiteSpace(fromVault))
        {
            return (Transformation.Parse(fromVault), "keystore.identity.CipherTransformation");
        }

        string? fromToml = null;
        try
        {
            fromToml = _owner.Document.GetString("system.parameter", "org.wso2.CipherTransformation");
        }
        catch (SecVaultResolutionException)
        {
            // No usable deployment.toml: fall back to the default, as upstream does without the parameter.
        }

        return !string.IsNullOrWhiteSpace(fromToml)
            ? (Transformation.Parse(fromToml), "org.wso2.CipherTransformation")
            : (Transformation.OaepSha1, "the default lookup transformation");
    }

    private static string Subject(VaultLookup lookup) => lookup.ArgumentCount switch
    {
        1 => $"{lookup.Prefix}:vault-lookup('{lookup.Name}')",
        2 => $"{lookup.Prefix}:vault-lookup('{lookup.Name}','{lookup.Type}')",
        _ => string.Create(CultureInfo.InvariantCulture, $"{lookup.Prefix}:vault-lookup('{lookup.Name}','{lookup.Type}','{lookup.EncryptedFlag}')"),
    };

    private static string JavaTrim(string s) => s.Trim([.. Enumerable.Range(0, 33).Select(i => (char)i)]);
}
