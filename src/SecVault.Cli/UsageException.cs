namespace SecVault.Cli;

/// <summary>A usage error found after parsing (a missing value without a terminal, conflicting options); exit 2.</summary>
internal sealed class UsageException : Exception
{
    /// <summary>Creates the error; <paramref name="hint"/> defaults to the command's help hint.</summary>
    public UsageException(string message, string? hint = null)
        : base(message)
    {
        Hint = hint;
    }

    /// <summary>A suggested fix, or null for the command's help hint.</summary>
    public string? Hint { get; }
}
