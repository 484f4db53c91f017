namespace SecVault.Diagnostics;

/// <summary>How serious a problem is.</summary>
public enum ProblemSeverity
{
    /// <summary>Resolution cannot succeed.</summary>
    Error,

    /// <summary>Advisory: resolution succeeds but something is likely wrong.</summary>
    Warning,
}

/// <summary>
/// One problem found while resolving or checking an MI home: where it is, what it concerns (an alias, a variable,
/// a lookup) and what is wrong. Never holds a secret value.
/// </summary>
public sealed record Problem(ProblemSeverity Severity, string Path, int Line, int Column, string Subject, string Message)
{
    /// <summary>
    /// True when <see cref="Message"/> does not name <see cref="Subject"/> itself (an artifact's lookup), so
    /// <see cref="ToString"/> puts the subject before it.
    /// </summary>
    public bool SubjectNotInMessage { get; init; }

    /// <summary>The <c>path:line:column: message</c> form used on standard error (<c>path:line:column: subject: message</c> when <see cref="SubjectNotInMessage"/>).</summary>
    public override string ToString()
    {
        var text = SubjectNotInMessage ? $"{Subject}: {Message}" : Message;
        return Line > 0 ? $"{Path}:{Line}:{Column}: {text}" : $"{Path}: {text}";
    }
}
