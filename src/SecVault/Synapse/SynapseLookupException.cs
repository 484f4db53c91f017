namespace SecVault.Synapse;

/// <summary>A vault lookup in a Synapse artifact could not be parsed; names the position, never a value.</summary>
public sealed class SynapseLookupException : SecVaultException
{
    internal SynapseLookupException(SynapseLookupProblem problem, string? path)
        : base(SynapseText.SynapsePositioned(path, problem.Line, problem.Column, problem.Message))
    {
        Kind = problem.Kind;
        Path = path;
        Line = problem.Line;
        Column = problem.Column;
    }

    /// <summary>What is wrong.</summary>
    public SynapseLookupErrorKind Kind { get; }

    /// <summary>The artifact file, when the caller named it.</summary>
    public string? Path { get; }

    /// <summary>1-based line of the lookup.</summary>
    public int Line { get; }

    /// <summary>1-based column of the lookup.</summary>
    public int Column { get; }
}
