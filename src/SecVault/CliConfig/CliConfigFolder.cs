using SecVault.Hosting;

namespace SecVault.CliConfig;

/// <summary>The folder where <c>mi secret init</c> keeps <c>keystore_info.yaml</c> (mi-secret.md, CLI config folder).</summary>
public static class CliConfigFolder
{
    /// <summary>The configuration file's name.</summary>
    public const string FileName = "keystore_info.yaml";

    /// <summary>
    /// <c>$MI_CLI_HOME</c> when set and non-empty, otherwise <c>&lt;home&gt;/.wso2mi/security</c>, where home is
    /// <c>HOME</c>, else <c>USERPROFILE</c>, else the user profile folder.
    /// </summary>
    public static string Locate(IEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var configured = environment.GetVariable("MI_CLI_HOME");
        return !string.IsNullOrEmpty(configured)
            ? Path.GetFullPath(configured)
            : Path.Combine(UserHome(environment), ".wso2mi", "security");
    }

    /// <summary>Upstream's <c>&lt;home&gt;/.wso2mi/keystore/keystore_info.yaml</c> (never read) when it exists, else null.</summary>
    public static string? FindUpstreamFile(IEnvironment environment)
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
    public static bool IsOpenToOthers(string folder)
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
}
