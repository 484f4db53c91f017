namespace SecVault.Resolution;

/// <summary>
/// Where <c>$secret{alias}</c> and Synapse <c>REG</c> lookups take their decrypted values from (upstream's secret
/// repository). The built-in one is <see cref="DeploymentTomlSecretRepository"/>.
/// </summary>
public interface ISecretRepository
{
    /// <summary>Every alias the repository holds, in its own order.</summary>
    IReadOnlyList<string> Aliases { get; }

    /// <summary>The decrypted secret for <paramref name="secretAlias"/>, or why there is none.</summary>
    SecretLookup Lookup(string secretAlias);

    /// <summary>Looks up many aliases; results are in input order. Implementations may work in parallel.</summary>
    IReadOnlyList<SecretLookup> LookupMany(IReadOnlyList<string> aliases)
    {
        ArgumentNullException.ThrowIfNull(aliases);
        return [.. aliases.Select(Lookup)];
    }
}
