using System.Security.Cryptography;
using System.Text;
using SecVault.Ciphers;
using SecVault.Diagnostics;
using SecVault.Exec;
using SecVault.Home;
using SecVault.Passwords;
using SecVault.Placeholders;
using SecVault.Toml;

namespace SecVault.Resolution;

/// <summary>
/// The built-in secret repository: the <c>[secrets]</c> table of deployment.toml. Dynamic values get their
/// <c>$env{}</c>/<c>$sys{}</c> substituted; plain-text markers are errors; the vault configuration must enable the
/// file repository; values are decrypted with the identity key and <c>secretRepositories.file.algorithm</c>
/// (default <c>RSA</c>). The keystore is opened only when a secret is first looked up.
/// </summary>
internal sealed class DeploymentTomlSecretRepository : ISecretRepository, IDisposable
{
    /// <summary>How many secrets make <see cref="LookupMany"/> decrypt in parallel.</summary>
    internal const int ParallelThreshold = 8;

    private static readonly UTF8Encoding StrictUtf8 = new(
        // Stryker disable once Boolean: the byte order mark setting applies to encoding, and this encoding only decodes
        encoderShouldEmitUTF8Identifier: false,
        throwOnInvalidBytes: true);

    private readonly DeploymentToml _document;
    private readonly VariableSources _sources;
    private readonly IdentityKey _identity;
    private readonly bool _ownsIdentity;
    private readonly Dictionary<string, SecretEntry> _entries = new(StringComparer.Ordinal);

    /// <summary>Reads secrets of <paramref name="document"/> for <paramref name="home"/>, asking <paramref name="passwords"/> for the keystore password.</summary>
    public DeploymentTomlSecretRepository(MiHome home, DeploymentToml document, VariableSources sources, IPasswordSource passwords, bool separateKeyPassword = false)
        : this(document, sources, new IdentityKey(home ?? throw new ArgumentNullException(nameof(home)), passwords ?? throw new ArgumentNullException(nameof(passwords)), separateKeyPassword), ownsIdentity: true)
    {
    }

    internal DeploymentTomlSecretRepository(DeploymentToml document, VariableSources sources, IdentityKey identity, bool ownsIdentity)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(sources);
        _document = document;
        _sources = sources;
        _identity = identity;
        _ownsIdentity = ownsIdentity;
        foreach (var entry in document.Secrets)
        {
            _entries.TryAdd(entry.Alias, entry);
        }

        Aliases = [.. document.Secrets.Select(s => s.Alias).Distinct(StringComparer.Ordinal)];
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>Receives the count of secrets decrypted so far during a bulk lookup.</summary>
    internal IProgress<WorkProgress>? Progress { get; set; }

    /// <inheritdoc/>
    public SecretLookup Lookup(string secretAlias) => LookupMany([secretAlias])[0];

    /// <inheritdoc/>
    public IReadOnlyList<SecretLookup> LookupMany(IReadOnlyList<string> aliases)
    {
        ArgumentNullException.ThrowIfNull(aliases);
        var results = new SecretLookup?[aliases.Count];
        var pending = new List<(int Index, SecretEntry Entry, string Ciphertext)>();
        for (var i = 0; i < aliases.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(aliases[i], nameof(aliases));
            if (Prepare(aliases[i]) is { } prepared)
            {
                if (prepared.Failure is not null)
                {
                    results[i] = prepared.Failure;
                }
                else
                {
                    pending.Add((i, prepared.Entry!, prepared.Ciphertext!));
                }
            }
            else
            {
                results[i] = SecretLookup.Unknown();
            }
        }

        if (pending.Count > 0)
        {
            Decrypt(pending, results);
        }

        return [.. results.Select(r => r!)];
    }

    /// <summary>
    /// Checks every entry the way <c>verify</c> does, returning the problems (and a warning for a secret that
    /// <c>mi secret exec</c> could not export); decrypted values are discarded at once.
    /// </summary>
    internal IReadOnlyList<Problem> CheckAll()
    {
        var problems = new List<Problem>();
        var lookups = LookupMany(Aliases);
        for (var i = 0; i < lookups.Count; i++)
        {
            problems.AddRange(lookups[i].Problems);
            if (lookups[i].Value is { } value && !SecretVariables.CanCarry(value))
            {
                var entry = _entries[Aliases[i]];
                problems.Add(new Problem(ProblemSeverity.Warning, _document.DisplayPath, entry.Line, entry.Column, entry.Alias, ExecText.VerifyExecHoldsNul));
            }
        }

        return problems;
    }

    /// <summary>Disposes the identity key when this repository opened it.</summary>
    public void Dispose()
    {
        if (_ownsIdentity)
        {
            _identity.Dispose();
        }
    }

    private (SecretEntry? Entry, string? Ciphertext, SecretLookup? Failure)? Prepare(string alias)
    {
        if (!_entries.TryGetValue(alias, out var entry))
        {
            return null;
        }

        Problem At(string message, string? subject = null) =>
            new(ProblemSeverity.Error, _document.DisplayPath, entry.Line, entry.Column, subject ?? alias, message);

        if (entry.Value is null)
        {
            return (entry, null, SecretLookup.Failed([At(DiagnosticsText.SecretNotAString(alias, entry.ValueKind))]));
        }

        var problems = new List<Problem>();
        var value = DynamicPlaceholders.Substitute(entry.Value, _sources, (placeholder, message) =>
            problems.Add(At(DiagnosticsText.InSecret(alias, message), placeholder.Name)));
        if (value is null)
        {
            return (entry, null, SecretLookup.Failed(problems));
        }

        if (SecretClassifier.PlainTextOf(value) is not null)
        {
            return (entry, null, SecretLookup.Failed([At(DiagnosticsText.SecretIsPlainText(alias))], DiagnosticsText.SecretIsPlainTextHint));
        }

        return (entry, value, null);
    }

    private void Decrypt(List<(int Index, SecretEntry Entry, string Ciphertext)> pending, SecretLookup?[] results)
    {
        ISecretDecryptor decryptor;
        try
        {
            decryptor = _identity.VaultDecryptor(Path.GetFileName(IdentityKey.VaultDisplayPath));
        }
        catch (SecVaultException ex)
        {
            var failure = SecretLookup.Failed([VaultProblem(ex)], ex.Hint);
            foreach (var p in pending)
            {
                results[p.Index] = failure;
            }

            return;
        }

        if (pending.Count >= ParallelThreshold)
        {
            IReadOnlyList<byte[]>? plains = null;
            try
            {
                plains = decryptor.DecryptAll([.. pending.Select(p => (p.Entry.Alias, p.Ciphertext))], progress: Progress);
                for (var i = 0; i < pending.Count; i++)
                {
                    results[pending[i].Index] = ToLookup(decryptor, pending[i].Entry, plains[i]);
                }

                return;
            }
            catch (CipherException)
            {
                // Fall through: one at a time, so that every failure is reported, not only the first.
            }
        }

        var done = 0;
        foreach (var (index, entry, ciphertext) in pending)
        {
            try
            {
                results[index] = ToLookup(decryptor, entry, decryptor.Decrypt(ciphertext, entry.Alias));
                if (pending.Count > 1)
                {
                    Progress?.Report(new WorkProgress(++done, pending.Count));
                }
            }
            catch (CipherException ex)
            {
                results[index] = SecretLookup.Failed(
                    [new Problem(ProblemSeverity.Error, _document.DisplayPath, entry.Line, entry.Column, entry.Alias, ex.Message)], ex.Hint);
            }
        }
    }

    private SecretLookup ToLookup(ISecretDecryptor decryptor, SecretEntry entry, byte[] plain)
    {
        try
        {
            return SecretLookup.Found(StrictUtf8.GetString(plain));
        }
        catch (DecoderFallbackException)
        {
            var failure = decryptor.NotUtf8(entry.Alias);
            return SecretLookup.Failed([new Problem(ProblemSeverity.Error, _document.DisplayPath, entry.Line, entry.Column, entry.Alias, failure.Message)], failure.Hint);
        }
        // Stryker disable once Block,Statement: hygiene; the buffer is this method's own and no caller can see it afterwards
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    internal static Problem VaultProblem(SecVaultException ex)
    {
        var path = ex switch
        {
            Home.VaultException { Path: { } p } => p,
            Keystores.KeystoreException { Path: { } p } => p,
            PasswordException { Path: { } p } => p,
            _ => IdentityKey.VaultDisplayPath,
        };
        return new Problem(ProblemSeverity.Error, path, 0, 0, "keystore", ex.Message);
    }
}
