namespace SecVault.IO;

/// <summary>The messages of SecVault.IO: each takes strings and numbers only, never a secret value.</summary>
internal static partial class IOText
{
    internal static string FileChangedSinceRead(string path) =>
        $"{path} was changed by another process since it was read; nothing was written";

    internal const string FileChangedHint = "run the command again";

    internal static string FileGrewWhileRead(string path) =>
        $"{path} grew while it was read (another process is writing it); run the command again";

    internal const string FileShrankWhileCopying = "the new content shrank while it was copied";

    internal static string CannotWrite(string path, string reason) => $"cannot write {path}: {reason}";

    internal static string CannotLockFolder(string path, string reason) => $"cannot lock {path}: {reason}";

    internal static string FolderBusy(string path, long seconds) =>
        $"another process has been writing in {path} for {seconds} seconds; nothing was written";

    internal const string FolderBusyHint = "wait for the other ciphertool or mi command to finish, then run this one again";

    internal static string FileMissing(string path) => $"{path} does not exist";

    internal static string FolderMissing(string path) => $"folder {path} does not exist";

    internal static string AccessDenied(string path) => $"permission denied on {path}";

    internal static string CannotOpen(string path, string reason) => $"cannot open {path}: {reason}";

    internal static string NotRegularFile(string path, string kind) =>
        $"{path} is {kind}, not a regular file; SecVault reads only regular files";

    internal static string NotRegularTarget(string path, string kind) =>
        $"{path} is {kind}, not a regular file; it was not replaced";

    internal static string NotAFolder(string path, string kind) => $"{path} is {kind}, not a folder";

    internal static string UntrustedLink(string link, uint linkOwner, uint? targetOwner) =>
        $"refusing to follow the symbolic link {link}: it belongs to uid {linkOwner} and points to "
        + (targetOwner is { } owner ? $"a file of uid {owner}" : "nothing that exists");

    internal static string TooManyLinks(string path) => $"too many symbolic links at {path}";

    internal static string UnreadableLink(string path) => $"cannot read the symbolic link {path}";

    internal static string PathChangedWhileOpening(string path) =>
        $"{path} was replaced by a symbolic link or changed while being opened";

    internal static string FileTooLarge(string path, long size, long limit) =>
        $"{path} is too large ({size} bytes; SecVault reads at most {limit} bytes of it)";

    internal static string HardLinkedTarget(string path, uint others) =>
        $"{path} has {others} other hard link(s); they keep the old content, plaintext included";

    internal static string WrittenInPlace(string path) =>
        $"{path} cannot be replaced by rename (a mount point, e.g. a bind-mounted file); it was rewritten in place behind a backup";

    internal static string BackupLeftBehind(string path, string backup) =>
        $"an interrupted in-place write of {path} left {backup}; nothing was written";

    internal static string BackupLeftBehindHint(string backup) =>
        $"compare {backup} with the file, keep the right content, then delete {backup}";
}
