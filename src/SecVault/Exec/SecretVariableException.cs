namespace SecVault.Exec;

/// <summary>Why a secret cannot become an environment variable.</summary>
internal enum SecretVariableError
{
    /// <summary>Two or more aliases map to one variable name.</summary>
    NameCollision,

    /// <summary>The environment already defines the variable (and overriding was not asked).</summary>
    AlreadyDefined,
}

/// <summary>One naming conflict: the variable and the aliases involved (never a value).</summary>
internal sealed record SecretVariableConflict(SecretVariableError Error, string VariableName, IReadOnlyList<string> Aliases)
{
    /// <summary>The user-facing description.</summary>
    public override string ToString() => Error == SecretVariableError.NameCollision
        ? ExecText.ExecNameCollision(VariableName, Aliases)
        : ExecText.ExecAlreadyDefined(VariableName, Aliases[0]);
}

/// <summary>Secrets cannot be passed as environment variables: <see cref="Conflicts"/> lists every conflict.</summary>
internal sealed class SecretVariableException : SecVaultException
{
    /// <summary>Creates the exception from at least one conflict.</summary>
    public SecretVariableException(IReadOnlyList<SecretVariableConflict> conflicts)
        : base(ExecText.ExecConflicts(conflicts), ExecText.ExecConflictsHint(conflicts))
    {
        Conflicts = conflicts;
    }

    /// <summary>Every conflict, in alias order.</summary>
    public IReadOnlyList<SecretVariableConflict> Conflicts { get; }
}
