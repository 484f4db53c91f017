namespace SecVault;

/// <summary>
/// Every user-facing message of SecVault. The class is split into one file per concern
/// (Messages.Keystores.cs, Messages.Ciphers.cs, ...); no message may take a secret value,
/// a password or a plaintext as an argument.
/// </summary>
internal static partial class Messages
{
    internal static string Quote(string name) => $"'{name}'";

    internal static string FileChangedSinceRead(string path) =>
        $"{path} was changed by another process since it was read; nothing was written";

    internal const string FileChangedHint = "run the command again";

    internal static string CannotWrite(string path, string reason) => $"cannot write {path}: {reason}";

    internal static string NotAFile(string path) => $"{path} is not a regular file";

    internal static string CannotLockFolder(string path, string reason) => $"cannot lock {path}: {reason}";

    internal static string FolderBusy(string path, TimeSpan waited) =>
        $"another process has been writing in {path} for {waited.TotalSeconds:0} seconds; nothing was written";

    internal const string FolderBusyHint = "wait for the other ciphertool or mi command to finish, then run this one again";

    internal static string Unexpected(string type) => $"unexpected failure ({type}); nothing more is known";

    /// <summary>The last-resort line: the exception's type name only, since an unknown exception's message may hold data.</summary>
    internal static string ToolUnexpected(string tool, string exceptionType) => $"{tool}: error: {Unexpected(exceptionType)}";
}
