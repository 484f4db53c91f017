namespace SecVault.Testing;

/// <summary>Locations inside the repository, found from the test assembly's folder.</summary>
public static class Repo
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The repository root (the folder holding SecVault.slnx).</summary>
    public static string Root => RootPath.Value;

    /// <summary>The interop vectors folder.</summary>
    public static string Vectors => Path.Combine(Root, "tests", "vectors");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SecVault.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("SecVault.slnx not found above the test folder");
    }
}
