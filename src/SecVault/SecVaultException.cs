namespace SecVault;

/// <summary>Base of every domain failure SecVault reports; its message never holds a secret value.</summary>
public abstract class SecVaultException : Exception
{
    /// <summary>Creates the exception with a user-facing message, an optional fix and an optional cause.</summary>
    protected SecVaultException(string message, string? hint = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Hint = hint;
    }

    /// <summary>A suggested fix for the user, or null when none is known.</summary>
    public string? Hint { get; }
}
