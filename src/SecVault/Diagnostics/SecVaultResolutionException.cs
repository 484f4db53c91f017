namespace SecVault.Diagnostics;

/// <summary>Resolution failed; <see cref="Problems"/> lists every problem found, by file and position.</summary>
public sealed class SecVaultResolutionException : SecVaultException
{
    /// <summary>Creates the exception from the problems found (at least one error).</summary>
    public SecVaultResolutionException(IReadOnlyList<Problem> problems, string? hint = null)
        : base(Summary(problems), hint)
    {
        ArgumentNullException.ThrowIfNull(problems);
        Problems = problems;
    }

    /// <summary>Every problem found, errors and warnings, in document order.</summary>
    public IReadOnlyList<Problem> Problems { get; }

    private static string Summary(IReadOnlyList<Problem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var errors = problems.Where(p => p.Severity == ProblemSeverity.Error).ToList();
        return DiagnosticsText.ResolutionFailed(errors.Count, errors.Count == 0 ? null : errors[0].ToString());
    }
}
