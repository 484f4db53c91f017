using SecVault.Home;
using SecVault.SecretOutput;

namespace SecVault.Synapse;

/// <summary>
/// The encrypted FILE secrets of an MI home's Synapse artifacts, for <c>mi secret rotate</c>: the files named by
/// <c>wso2:vault-lookup('name', 'FILE', 'true')</c> (flag in any case) in <see cref="SynapseArtifact.InHome"/>, below the
/// root <c>ei.secret.file.root.dir</c> (default: the MI home), as MI resolves them.
/// </summary>
public static class SynapseFileSecrets
{
    /// <summary>
    /// Scans the artifacts of <paramref name="home"/>; <paramref name="systemProperties"/> may set the FILE root. A file
    /// outside the root, or reached through a link leading out of it, stops the scan: it is never read or written.
    /// </summary>
    /// <exception cref="SecretInputException">An artifact cannot be read, or a lookup's file lies outside its root.</exception>
    public static SynapseFileSecretScan Find(MiHome home, IReadOnlyDictionary<string, string> systemProperties)
    {
        ArgumentNullException.ThrowIfNull(home);
        ArgumentNullException.ThrowIfNull(systemProperties);
        var root = systemProperties.TryGetValue(SynapseResolver.FileRootProperty, out var configured) && configured.Length > 0 ? configured : home.Path;
        if (!Path.EndsInDirectorySeparator(root))
        {
            root += Path.DirectorySeparatorChar;
        }

        var files = new List<string>();
        int plain = 0, docker = 0;
        List<string> artifacts;
        try
        {
            artifacts = [.. SynapseArtifact.InHome(home)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SecretInputException(SecretInputErrorKind.Unreadable, SynapseText.SynapseArtifactsUnreadable(home.Path, e.Message), home.Path, innerException: e);
        }

        foreach (var artifact in artifacts)
        {
            string text;
            try
            {
                text = SynapseArtifact.ReadText(artifact);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new SecretInputException(SecretInputErrorKind.Unreadable, SecretOutputText.CreateFileUnreadable(artifact, e.Message), artifact, innerException: e);
            }

            foreach (var lookup in VaultLookupParser.Find(text, artifact))
            {
                if (!lookup.IsWso2)
                {
                    // Another prefix (hashicorp:) is not MI's vault: MI and the resolver leave it alone, and so does rotate.
                    continue;
                }

                if (lookup.LookupType == VaultLookupType.Docker)
                {
                    docker++;
                }
                else if (lookup.LookupType == VaultLookupType.File && !lookup.IsEncrypted)
                {
                    plain++;
                }
                else if (lookup.LookupType == VaultLookupType.File)
                {
                    // The name is appended to the root as text, as MI does; the file must stay below the root.
                    var path = root + lookup.Name;
                    LookupRoot.Placement placement;
                    string resolved;
                    try
                    {
                        placement = LookupRoot.Locate(root, path, out resolved);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        // A link under the root that another account owns, or a folder that cannot be read.
                        throw new SecretInputException(
                            SecretInputErrorKind.Unreadable, SynapseText.SynapseRotateFileUnsafe(artifact, lookup.Line, path, e.Message), artifact, lookup.Line, lookup.Name, innerException: e);
                    }

                    if (placement != LookupRoot.Placement.Inside)
                    {
                        throw new SecretInputException(
                            SecretInputErrorKind.Unreadable, SynapseText.SynapseRotateFileOutsideRoot(artifact, lookup.Line, path, root), artifact, lookup.Line, lookup.Name);
                    }

                    if (!files.Contains(resolved, StringComparer.Ordinal))
                    {
                        files.Add(resolved);
                    }
                }
            }
        }

        return new SynapseFileSecretScan(files, plain, docker);
    }
}

/// <summary>What <see cref="SynapseFileSecrets.Find"/> found: the encrypted FILE secrets (resolved paths, each once) and how many plain FILE and DOCKER lookups it left alone.</summary>
public sealed record SynapseFileSecretScan(IReadOnlyList<string> EncryptedFiles, int PlainFileLookups, int DockerLookups);
