namespace SecVault.IO;

/// <summary>A configuration or secret file could not be written safely; the target is left as it was.</summary>
public sealed class FileWriteException : SecVaultException
{
    internal FileWriteException(string path, string message, string? hint = null, Exception? innerException = null)
        : base(message, hint, innerException)
    {
        Path = path;
    }

    /// <summary>The file that was to be written.</summary>
    public string Path { get; }
}
