using System.Text;
using SecVault.Hosting;
using SecVault.IO;

namespace SecVault.CliConfig;

/// <summary>Reads and replaces <c>keystore_info.yaml</c> in one CLI config folder.</summary>
public sealed class CliConfigStore
{
    private const long MaxFileBytes = 1024 * 1024;

    private readonly string? _upstreamFile;

    /// <summary>A store in <paramref name="folder"/>; <paramref name="upstreamFile"/> is upstream's file, if found, for the not-initialised message.</summary>
    internal CliConfigStore(string folder, string? upstreamFile = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Folder = Path.GetFullPath(folder);
        _upstreamFile = upstreamFile;
    }

    /// <summary>The folder.</summary>
    public string Folder { get; }

    /// <summary>The path of <c>keystore_info.yaml</c>.</summary>
    public string FilePath => Path.Combine(Folder, CliConfigFolder.FileName);

    /// <summary>The store in the folder <see cref="CliConfigFolder.Locate"/> names.</summary>
    public static CliConfigStore ForEnvironment(IEnvironment environment) =>
        new(CliConfigFolder.Locate(environment), CliConfigFolder.FindUpstreamFile(environment));

    /// <summary>
    /// Reads and checks the configuration; a missing file is <see cref="CliConfigErrorKind.NotInitialized"/>, one that
    /// others could have written (see <see cref="CliConfigFolder"/>) is <see cref="CliConfigErrorKind.Untrusted"/>.
    /// </summary>
    public KeystoreInfo Load()
    {
        string text;
        try
        {
            if (File.Exists(FilePath))
            {
                CliConfigFolder.RequireTrusted(FilePath);
            }

            text = SecureFile.ReadAllText(FilePath, MaxFileBytes, new UTF8Encoding(false, throwOnInvalidBytes: true));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            var message = _upstreamFile is null
                ? CliConfigText.CliConfigNotInitialized(FilePath)
                : CliConfigText.CliConfigNotInitializedUpstreamFound(FilePath, _upstreamFile);
            var hint = _upstreamFile is null ? CliConfigText.CliConfigRunInitHint : CliConfigText.CliConfigUpstreamFileHint(_upstreamFile);
            throw new CliConfigException(CliConfigErrorKind.NotInitialized, message, FilePath, hint: hint, innerException: ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            throw new CliConfigException(CliConfigErrorKind.Unreadable, CliConfigText.CliConfigUnreadable(FilePath, ex.Message), FilePath, hint: CliConfigText.CliConfigRunInitHint, innerException: ex);
        }

        return KeystoreInfo.Parse(text, FilePath);
    }

    /// <summary>
    /// Replaces the file atomically with mode 0600, creating the folder with mode 0700; returns true when an
    /// existing folder grants access to others (the caller warns). A failure leaves the old file.
    /// </summary>
    public bool Save(KeystoreInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var existed = Directory.Exists(Folder);
        AtomicFile.CreateFolder(Folder);
        AtomicFile.Write(FilePath, info.ToYaml(), privateFile: true);
        return existed && CliConfigFolder.IsOpenToOthers(Folder);
    }
}
