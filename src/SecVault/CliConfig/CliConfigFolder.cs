using SecVault.Hosting;
using SecVault.IO;

namespace SecVault.CliConfig;

/// <summary>The folder where <c>mi secret init</c> keeps <c>keystore_info.yaml</c> (mi-secret.md, CLI config folder).</summary>
public static class CliConfigFolder
{
    /// <summary>The configuration file's name.</summary>
    internal const string FileName = "keystore_info.yaml";

    /// <summary>
    /// <c>$MI_CLI_HOME</c> when set and non-empty, otherwise <c>&lt;home&gt;/.wso2mi/security</c>, where home is
    /// <c>HOME</c>, else <c>USERPROFILE</c>, else the user profile folder.
    /// </summary>
    internal static string Locate(IEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var configured = environment.GetVariable("MI_CLI_HOME");
        return !string.IsNullOrEmpty(configured)
            ? Path.GetFullPath(configured)
            : Path.Combine(UserHome(environment), ".wso2mi", "security");
    }

    /// <summary>Upstream's <c>&lt;home&gt;/.wso2mi/keystore/keystore_info.yaml</c> (never read) when it exists, else null.</summary>
    internal static string? FindUpstreamFile(IEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var path = Path.Combine(UserHome(environment), ".wso2mi", "keystore", FileName);
        return File.Exists(path) ? path : null;
    }

    /// <summary>The user's home folder: <c>HOME</c>, else <c>USERPROFILE</c>, else the platform's profile folder.</summary>
    public static string UserHome(IEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var home = environment.GetVariable("HOME");
        if (string.IsNullOrEmpty(home))
        {
            home = environment.GetVariable("USERPROFILE");
        }

        return Path.GetFullPath(string.IsNullOrEmpty(home) ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) : home);
    }

    /// <summary>True when the folder grants any permission to its group or to others (always false on Windows).</summary>
    internal static bool IsOpenToOthers(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (OperatingSystem.IsWindows() || !Directory.Exists(folder))
        {
            return false;
        }

        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(folder) & others) != 0;
    }

    /// <summary>
    /// Throws <see cref="CliConfigException"/> (<see cref="CliConfigErrorKind.Untrusted"/>) unless the existing
    /// <paramref name="file"/> and the folder holding it, both after symbolic links, are owned by the caller or root and
    /// writable by neither group nor others, as ssh requires of <c>~/.ssh</c>: anyone else who can write them chooses the
    /// certificate <c>mi secret create</c> encrypts with. Links are resolved under the file-system rule of
    /// <see cref="SafePath"/>, so a link that rule refuses makes the file untrusted too. Does nothing on Windows, whose
    /// files carry ACLs instead.
    /// </summary>
    internal static void RequireTrusted(string file)
    {
        ArgumentException.ThrowIfNullOrEmpty(file);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            var target = SafePath.Resolve(file);
            var folder = Path.GetDirectoryName(target) ?? "/";
            RequireTrusted(file, target, null);
            RequireTrusted(file, folder, folder);
        }
        catch (UnsafeFileException ex)
        {
            throw new CliConfigException(CliConfigErrorKind.Untrusted, ex.Message, file, hint: CliConfigText.CliConfigRunInitHint, innerException: ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliConfigException(CliConfigErrorKind.Unreadable, CliConfigText.CliConfigUnreadable(file, ex.Message), file, hint: CliConfigText.CliConfigRunInitHint, innerException: ex);
        }
    }

    /// <summary>Checks one of the two: <paramref name="path"/> (resolved) is the file's final target, or its folder when <paramref name="folder"/> is set.</summary>
    private static void RequireTrusted(string file, string path, string? folder)
    {
        var status = SafePath.StatusOf(path) ?? throw new FileNotFoundException(IOText.FileMissing(path), path);
        var caller = Posix.EffectiveUserId;
        if (status.UserId != caller && status.UserId != 0)
        {
            throw new CliConfigException(
                CliConfigErrorKind.Untrusted,
                CliConfigText.CliConfigForeignOwner(file, folder, status.UserId, caller),
                file,
                hint: CliConfigText.CliConfigForeignOwnerHint(path, caller, folder is not null));
        }

        const uint writableByOthers = 0x10 | 0x2;
        if ((status.Permissions & writableByOthers) != 0)
        {
            throw new CliConfigException(
                CliConfigErrorKind.Untrusted,
                CliConfigText.CliConfigWritableByOthers(file, folder),
                file,
                hint: CliConfigText.CliConfigWritableByOthersHint(path));
        }
    }
}
