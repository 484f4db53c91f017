using System.Security.Cryptography;
using System.Text;
using SecVault.Ciphers;
using SecVault.Diagnostics;
using SecVault.Home;
using SecVault.IO;
using SecVault.Keystores;
using SecVault.Resolution;
using SecVault.Toml;

namespace SecVault.Vault;

/// <summary>
/// <c>ciphertool -Dconfigure</c>: encrypts the plain-text markers of [secrets] in place and writes
/// secret-conf.properties. <see cref="Prepare"/> computes both files without writing; <see cref="Commit"/> writes them.
/// </summary>
public sealed partial class ConfigureOperation
{
    private readonly VaultTarget _target;
    private readonly byte[]? _deploymentToml;
    private readonly byte[]? _secretConf;
    private readonly FileSnapshot? _secretConfSnapshot;

    private ConfigureOperation(
        VaultTarget target,
        byte[]? deploymentToml,
        byte[]? secretConf,
        FileSnapshot? secretConfSnapshot,
        IReadOnlyList<string> encrypted,
        int alreadyEncrypted,
        int dynamic,
        IReadOnlyList<Problem> warnings)
    {
        _target = target;
        _deploymentToml = deploymentToml;
        _secretConf = secretConf;
        _secretConfSnapshot = secretConfSnapshot;
        EncryptedAliases = encrypted;
        AlreadyEncrypted = alreadyEncrypted;
        Dynamic = dynamic;
        Warnings = warnings;
    }

    /// <summary>The aliases whose plain-text markers are encrypted, in document order.</summary>
    public IReadOnlyList<string> EncryptedAliases { get; }

    /// <summary>How many [secrets] values were already ciphertexts.</summary>
    public int AlreadyEncrypted { get; }

    /// <summary>How many [secrets] values are dynamic (<c>$env{}</c> or <c>$sys{}</c>).</summary>
    public int Dynamic { get; }

    /// <summary>Warnings found while preparing (dotted aliases, suspicious ciphertexts, JCEKS, no [secrets]).</summary>
    public IReadOnlyList<Problem> Warnings { get; }

    /// <summary>True when deployment.toml will be rewritten (something was encrypted).</summary>
    public bool WritesDeploymentToml => _deploymentToml is not null;

    /// <summary>True when secret-conf.properties will be written (it is new or says something else).</summary>
    public bool WritesSecretConf => _secretConf is not null;

    /// <summary>The report line, e.g. <c>encrypted 2 secrets (a, b); 1 already encrypted; 0 dynamic</c>.</summary>
    public string Summary => VaultText.ConfigureSummary(EncryptedAliases, AlreadyEncrypted, Dynamic);

    /// <summary>The new deployment.toml bytes, or null when it stays as it is.</summary>
    internal byte[]? NewDeploymentToml => _deploymentToml;

    /// <summary>The new secret-conf.properties bytes, or null when it stays as it is.</summary>
    internal byte[]? NewSecretConf => _secretConf;

    /// <summary>
    /// Classifies [secrets], checks existing ciphertexts against the private key (warnings only), encrypts the plain
    /// values and renders both files; nothing is written.
    /// </summary>
    /// <param name="target">The MI home's deployment.toml and keystore selection.</param>
    /// <param name="key">The opened keystore.</param>
    /// <param name="storePassword">The store password, also used for the private key in the check of existing ciphertexts.</param>
    /// <param name="transformation">The transformation to encrypt with, written to secret-conf.properties.</param>
    /// <param name="now">The time written in secret-conf.properties' date line.</param>
    /// <param name="diagnosePadding">
    /// Say why an existing ciphertext does not decrypt (the other padding, not UTF-8); default false, one message for
    /// every such failure (see <see cref="SecretDecryptor.DiagnosePadding"/>).
    /// </param>
    /// <exception cref="VaultException">A [secrets] value is not a string.</exception>
    /// <exception cref="CipherException">A secret is over the RSA limit.</exception>
    public static ConfigureOperation Prepare(VaultTarget target, VaultKey key, ReadOnlySpan<char> storePassword, Transformation transformation, DateTimeOffset now, bool diagnosePadding = false)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(transformation);

        var (plain, encrypted, dynamic, warnings) = Classify(target);
        var replacements = EncryptPlain(plain, key.CreateEncryptor(transformation));
        CheckEncrypted(encrypted, target, key, storePassword, transformation, diagnosePadding, warnings);
        if (key.Selection.Type == KeystoreType.Jceks)
        {
            warnings.Add(Warning(target.SecretConfDisplayPath, 0, 0, "keystore.identity.type", VaultText.JceksIdentityKeystore));
        }

        var newToml = replacements.Count > 0 ? target.Document.Rewrite(replacements) : null;
        var existing = File.Exists(target.SecretConfPath) ? FileSnapshot.Read(target.SecretConfPath) : null;
        var entries = VaultConfiguration.Entries(target.Home.Path, key.Selection.Path, key.Selection.Type, key.Selection.Alias, transformation);
        var newConf = VaultConfiguration.Render(entries, now, existing?.Content);
        return new ConfigureOperation(target, newToml, newConf, existing, [.. plain.Select(p => p.Alias)], encrypted.Count, dynamic, warnings);
    }

    /// <summary>Sorts [secrets] into plain-text markers, ciphertexts and dynamic values; warns of dotted aliases and no table.</summary>
    private static (List<SecretEntry> Plain, List<SecretEntry> Encrypted, int Dynamic, List<Problem> Warnings) Classify(VaultTarget target)
    {
        var document = target.Document;
        var warnings = new List<Problem>();
        if (!document.HasSecretsTable)
        {
            warnings.Add(Warning(document.DisplayPath, 0, 0, "secrets", VaultText.NoSecretsTable));
        }

        warnings.AddRange(ReferenceWarnings(document));
        var plain = new List<SecretEntry>();
        var encrypted = new List<SecretEntry>();
        var dynamic = 0;
        foreach (var secret in document.Secrets)
        {
            switch (secret.Class)
            {
                case SecretClass.Invalid:
                    throw new VaultException(
                        VaultText.SecretNotAString(document.DisplayPath, secret.Line, secret.Column, secret.Alias, secret.ValueKind),
                        VaultText.SecretNotAStringHint,
                        target.DeploymentTomlPath,
                        kind: VaultErrorKind.InvalidSecret,
                        alias: secret.Alias,
                        line: secret.Line,
                        column: secret.Column);
                case SecretClass.Dynamic:
                    dynamic++;
                    break;
                case SecretClass.Plain:
                    plain.Add(secret);
                    break;
                default:
                    encrypted.Add(secret);
                    break;
            }

            if (secret.IsDotted)
            {
                warnings.Add(Warning(document.DisplayPath, secret.Line, secret.Column, secret.Alias, VaultText.DottedAlias(secret.Alias)));
            }
        }

        return (plain, encrypted, dynamic, warnings);
    }

    /// <summary>
    /// Writes the prepared files atomically: deployment.toml (refused if it changed since it was read), then
    /// secret-conf.properties (creating conf/security when needed).
    /// </summary>
    /// <returns>Warnings about the files written (other hard links, an in-place rewrite).</returns>
    /// <exception cref="FileWriteException">A file changed since it was read, or cannot be written.</exception>
    public IReadOnlyList<string> Commit()
    {
        var warnings = new List<string>();
        if (_secretConf is not null && _secretConfSnapshot is not null && !_secretConfSnapshot.IsUnchangedOnDisk())
        {
            throw new FileWriteException(_target.SecretConfPath, IOText.FileChangedSinceRead(_target.SecretConfPath), IOText.FileChangedHint);
        }

        if (_deploymentToml is not null)
        {
            warnings.AddRange(AtomicFile.Write(_target.DeploymentTomlPath, _deploymentToml, _target.Snapshot));
        }

        if (_secretConf is not null)
        {
            AtomicFile.CreateFolder(Path.GetDirectoryName(_target.SecretConfPath)!);
            warnings.AddRange(AtomicFile.Write(_target.SecretConfPath, _secretConf, _secretConfSnapshot));
        }

        return warnings;
    }

    private static List<LiteralReplacement> EncryptPlain(List<SecretEntry> plain, SecretEncryptor encryptor)
    {
        var secrets = new List<(string Alias, byte[] Secret)>(plain.Count);
        try
        {
            foreach (var entry in plain)
            {
                secrets.Add((entry.Alias, Encoding.UTF8.GetBytes(entry.PlainText!)));
            }

            var ciphertexts = encryptor.EncryptAll(secrets);
            return [.. plain.Select((entry, i) => new LiteralReplacement(entry.LiteralSpan, ciphertexts[i], ReplacementStyle.KeepQuoting))];
        }
        finally
        {
            foreach (var (_, secret) in secrets)
            {
                CryptographicOperations.ZeroMemory(secret);
            }
        }
    }

    /// <summary>Step 4: every existing ciphertext should decrypt with this key and transformation; findings are warnings.</summary>
    private static void CheckEncrypted(List<SecretEntry> encrypted, VaultTarget target, VaultKey key, ReadOnlySpan<char> storePassword, Transformation transformation, bool diagnosePadding, List<Problem> warnings)
    {
        if (encrypted.Count == 0)
        {
            return;
        }

        var path = target.Document.DisplayPath;
        RSA? privateKey = null;
        try
        {
            SecretDecryptor decryptor;
            try
            {
                decryptor = key.CreateDecryptor(storePassword, transformation, VaultText.TheTransformationInUse, diagnosePadding, out privateKey);
            }
            catch (KeystoreException e)
            {
                warnings.Add(Warning(path, 0, 0, key.Selection.Alias, VaultText.CheckSkipped(e.Message)));
                return;
            }

            foreach (var entry in encrypted)
            {
                try
                {
                    CryptographicOperations.ZeroMemory(decryptor.Decrypt(entry.Value!, entry.Alias));
                }
                catch (CipherException e)
                {
                    warnings.Add(Warning(path, entry.Line, entry.Column, entry.Alias, VaultText.CiphertextSuspicious(e.Message)));
                }
            }
        }
        finally
        {
            privateKey?.Dispose();
        }
    }

    /// <summary>
    /// Broken <c>$ref{}</c>s outside the keystore selection (dangling, cycles): configure does not need those values,
    /// so they are warnings here; <c>$env{}</c>, <c>$sys{}</c> and <c>$secret{}</c> are not looked at.
    /// </summary>
    private static IEnumerable<Problem> ReferenceWarnings(DeploymentToml document)
    {
        var problems = new List<Problem>();
        var references = new ConfigReferences(document, (_, _) => string.Empty, problems.Add);
        foreach (var leaf in document.StringLeavesWithPossiblePlaceholders().Where(l => !l.InSecrets && l.StringValue!.Contains("$ref{", StringComparison.Ordinal)))
        {
            _ = references.Resolve(leaf);
        }

        return problems.Select(p => p with { Severity = ProblemSeverity.Warning });
    }

    private static Problem Warning(string path, int line, int column, string subject, string message) =>
        new(ProblemSeverity.Warning, path, line, column, subject, message);
}
