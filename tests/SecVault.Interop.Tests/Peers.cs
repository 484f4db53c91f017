using SecVault.Testing;

namespace SecVault.Interop.Tests;

/// <summary>
/// The upstream peers (../shared/peers from the repository root, or <c>SECVAULT_PEERS</c>) and the JDK. When one is
/// missing a test fails if <c>CI</c> is set, and is skipped with the reason otherwise.
/// </summary>
internal static class Peers
{
    /// <summary>
    /// The peers folder: <c>SECVAULT_PEERS</c>, else <c>../shared/peers</c> from the repository root, else the first
    /// <c>shared/peers</c> further up (a git worktree sits one level deeper than the main clone).
    /// </summary>
    public static string Folder
    {
        get
        {
            if (Environment.GetEnvironmentVariable("SECVAULT_PEERS") is { Length: > 0 } configured)
            {
                return Path.GetFullPath(configured);
            }

            var first = Path.GetFullPath(Path.Combine(Repo.Root, "..", "shared", "peers"));
            for (var dir = new DirectoryInfo(Repo.Root).Parent; dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "peers");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            return first;
        }
    }

    /// <summary>MI 4.6's run-time decryption.</summary>
    public static string MiRuntime => Path.Combine(Folder, "mi-runtime", "bin", "mi-runtime-peer");

    /// <summary>Upstream Cipher Tool 1.2.6.</summary>
    public static string CipherTool => Path.Combine(Folder, "cipher-tool", "bin", "upstream-ciphertool");

    /// <summary>Upstream MI CLI 4.6.0.</summary>
    public static string MiCli => Path.Combine(Folder, "mi-cli", "bin", "mi");

    /// <summary>Fails (CI set) or skips (CI unset) unless every program is present and java, keytool and python3 are on PATH.</summary>
    public static void Require(params string[] programs)
    {
        var missing = programs.Where(p => !File.Exists(p)).ToList();
        foreach (var tool in new[] { "java", "keytool", "python3" })
        {
            if (!OnPath(tool))
            {
                missing.Add(tool + " (on PATH)");
            }
        }

        if (missing.Count == 0)
        {
            return;
        }

        var reason = "interop peer missing: " + string.Join(", ", missing) + " (peers folder " + Folder + ", override with SECVAULT_PEERS)";
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Assert.Fail(reason + "; CI is set, so this is a failure, not a skip");
        }

        Skip.If(true, reason);
    }

    /// <summary>Runs a program without a shell, in UTF-8; <paramref name="environment"/> adds variables (null removes one).</summary>
    public static ProcessResult Run(string program, IEnumerable<string> args, string? workingFolder = null, string stdin = "", IReadOnlyDictionary<string, string?>? environment = null)
    {
        var variables = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>()) { ["LC_ALL"] = "C.UTF-8" };
        return ToolProcess.RunProgram(program, args, workingFolder ?? Path.GetTempPath(), stdin, variables);
    }

    /// <summary>
    /// Runs mi-runtime-peer on <paramref name="home"/> with the store (and key) password; returns alias → text, failing
    /// the test with the peer's output when it does not exit 0.
    /// </summary>
    public static IReadOnlyDictionary<string, string> DecryptWithMiRuntime(string home, string storePassword, string? keyPassword = null, string? workingFolder = null)
    {
        var environment = new Dictionary<string, string?> { ["MI_PEER_PASSWORD"] = storePassword, ["MI_PEER_KEY_PASSWORD"] = keyPassword };
        var result = Run(MiRuntime, [home], workingFolder, environment: environment);
        Assert.True(result.Exit == 0, $"mi-runtime-peer exited {result.Exit}:\n{result.Out}\n{result.Err}");
        return result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t', 2))
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)));
}
