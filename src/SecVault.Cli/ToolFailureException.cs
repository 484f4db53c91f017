namespace SecVault.Cli;

/// <summary>A failure mi itself finds (a prompt that ran out of input or of tries, a hint of its own); exit 1.</summary>
internal sealed class ToolFailureException(string message, string? hint = null) : Exception(message)
{
    /// <summary>A suggested fix, or null.</summary>
    public string? Hint { get; } = hint;
}
