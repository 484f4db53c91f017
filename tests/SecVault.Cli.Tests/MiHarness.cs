using SecVault.Hosting;
using SecVault.Testing;

namespace SecVault.Cli.Tests;

/// <summary>The result of one <c>mi</c> run.</summary>
internal sealed record MiResult(int ExitCode, string StdOut, string StdErr);

/// <summary>
/// A scratch setting for <c>mi</c>: a temporary HOME, working folder and <c>MI_CLI_HOME</c>; runs <c>mi</c> as a
/// process (<c>dotnet mi.dll</c>) or in process against a <see cref="TestConsole"/>.
/// </summary>
internal sealed class MiHarness : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private readonly TempFolder _temp = new();

    public MiHarness()
    {
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(WorkFolder);
        Manifest = VectorManifest.Load();
    }

    public VectorManifest Manifest { get; }

    public string Home => _temp.Combine("home");

    public string WorkFolder => _temp.Combine("work");

    public string ConfigFolder => _temp.Combine("config");

    public string ConfigFile => Path.Combine(ConfigFolder, "keystore_info.yaml");

    public static string MiDll => Path.Combine(AppContext.BaseDirectory, "mi.dll");

    public Dictionary<string, string> Variables => new(StringComparer.Ordinal) { ["HOME"] = Home, ["MI_CLI_HOME"] = ConfigFolder };

    public string Work(params string[] parts) => Path.Combine([WorkFolder, .. parts]);

    /// <summary>Runs <c>mi</c> as a child process with piped standard input (never a terminal).</summary>
    public MiResult RunProcess(string stdin, params string[] args) => RunProcess(stdin, Variables, args);

    public MiResult RunProcess(string stdin, IReadOnlyDictionary<string, string> variables, params string[] args)
    {
        var result = ToolProcess.Run("mi", WorkFolder, stdin, variables.ToDictionary(v => v.Key, v => (string?)v.Value), args);
        return new MiResult(result.Exit, result.Out, result.Err);
    }

    /// <summary>Runs <c>mi</c> in process; a console with terminal answers behaves as a terminal.</summary>
    public MiResult Run(TestConsole console, params string[] args) => Run(console, Variables, args);

    public MiResult Run(TestConsole console, IReadOnlyDictionary<string, string> variables, params string[] args)
    {
        var context = new MiContext(console, new DictionaryEnvironment(variables), WorkFolder);
        var exit = MiApp.Run(args, context);
        return new MiResult(exit, console.OutText, console.ErrorText);
    }

    /// <summary>Runs <c>mi secret init</c> in process for a vector keystore with the password on standard input.</summary>
    public MiResult Init(string keystoreName, string alias = "wso2carbon", params string[] extra)
    {
        var keystore = Manifest.Keystore(keystoreName);
        var console = new TestConsole(keystore.StorePassword + "\n");
        return Run(console, ["secret", "init", "--keystore", VectorManifest.KeystorePath(keystore), "--alias", alias, "--password-stdin", .. extra]);
    }

    /// <summary>
    /// Decrypts with openssl and the vector keystore's exported private key (no SecVault code), so a ciphertext that
    /// only SecVault's own decryptor would accept fails.
    /// </summary>
    public static string Decrypt(string keystoreName, string alias, string ciphertext, string transformation = IndependentDecryptor.OaepSha1) =>
        IndependentDecryptor.Decrypt(keystoreName, alias, ciphertext, transformation);

    /// <summary>Parses console output into alias → ciphertext pairs, in order.</summary>
    public static List<(string Alias, string Ciphertext)> ConsoleLines(string stdout) =>
        [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            var at = line.LastIndexOf(" : ", StringComparison.Ordinal);
            return (line[..at], line[(at + 3)..]);
        })];

    public void Dispose() => _temp.Dispose();
}
