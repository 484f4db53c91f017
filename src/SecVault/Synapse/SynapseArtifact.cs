using System.Text;
using SecVault.IO;

namespace SecVault.Synapse;

/// <summary>Reads Synapse and data-service artifacts: regular files only, under the file-system rule, size-capped.</summary>
public static class SynapseArtifact
{
    /// <summary>The largest artifact read (real ones are kilobytes; the biggest seen are a few megabytes).</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    /// <summary>The text of the artifact at <paramref name="path"/> (UTF-8, a byte-order mark skipped).</summary>
    /// <exception cref="IOException">Missing, unsafe, not a regular file, too large or unreadable.</exception>
    public static string ReadText(string path) => SecureFile.ReadAllText(path, MaxFileBytes, new UTF8Encoding(false));
}
