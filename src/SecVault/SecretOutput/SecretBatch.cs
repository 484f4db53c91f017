using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using SecVault.Ciphers;

namespace SecVault.SecretOutput;

/// <summary>
/// The checked input of <c>mi secret create</c>: aliases trimmed and validated for the output form, a repeated
/// alias merged (first position, last value), and the warnings to show.
/// </summary>
public sealed class SecretBatch
{
    // What char.IsControl accepts (U+0000-U+001F, U+007F-U+009F), and the '}' that would end a $secret{} placeholder.
    private static readonly SearchValues<char> UnusableAliasChars = SearchValues.Create(
        [.. Enumerable.Range(0x00, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(c => (char)c), '}']);

    // A TOML bare key: A-Z a-z 0-9 _ - (and the dot that joins the parts of a dotted key).
    private static readonly SearchValues<char> PlainTomlKeyChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.");

    private SecretBatch(IReadOnlyList<SecretInputEntry> entries, IReadOnlyList<string> warnings)
    {
        Entries = entries;
        Warnings = warnings;
    }

    /// <summary>The entries in output order, aliases trimmed.</summary>
    public IReadOnlyList<SecretInputEntry> Entries { get; }

    /// <summary>Warnings (repeated aliases, secrets with edge whitespace, aliases TOML must quote); never a value.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>
    /// Checks every entry: no entries, an empty alias or secret, an alias with a control character or <c>}</c>, or
    /// (for <see cref="SecretOutputFormat.Kubernetes"/>) an invalid Secret key is a <see cref="SecretInputException"/>
    /// naming <paramref name="source"/>, the line and the alias.
    /// </summary>
    public static SecretBatch Prepare(IReadOnlyList<SecretInputEntry> entries, SecretOutputFormat format, string source)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(source);
        if (entries.Count == 0)
        {
            throw new SecretInputException(SecretInputErrorKind.NoEntries, SecretOutputText.CreateNoEntries(source), source);
        }

        var warnings = new List<string>();
        var merged = new List<SecretInputEntry>(entries.Count);
        var positions = new Dictionary<string, int>(entries.Count, StringComparer.Ordinal);
        var warnedAliases = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var alias = entry.Alias.Trim();
            Check(entry, alias, format, source);
            if (entry.Secret.Length > 0 && (char.IsWhiteSpace(entry.Secret[0]) || char.IsWhiteSpace(entry.Secret[^1])))
            {
                warnings.Add(SecretOutputText.CreateSecretWhitespace(alias));
            }

            // Stryker disable once Conditional: the entry itself or an equal copy of it; only the allocation differs.
            var trimmed = ReferenceEquals(alias, entry.Alias) ? entry : new SecretInputEntry(alias, entry.Secret, entry.Line);
            if (positions.TryGetValue(alias, out var index))
            {
                warnings.Add(SecretOutputText.CreateRepeatedAlias(source, alias, merged[index].Line, entry.Line));
                merged[index] = new SecretInputEntry(alias, entry.Secret, merged[index].Line);
                continue;
            }

            if (!IsPlainTomlKey(alias) && warnedAliases.Add(alias))
            {
                warnings.Add(SecretOutputText.CreateAliasNeedsQuotes(alias));
            }

            positions[alias] = merged.Count;
            merged.Add(trimmed);
        }

        return new SecretBatch(merged, warnings);
    }

    /// <summary>
    /// Encrypts every secret (in parallel, keeping order) after checking every length, so an over-long secret fails
    /// before anything is encrypted. The UTF-8 buffers are zeroed. Each finished secret is reported to <paramref name="progress"/>.
    /// </summary>
    public IReadOnlyList<EncryptedSecret> Encrypt(SecretEncryptor encryptor, IProgress<WorkProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(encryptor);
        var secrets = Entries.Select(e => (e.Alias, Secret: Encoding.UTF8.GetBytes(e.Secret))).ToList();
        try
        {
            var ciphertexts = encryptor.EncryptAll(secrets, progress: progress);
            return [.. Entries.Select((e, i) => new EncryptedSecret(e.Alias, ciphertexts[i]))];
        }
        finally
        {
            foreach (var (_, secret) in secrets)
            {
                CryptographicOperations.ZeroMemory(secret);
            }
        }
    }

    /// <summary>
    /// Like <see cref="Encrypt"/>, but streamed: every length is checked first, then each batch of secrets is encrypted
    /// (in parallel, keeping order) and each ciphertext handed to <paramref name="write"/> (alias, UTF-8 of the base64
    /// text) without a string made of it; the bytes are valid only during the call, as the buffer is reused.
    /// </summary>
    /// <exception cref="CipherException">A secret is over the limit of the key and padding.</exception>
    public void EncryptInBatches(SecretEncryptor encryptor, Action<string, ReadOnlySpan<byte>> write, IProgress<WorkProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(encryptor);
        ArgumentNullException.ThrowIfNull(write);
        CheckLengths(encryptor);
        encryptor.EncryptInBatches(Entries, e => e.Alias, e => e.Secret, progress, (e, ciphertext) => write(e.Alias, ciphertext));
    }

    /// <summary>Throws the <see cref="CipherException"/> of the first secret over the limit of <paramref name="encryptor"/>.</summary>
    internal void CheckLengths(SecretEncryptor encryptor)
    {
        foreach (var entry in Entries)
        {
            encryptor.CheckLength(Encoding.UTF8.GetByteCount(entry.Secret), entry.Alias);
        }
    }

    private static void Check(SecretInputEntry entry, string alias, SecretOutputFormat format, string source)
    {
        if (alias.Length == 0)
        {
            throw new SecretInputException(SecretInputErrorKind.EmptyAlias, SecretOutputText.CreateEmptyAliasAt(source, entry.Line), source, entry.Line);
        }

        if (alias.AsSpan().ContainsAny(UnusableAliasChars))
        {
            throw new SecretInputException(
                SecretInputErrorKind.UnusableAlias, SecretOutputText.CreateUnusableAlias(source, entry.Line, Messages.Printable(alias)), source, entry.Line, alias);
        }

        if (entry.Secret.Length == 0)
        {
            throw new SecretInputException(SecretInputErrorKind.EmptySecret, SecretOutputText.CreateEmptySecretAt(source, entry.Line, alias), source, entry.Line, alias);
        }

        if (format == SecretOutputFormat.Kubernetes && !KubernetesNames.IsSecretKey(alias))
        {
            throw new SecretInputException(
                SecretInputErrorKind.InvalidKubernetesKey, SecretOutputText.CreateInvalidKubernetesKey(source, entry.Line, alias), source, entry.Line, alias, SecretOutputText.CreateInvalidKubernetesKeyHint);
        }
    }

    private static bool IsPlainTomlKey(string alias) => !alias.AsSpan().ContainsAnyExcept(PlainTomlKeyChars);
}
