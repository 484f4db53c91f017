namespace SecVault.Home;

/// <summary>The Java system properties <c>$sys{}</c> can see: built-ins of the MI launcher, then user overrides.</summary>
public static class SystemProperties
{
    /// <summary>
    /// The built-in properties for <paramref name="home"/> (<c>carbon.home</c>, <c>carbon.config.dir.path</c>,
    /// <c>user.home</c>, <c>user.dir</c>, <c>user.name</c>, <c>os.name</c>, <c>java.io.tmpdir</c>) overlaid with
    /// <paramref name="overrides"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> For(MiHome home, IReadOnlyDictionary<string, string>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(home);
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["carbon.home"] = home.Path,
            ["carbon.config.dir.path"] = Path.Combine(home.Path, "conf"),
            ["user.home"] = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
            ["user.dir"] = Environment.CurrentDirectory,
            ["user.name"] = Environment.UserName,
            ["os.name"] = OperatingSystem.IsWindows() ? "Windows" : OperatingSystem.IsMacOS() ? "Mac OS X" : "Linux",
            ["java.io.tmpdir"] = Path.GetTempPath(),
        };
        foreach (var (name, value) in overrides ?? new Dictionary<string, string>())
        {
            properties[name] = value;
        }

        return properties;
    }
}
