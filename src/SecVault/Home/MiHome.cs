using SecVault.Hosting;

namespace SecVault.Home;

/// <summary>A Micro Integrator installation folder and the source that named it.</summary>
public sealed class MiHome
{
    private MiHome(string path, MiHomeSource source)
    {
        Path = path;
        Source = source;
    }

    /// <summary>Absolute path of the MI home.</summary>
    public string Path { get; }

    /// <summary>Where the path came from.</summary>
    public MiHomeSource Source { get; }

    /// <summary>Default path of <c>deployment.toml</c>.</summary>
    public string DeploymentTomlPath => System.IO.Path.Combine(Path, "conf", "deployment.toml");

    /// <summary>Path of <c>conf/security/secret-conf.properties</c>.</summary>
    public string SecretConfPath => System.IO.Path.Combine(Path, "conf", "security", "secret-conf.properties");

    /// <summary>A human description of the source, for the "using MI home" report.</summary>
    public string SourceDescription => Describe(Source);

    /// <summary>
    /// Finds the MI home: the option, then <c>CARBON_HOME</c>, then <c>MI_HOME</c>, then the current folder if it
    /// holds <c>conf/deployment.toml</c>, then the parent of a current folder named <c>bin</c>. An explicit source
    /// that is not an existing folder is an error; there is no fall-through past it.
    /// </summary>
    public static MiHome Discover(string? option, IEnvironment environment, string currentFolder)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentException.ThrowIfNullOrEmpty(currentFolder);

        if (!string.IsNullOrEmpty(option))
        {
            return Existing(option, MiHomeSource.Option, currentFolder);
        }

        var carbonHome = environment.GetVariable("CARBON_HOME");
        if (!string.IsNullOrEmpty(carbonHome))
        {
            return Existing(carbonHome, MiHomeSource.CarbonHomeVariable, currentFolder);
        }

        var miHome = environment.GetVariable("MI_HOME");
        if (!string.IsNullOrEmpty(miHome))
        {
            return Existing(miHome, MiHomeSource.MiHomeVariable, currentFolder);
        }

        var current = System.IO.Path.GetFullPath(currentFolder);
        if (HasDeploymentToml(current))
        {
            return new MiHome(current, MiHomeSource.CurrentFolder);
        }

        var trimmed = System.IO.Path.TrimEndingDirectorySeparator(current);
        var parent = System.IO.Path.GetDirectoryName(trimmed);
        if (parent is not null && System.IO.Path.GetFileName(trimmed) == "bin" && HasDeploymentToml(parent))
        {
            return new MiHome(parent, MiHomeSource.ParentOfBinFolder);
        }

        throw new MiHomeException(HomeText.MiHomeNotFound, HomeText.MiHomeNotFoundHint);
    }

    /// <summary>Uses <paramref name="path"/> as the MI home, which must be an existing folder.</summary>
    public static MiHome FromPath(string path, MiHomeSource source, string currentFolder) => Existing(path, source, currentFolder);

    private static MiHome Existing(string path, MiHomeSource source, string currentFolder)
    {
        var full = System.IO.Path.GetFullPath(path, System.IO.Path.GetFullPath(currentFolder));
        if (!Directory.Exists(full))
        {
            throw new MiHomeException(HomeText.MiHomeMissing(Describe(source), full), path: full);
        }

        return new MiHome(System.IO.Path.TrimEndingDirectorySeparator(full), source);
    }

    private static bool HasDeploymentToml(string folder) =>
        File.Exists(System.IO.Path.Combine(folder, "conf", "deployment.toml"));

    /// <summary>
    /// How messages name a file: relative to the MI home with <c>/</c> on every platform when it lies inside it
    /// (<c>conf/deployment.toml</c>), else the path as given. The one display rule of every namespace.
    /// </summary>
    internal string DisplayPathOf(string path)
    {
        var relative = System.IO.Path.GetRelativePath(Path, System.IO.Path.GetFullPath(path));
        return relative.StartsWith("..", StringComparison.Ordinal) || System.IO.Path.IsPathRooted(relative) ? path : relative.Replace('\\', '/');
    }

    private static string Describe(MiHomeSource source) => source switch
    {
        MiHomeSource.Option => HomeText.SourceOption,
        MiHomeSource.CarbonHomeVariable => HomeText.SourceCarbonHomeVariable,
        MiHomeSource.MiHomeVariable => HomeText.SourceMiHomeVariable,
        MiHomeSource.CurrentFolder => HomeText.SourceCurrentFolder,
        MiHomeSource.ParentOfBinFolder => HomeText.SourceParentOfBinFolder,
        _ => source.ToString(),
    };
}
