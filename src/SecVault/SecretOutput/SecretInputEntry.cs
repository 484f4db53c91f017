namespace SecVault.SecretOutput;

/// <summary>One alias and secret read for <c>mi secret create</c>, with the line it came from (0 for the terminal).</summary>
public sealed class SecretInputEntry
{
    /// <summary>Creates an entry; the alias is kept as given (trimming happens in <see cref="SecretBatch.Prepare"/>).</summary>
    public SecretInputEntry(string alias, string secret, int line)
    {
        ArgumentNullException.ThrowIfNull(alias);
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentOutOfRangeException.ThrowIfNegative(line);
        Alias = alias;
        Secret = secret;
        Line = line;
    }

    /// <summary>The alias.</summary>
    public string Alias { get; }

    /// <summary>The secret, verbatim.</summary>
    public string Secret { get; }

    /// <summary>The 1-based line of the alias, or 0.</summary>
    public int Line { get; }

    /// <summary>The alias only: an entry never prints its secret.</summary>
    public override string ToString() => Alias;
}
