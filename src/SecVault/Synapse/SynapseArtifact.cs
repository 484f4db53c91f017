using System.Text;
using SecVault.Diagnostics;
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
}
