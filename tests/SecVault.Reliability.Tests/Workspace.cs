using System.Text;
using SecVault.Testing;

namespace SecVault.Reliability.Tests;

/// <summary>
/// A throw-away setting for one hostile-input case: an MI home (<c>home/</c>) whose keystore is the Unicode-password
/// vector, an initialised CLI config folder (<c>cli/</c>) and a working folder (<c>work/</c>). Snapshots every file so
/// a case can prove that nothing changed.
/// </summary>
public sealed class Workspace : IDisposable
{
    /// <summary>The store password of the home's keystore.</summary>
    public const string Password = "pässwörd-密码-🔑";

    /// <summary>Plaintexts of the base deployment.toml.</summary>
    public static readonly string[] Plaintexts = ["s3cr3t-db-value", "adm1n-pw-value"];

    public const string BaseToml = """
        # hostile-input base
        [server]
        hostname = "localhost"

        [keystore.primary]
        file_name = "repository/resources/security/wso2carbon.jks"

        [secrets]
        db_password = "[s3cr3t-db-value]"
        admin_password = "[adm1n-pw-value]"   # comment

        [[datasource]]
        id = "db"
        password = "$secret{db_password}"

        """;

    private readonly TempFolder _temp = new();

    public Workspace()
    {
        Directory.CreateDirectory(Home("conf"));
        Directory.CreateDirectory(Work());
        WriteToml(BaseToml);
        CopyKeystore("jks-unicode-password", Home("repository", "resources", "security", "wso2carbon.jks"));
    }

    public string Root => _temp.Path;

    public string Home(params string[] parts) => Path.Combine([_temp.Path, "home", .. parts]);

    public string Work(params string[] parts) => Path.Combine([_temp.Path, "work", .. parts]);

    public string Cli(params string[] parts) => Path.Combine([_temp.Path, "cli", .. parts]);

    public string TomlPath => Home("conf", "deployment.toml");

    public string KeystorePath => Home("repository", "resources", "security", "wso2carbon.jks");

    public void WriteToml(string text) => File.WriteAllText(TomlPath, text.ReplaceLineEndings("\n"), new UTF8Encoding(false));

    public void WriteTomlBytes(byte[] bytes) => File.WriteAllBytes(TomlPath, bytes);

    public static void CopyKeystore(string vector, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(VectorManifest.KeystorePath(VectorManifest.Load().Keystore(vector)), target, overwrite: true);
    }

    /// <summary>Runs <c>mi secret init</c> on the home's keystore so <c>create</c> cases start initialised.</summary>
    public void InitCli()
    {
        var result = ToolProcess.Run("mi", Work(), Password + "\n", Variables(),
            "secret", "init", "--keystore", KeystorePath, "--type", "JKS", "--alias", "wso2carbon", "--password-stdin");
        Assert.True(result.Exit == 0, "init failed: " + result.Err);
    }

    public Dictionary<string, string?> Variables() => new(StringComparer.Ordinal)
    {
        ["HOME"] = Work(),
        ["MI_CLI_HOME"] = Cli(),
    };

    /// <summary>Every file below the workspace with its bytes (a symbolic link with its target; huge files by size).</summary>
    public Dictionary<string, byte[]> Snapshot() =>
        Directory.EnumerateFiles(_temp.Path, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(_temp.Path, f), Content, StringComparer.Ordinal);

    private static byte[] Content(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is { } target)
        {
            return Encoding.UTF8.GetBytes("link:" + target);
        }

        if (info.UnixFileMode == UnixFileMode.None || info.Length > 8 * 1024 * 1024)
        {
            return Encoding.UTF8.GetBytes($"size:{info.Length} mode:{info.UnixFileMode} time:{info.LastWriteTimeUtc.Ticks}");
        }

        return File.ReadAllBytes(path);
    }

    /// <summary>Gives the workspace folder and everything below it to <paramref name="user"/> (root only).</summary>
    public void GiveAllTo(int user)
    {
        Ownership.GiveTo(_temp.Path, user);
        foreach (var path in Directory.EnumerateFileSystemEntries(_temp.Path, "*", SearchOption.AllDirectories))
        {
            Ownership.GiveTo(path, user);
        }
    }

    public string Expand(string text) => text
        .Replace("{home}", Home(), StringComparison.Ordinal)
        .Replace("{work}", Work(), StringComparison.Ordinal)
        .Replace("{cli}", Cli(), StringComparison.Ordinal);

    public void Dispose()
    {
        foreach (var path in Directory.EnumerateFileSystemEntries(_temp.Path, "*", SearchOption.AllDirectories))
        {
            // Cases may leave unreadable files or folders behind.
            try
            {
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }
            catch (IOException)
            {
            }
        }

        _temp.Dispose();
    }
}
