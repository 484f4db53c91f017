using System.Reflection;

namespace SecVault.Hosting;

/// <summary>The version line both executables print for <c>--version</c>.</summary>
public static class ToolVersion
{
    /// <summary><paramref name="assembly"/>'s informational version (the build's version, with its source revision when known).</summary>
    public static string Of(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";
    }
}
