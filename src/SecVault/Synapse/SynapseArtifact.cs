using System.Text;
using SecVault.Diagnostics;
using SecVault.Home;
using SecVault.IO;

namespace SecVault.Synapse;

/// <summary>Reads Synapse and data-service artifacts: regular files only, under the file-system rule, size-capped.</summary>
public static class SynapseArtifact
{
    private static readonly string[] Extensions = [".xml", ".dbs"];

    /// <summary>The largest artifact read (real ones are kilobytes; the biggest seen are a few megabytes).</summary>
    internal const long MaxFileBytes = 64L * 1024 * 1024;

    /// <summary>The text of the artifact at <paramref name="path"/> (UTF-8, a byte-order mark skipped).</summary>
    /// <exception cref="IOException">Missing, unsafe, not a regular file, too large or unreadable.</exception>
    internal static string ReadText(string path) => SecureFile.ReadAllText(path, MaxFileBytes, Encoding.UTF8);

    /// <summary>
    /// The text of the artifact at <paramref name="path"/>, or null with the one problem that reports why it cannot be
    /// read (<paramref name="displayPath"/> names it); how both <c>verify</c> and <c>resolve</c> read artifacts.
    /// </summary>
    public static string? TryReadText(string path, string displayPath, out Problem? problem)
    {
        try
        {
            problem = null;
            return ReadText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = new Problem(ProblemSeverity.Error, displayPath, 0, 0, "artifact", DiagnosticsText.VerifyUnreadable(ex.Message));
            return null;
        }
    }

    /// <summary>
    /// The folders of an MI home whose artifacts <c>verify</c> and <c>resolve</c> read when no paths are given: what MI
    /// deploys from (Synapse configurations, data services, CApps' exploded folders).
    /// </summary>
    internal static IReadOnlyList<string> DefaultFolders { get; } =
    [
        Path.Combine("repository", "deployment", "server", "synapse-configs"),
        Path.Combine("repository", "deployment", "server", "dataservices"),
        Path.Combine("repository", "deployment", "server", "carbonapps"),
    ];

    /// <summary>Every artifact in the <see cref="DefaultFolders"/> of <paramref name="home"/> that exist.</summary>
    public static IReadOnlyList<string> InHome(MiHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        return Expand(DefaultFolders.Select(f => Path.Combine(home.Path, f)).Where(Directory.Exists));
    }

    /// <summary>
    /// Files as given, and every artifact below each folder (sorted ordinally): <c>.xml</c> (every Synapse artifact type
    /// and a CApp's exploded files) and <c>.dbs</c> (data services), in any case.
    /// </summary>
    internal static IReadOnlyList<string> Expand(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal));
            }
            else
            {
                files.Add(path);
            }
        }

        return files;
    }
}
