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
    /// <summary>How many values are encrypted or checked together, in parallel, before their literals are written.</summary>
    internal const int BatchSize = SecretEncryptor.StreamBatchSize;

    private readonly VaultTarget _target;
    private readonly Action<Stream, IProgress<WorkProgress>?>? _writeDeploymentToml;
    private readonly byte[]? _secretConf;
    private readonly FileSnapshot? _secretConfSnapshot;

    private ConfigureOperation(
        VaultTarget target,
        Action<Stream, IProgress<WorkProgress>?>? writeDeploymentToml,
        byte[]? secretConf,
        FileSnapshot? secretConfSnapshot,
        IReadOnlyList<string> encrypted,
        int alreadyEncrypted,
        int dynamic,
        IReadOnlyList<Problem> warnings)
    {
        _target = target;
        _writeDeploymentToml = writeDeploymentToml;
        _secretConf = secretConf;
        _secretConfSnapshot = secretConfSnapshot;
        EncryptedAliases = encrypted;
        AlreadyEncrypted = alreadyEncrypted;
        Dynamic = dynamic;
        Warnings = warnings;
    }

    /// <summary>The aliases given new values (plain-text markers encrypted; for a rotation, values moved to the new key too), in document order.</summary>
    internal IReadOnlyList<string> EncryptedAliases { get; }

    /// <summary>How many [secrets] values were already ciphertexts.</summary>
    internal int AlreadyEncrypted { get; }

    /// <summary>How many [secrets] values are dynamic (<c>$env{}</c> or <c>$sys{}</c>).</summary>
    internal int Dynamic { get; }

    /// <summary>Warnings found while preparing (dotted aliases, suspicious ciphertexts, JCEKS, no [secrets]).</summary>
    public IReadOnlyList<Problem> Warnings { get; }

    /// <summary>True when deployment.toml will be rewritten (something was encrypted).</summary>
    internal bool WritesDeploymentToml => _writeDeploymentToml is not null;

    /// <summary>True when secret-conf.properties will be written (it is new or says something else).</summary>
    internal bool WritesSecretConf => _secretConf is not null;

    /// <summary>The report line, e.g. <c>encrypted 2 secrets (a, b); 1 already encrypted; 0 dynamic</c>.</summary>
    public string Summary => VaultText.ConfigureSummary(EncryptedAliases, AlreadyEncrypted, Dynamic);

    /// <summary>The new secret-conf.properties bytes, or null when it stays as it is.</summary>
    internal byte[]? NewSecretConf => _secretConf;

    /// <summary>
    /// Classifies [secrets], checks the plain values' lengths and the existing ciphertexts against the private key
    /// (warnings only), and renders secret-conf.properties; nothing is written. The plain values are encrypted by
    /// <see cref="Commit"/>, a batch at a time while the new deployment.toml is written, so neither the ciphertexts nor
    /// the new file are ever held whole.
    /// </summary>
    /// <param name="target">The MI home's deployment.toml and keystore selection.</param>
    /// <param name="key">The opened keystore.</param>
    /// <param name="keyPassword">
    /// The private key's password (the store password unless the key has its own), used only in the check of existing
    /// ciphertexts; the keystore is already open in <paramref name="key"/>.
    /// </param>
    /// <param name="transformation">The transformation to encrypt with, written to secret-conf.properties.</param>
    /// <param name="now">The time written in secret-conf.properties' date line.</param>
    /// <param name="diagnosePadding">
    /// Say why an existing ciphertext does not decrypt (the other padding, not UTF-8); default false, one message for
    /// every such failure (see <see cref="SecretDecryptor.DiagnosePadding"/>).
    /// </param>
    /// <exception cref="VaultException">A [secrets] value is not a string.</exception>
    /// <exception cref="CipherException">A secret is over the RSA limit.</exception>
    public static ConfigureOperation Prepare(VaultTarget target, VaultKey key, ReadOnlySpan<char> keyPassword, Transformation transformation, DateTimeOffset now, bool diagnosePadding = false)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(transformation);

        var (plain, encrypted, dynamic, warnings) = Classify(target);
        var encryptor = key.CreateEncryptor(transformation);
        for (var i = 0; i < plain.Count; i++)
        {
            // The byte counts were taken while classifying: no second decoding of every value before the first batch.
            // Stryker disable once Equality: CheckLength lets a value of exactly the limit pass; the test only saves the call.
            if (plain.Utf8Length(i) > encryptor.MaxSecretBytes)
            {
                ThrowTooLong(target, encryptor, plain[i], plain.Utf8Length(i));
            }
        }

        CheckEncrypted(encrypted, target, key, keyPassword, transformation, diagnosePadding, warnings);
        if (key.Selection.Type == KeystoreType.Jceks)
        {
            warnings.Add(Warning(target.SecretConfDisplayPath, 0, 0, "keystore.identity.type", VaultText.JceksIdentityKeystore));
        }

        if (key.Entry.Kind == KeystoreEntryKind.TrustedCertificate)
        {
            // Encrypting needs only the certificate, so a copy of it may stand in for the keystore here; MI needs the key.
            warnings.Add(Warning(target.SecretConfDisplayPath, 0, 0, "keystore.identity.alias", VaultText.CertificateOnlyIdentity(key.Selection.Alias, key.Selection.ConfiguredLocation)));
        }

        Action<Stream, IProgress<WorkProgress>?>? writeToml = plain.Count > 0
            ? (output, progress) => target.Document.WriteRewritten(output, literals => encryptor.EncryptInBatches(
                plain, e => e.Alias, e => e.PlainText!, progress, (e, base64) => literals.Replace(e.LiteralSpan, base64, ReplacementStyle.KeepQuoting), BatchSize))
            : null;
        var existing = File.Exists(target.SecretConfPath) ? FileSnapshot.Read(target.SecretConfPath) : null;
        var entries = VaultConfiguration.Entries(target.Home.Path, key.Selection.Path, key.Selection.Type, key.Selection.Alias, transformation);
        var newConf = VaultConfiguration.Render(entries, now, existing?.Content);
        return new ConfigureOperation(target, writeToml, newConf, existing, plain.Aliases, encrypted.Count, dynamic, warnings);
    }

    /// <summary>The encryptor's error for a secret over the RSA limit, at the secret's place in deployment.toml.</summary>
    private static void ThrowTooLong(VaultTarget target, SecretEncryptor encryptor, SecretEntry secret, int utf8Length)
    {
        try
        {
            encryptor.CheckLength(utf8Length, secret.Alias);
        }
        catch (CipherException e)
        {
            throw new VaultException(
                VaultText.AtSecret(target.Document.DisplayPath, secret.Line, secret.Column, e.Message),
                e.Hint,
                target.DeploymentTomlPath,
                e,
                VaultErrorKind.InvalidSecret,
                secret.Alias,
                secret.Line,
                secret.Column);
        }
    }

    /// <summary>Writes a deployment.toml rendered whole in memory; null when the file is not to be written.</summary>
    private static Action<Stream, IProgress<WorkProgress>?>? WriteAll(byte[]? deploymentToml) =>
        deploymentToml is null ? null : (output, _) => output.Write(deploymentToml);

    /// <summary>Sorts [secrets] into plain-text markers, ciphertexts and dynamic values; warns of dotted aliases and no table.</summary>
    private static (SecretSelection Plain, SecretSelection Encrypted, int Dynamic, List<Problem> Warnings) Classify(VaultTarget target)
    {
        var document = target.Document;
        var warnings = new List<Problem>();
        if (!document.HasSecretsTable)
        {
            warnings.Add(Warning(document.DisplayPath, 0, 0, "secrets", VaultText.NoSecretsTable));
        }

        warnings.AddRange(ReferenceWarnings(document));
        var plain = new SecretSelection(document);
        var encrypted = new SecretSelection(document);
        var dynamic = 0;
        for (var position = 0; position < document.Secrets.Count; position++)
        {
            var secret = document.Secrets[position];
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
                    plain.Add(position, Encoding.UTF8.GetByteCount(secret.PlainText!));
                    break;
                default:
                    encrypted.Add(position);
                    break;
            }

            if (secret.IsDotted)
            {
                warnings.Add(Warning(document.DisplayPath, secret.Line, secret.Column, secret.Alias, VaultText.DottedAlias(secret.Alias)));
            }
            else if (secret.PropertiesKeyFlaw is { } flaw)
            {
                warnings.Add(Warning(document.DisplayPath, secret.Line, secret.Column, secret.Alias, DiagnosticsText.UnrenderableAlias(secret.Alias, flaw)));
            }
        }

        return (plain, encrypted, dynamic, warnings);
    }

    /// <summary>
    /// Writes the prepared files atomically: deployment.toml (refused if it changed since it was read), then
    /// secret-conf.properties (creating conf/security when needed).
    /// </summary>
    /// <param name="progress">Told how many plain values are encrypted so far (configure encrypts while it writes).</param>
    /// <returns>Warnings about the files written (other hard links, an in-place rewrite).</returns>
    /// <exception cref="FileWriteException">A file changed since it was read, or cannot be written.</exception>
    /// <exception cref="CipherException">A value could not be encrypted (the lengths were checked by Prepare); nothing is written.</exception>
    public IReadOnlyList<string> Commit(IProgress<WorkProgress>? progress = null)
    {
        var warnings = new List<string>();
        if (_secretConf is not null && _secretConfSnapshot is not null && !_secretConfSnapshot.IsUnchangedOnDisk())
        {
            throw new FileWriteException(_target.SecretConfPath, IOText.FileChangedSinceRead(_target.SecretConfPath), IOText.FileChangedHint);
        }

        if (_writeDeploymentToml is not null)
        {
            warnings.AddRange(AtomicFile.Write(_target.DeploymentTomlPath, output => _writeDeploymentToml(output, progress), _target.Snapshot));
        }

        if (_secretConf is not null)
        {
            try
            {
                AtomicFile.CreateFolder(Path.GetDirectoryName(_target.SecretConfPath)!);
                warnings.AddRange(AtomicFile.Write(_target.SecretConfPath, _secretConf, _secretConfSnapshot));
            }
            catch (Exception e) when (_writeDeploymentToml is not null && e is FileWriteException or IOException or UnauthorizedAccessException)
            {
                // deployment.toml's new values need the new secret-conf.properties (a rotation's new alias, a first
                // configure's vault switch): without it they go back to what they were.
                var path = _target.DeploymentTomlPath;
                var putBack = AtomicFile.TryPutBack(path, _target.Snapshot.Content) is { } failure ? VaultText.FileNotRestored(path, failure) : VaultText.FileRestored(path);
                throw new FileWriteException(_target.SecretConfPath, string.Join("; ", e.Message, putBack), innerException: e);
            }
        }

        return warnings;
    }

    /// <summary>
    /// Step 4: every existing ciphertext should decrypt with this key and transformation; findings are warnings. The
    /// ciphertexts are decrypted in parallel, a batch at a time, and each plaintext is zeroed at once.
    /// </summary>
    private static void CheckEncrypted(SecretSelection encrypted, VaultTarget target, VaultKey key, ReadOnlySpan<char> keyPassword, Transformation transformation, bool diagnosePadding, List<Problem> warnings)
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
                decryptor = key.CreateDecryptor(keyPassword, transformation, VaultText.TheTransformationInUse, diagnosePadding, out privateKey);
            }
            catch (KeystoreException e)
            {
                warnings.Add(Warning(path, 0, 0, key.Selection.Alias, VaultText.CheckSkipped(e.Message)));
                return;
            }

            for (var first = 0; first < encrypted.Count; first += BatchSize)
            {
                var entries = Enumerable.Range(first, Math.Min(BatchSize, encrypted.Count - first)).Select(i => encrypted[i]).ToArray();
                var failures = new string?[entries.Length];
                Bulk.For(entries.Length, null, i =>
                {
                    try
                    {
                        CryptographicOperations.ZeroMemory(decryptor.Decrypt(entries[i].Value!, entries[i].Alias));
                    }
                    catch (CipherException e)
                    {
                        failures[i] = e.Message;
                    }
                });
                for (var i = 0; i < entries.Length; i++)
                {
                    if (failures[i] is { } failure)
                    {
                        warnings.Add(Warning(path, entries[i].Line, entries[i].Column, entries[i].Alias, VaultText.CiphertextSuspicious(failure)));
                    }
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
        // Stryker disable once String: the resolved values are thrown away; only a $ref{} reports problems, whatever the others give.
        var references = new ConfigReferences(document, (_, _) => string.Empty, problems.Add);
        // Stryker disable once String: only a $ref{} can report a problem here; the filter saves resolving the other leaves.
        foreach (var leaf in document.StringLeavesWithPossiblePlaceholders().Where(l => !l.InSecrets && l.StringValue!.Contains("$ref{", StringComparison.Ordinal)))
        {
            _ = references.Resolve(leaf);
        }

        return problems.Select(p => p with { Severity = ProblemSeverity.Warning });
    }

    private static Problem Warning(string path, int line, int column, string subject, string message) =>
        new(ProblemSeverity.Warning, path, line, column, subject, message);

    /// <summary>
    /// Some [secrets] entries, kept as their positions in <see cref="DeploymentToml.Secrets"/> and made again when asked
    /// for, so a table of 100,000 plain values is not held decoded while it is encrypted.
    /// </summary>
    private sealed class SecretSelection(DeploymentToml document) : IReadOnlyList<SecretEntry>
    {
        private readonly List<int> _positions = [];
        private readonly List<int> _utf8Lengths = [];

        public int Count => _positions.Count;

        /// <summary>The UTF-8 length of a plain value's secret, taken when it was added (0 for other values).</summary>
        public int Utf8Length(int index) => _utf8Lengths[index];

        /// <summary>The aliases, each made when asked for.</summary>
        public IReadOnlyList<string> Aliases => new AliasList(this);

        public SecretEntry this[int index] => document.Secrets[_positions[index]];

        public void Add(int position, int utf8Length = 0)
        {
            _positions.Add(position);
            _utf8Lengths.Add(utf8Length);
        }

        public IEnumerator<SecretEntry> GetEnumerator() => _positions.Select(p => document.Secrets[p]).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        private sealed class AliasList(SecretSelection selection) : IReadOnlyList<string>
        {
            public int Count => selection.Count;

            public string this[int index] => selection[index].Alias;

            public IEnumerator<string> GetEnumerator() => selection.Select(e => e.Alias).GetEnumerator();

            System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
        }
    }
}
