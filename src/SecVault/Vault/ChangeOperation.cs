using SecVault.Ciphers;
using SecVault.Home;
using SecVault.IO;
using SecVault.Toml;

namespace SecVault.Vault;

/// <summary>
/// <c>ciphertool -Dchange</c>: new values for chosen [secrets] aliases, encrypted directly and written in one atomic
/// rewrite of deployment.toml; secret-conf.properties is not touched.
/// </summary>
public sealed class ChangeOperation
{
    private readonly VaultTarget _target;
    private readonly byte[] _deploymentToml;

    private ChangeOperation(VaultTarget target, byte[] deploymentToml, IReadOnlyList<string> aliases)
    {
        _target = target;
        _deploymentToml = deploymentToml;
        ChangedAliases = aliases;
    }

    /// <summary>The aliases given new values, in document order.</summary>
    public IReadOnlyList<string> ChangedAliases { get; }

    /// <summary>The report line, e.g. <c>changed 2 secrets (a, b)</c>.</summary>
    public string Summary => VaultText.ChangeSummary(ChangedAliases);

    internal byte[] NewDeploymentToml => _deploymentToml;

    /// <summary>
    /// The aliases of the target's [secrets] table that may be given a new value: strings that are not dynamic (not
    /// <c>$env{}</c>, <c>$sys{}</c> or another placeholder). The order is <see cref="VaultTarget.SecretAliases"/>.
    /// </summary>
    public static IReadOnlySet<string> ChangeableAliases(VaultTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Document.Secrets.Where(CanChange).Select(s => s.Alias).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>True when a [secrets] entry may be given a new value: a string that is not dynamic.</summary>
    internal static bool CanChange(SecretEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Class is SecretClass.Plain or SecretClass.Encrypted;
    }

    /// <summary>Encrypts the new values (the last one of a repeated alias wins) and renders deployment.toml; nothing is written.</summary>
    /// <exception cref="VaultException">An alias is not in [secrets], cannot be changed, or a value is empty.</exception>
    /// <exception cref="CipherException">A value is over the RSA limit.</exception>
    public static ChangeOperation Prepare(VaultTarget target, VaultKey key, Transformation transformation, IEnumerable<KeyValuePair<string, string>> newValues)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(transformation);
        ArgumentNullException.ThrowIfNull(newValues);

        var document = target.Document;
        var chosen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (alias, value) in newValues)
        {
            var entry = document.Secrets.FirstOrDefault(s => string.Equals(s.Alias, alias, StringComparison.Ordinal))
                ?? throw new VaultException(
                    VaultText.AliasNotInSecrets(document.DisplayPath, alias, document.Secrets.Select(s => s.Alias)),
                    path: target.DeploymentTomlPath,
                    kind: VaultErrorKind.UnknownAlias,
                    alias: alias);
            if (!CanChange(entry))
            {
                throw new VaultException(
                    VaultText.AliasCannotChange(alias, entry.Class == SecretClass.Dynamic),
                    path: target.DeploymentTomlPath,
                    kind: VaultErrorKind.UnknownAlias,
                    alias: alias,
                    line: entry.Line,
                    column: entry.Column);
            }

            if (string.IsNullOrEmpty(value))
            {
                throw new VaultException(VaultText.EmptyValueFor(alias), kind: VaultErrorKind.EmptyValue, alias: alias);
            }

            chosen[alias] = value;
        }

        var entries = document.Secrets.Where(s => chosen.ContainsKey(s.Alias)).ToList();
        var encryptor = key.CreateEncryptor(transformation);
        foreach (var entry in entries)
        {
            // Stryker disable once Statement: Encrypt checks each length again, in the same order; this only fails before any RSA work.
            encryptor.CheckLength(System.Text.Encoding.UTF8.GetByteCount(chosen[entry.Alias]), entry.Alias);
        }

        var replacements = entries
            .Select(e => new LiteralReplacement(e.LiteralSpan, encryptor.Encrypt(chosen[e.Alias], e.Alias), ReplacementStyle.KeepQuoting))
            .ToList();
        var content = replacements.Count > 0 ? document.Rewrite(replacements) : target.Snapshot.Content;
        return new ChangeOperation(target, content, [.. entries.Select(e => e.Alias)]);
    }

    /// <summary>Writes deployment.toml atomically, refused if it changed since it was read; does nothing when no alias was chosen.</summary>
    /// <exception cref="FileWriteException">The file changed since it was read, or cannot be written.</exception>
    /// <returns>Warnings about the file written (other hard links, an in-place rewrite).</returns>
    public IReadOnlyList<string> Commit() =>
        ChangedAliases.Count > 0 ? AtomicFile.Write(_target.DeploymentTomlPath, _deploymentToml, _target.Snapshot) : [];
}
