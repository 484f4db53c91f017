namespace SecVault.Exec;

/// <summary>Why a secret cannot become an environment variable.</summary>
public enum SecretVariableErrorKind
{
    /// <summary>Two or more aliases map to one variable name.</summary>
    NameCollision,

    /// <summary>The environment already defines the variable (and overriding was not asked).</summary>
    AlreadyDefined,

    /// <summary>The name is on the <see cref="ExportDenylist"/>; <c>--override</c> does not change that.</summary>
    Denied,

    /// <summary>The name is not a portable variable name (it starts with a digit).</summary>
    InvalidName,

    /// <summary>The decrypted secret holds a NUL character, which no environment variable can carry.</summary>
    HoldsNul,
}

/// <summary>One conflict: the variable and the aliases involved (never a value).</summary>
public sealed record SecretVariableConflict(SecretVariableErrorKind Kind, string VariableName, IReadOnlyList<string> Aliases)
{
    /// <summary>The user-facing description.</summary>
    public override string ToString() => Kind switch
    {
        SecretVariableErrorKind.NameCollision => ExecText.ExecNameCollision(VariableName, Aliases),
        SecretVariableErrorKind.AlreadyDefined => ExecText.ExecAlreadyDefined(VariableName, Aliases[0]),
        SecretVariableErrorKind.Denied => ExecText.ExecDenied(VariableName, Aliases[0], ExportDenylist.Find(VariableName)!.Reason),
        SecretVariableErrorKind.InvalidName => ExecText.ExecInvalidName(VariableName, Aliases[0]),
        _ => ExecText.ExecHoldsNul(Aliases[0]),
    };
}

/// <summary>Secrets cannot be passed as environment variables: <see cref="Conflicts"/> lists every conflict.</summary>
public sealed class SecretVariableException : SecVaultException
{
    /// <summary>Creates the exception from at least one conflict.</summary>
    internal SecretVariableException(IReadOnlyList<SecretVariableConflict> conflicts)
        : base(ExecText.ExecConflicts(conflicts[0].ToString(), conflicts.Count), HintFor(conflicts))
    {
        Conflicts = conflicts;
    }

    /// <summary>Every conflict, in alias order.</summary>
    public IReadOnlyList<SecretVariableConflict> Conflicts { get; }

    private static string HintFor(IReadOnlyList<SecretVariableConflict> conflicts) =>
        conflicts.Any(c => c.Kind is SecretVariableErrorKind.Denied or SecretVariableErrorKind.InvalidName) ? ExecText.ExecRefusedHint
        : conflicts.Any(c => c.Kind == SecretVariableErrorKind.HoldsNul) ? ExecText.ExecHoldsNulHint
        : conflicts.Any(c => c.Kind == SecretVariableErrorKind.AlreadyDefined) ? ExecText.ExecAlreadyDefinedHint
        : ExecText.ExecCollisionHint;
}
