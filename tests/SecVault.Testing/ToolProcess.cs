using System.Diagnostics;
using System.Text;

namespace SecVault.Testing;

/// <summary>What one run of a shipped executable printed and returned.</summary>
public sealed record ProcessResult(int Exit, string Out, string Err);

/// <summary>Runs a SecVault executable (<c>ciphertool.dll</c>, <c>mi.dll</c> next to the tests) as a child process.</summary>
public static class ToolProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Runs <c>dotnet &lt;tool&gt;.dll args</c> in <paramref name="workingFolder"/> with piped (non-terminal) standard input;
    /// <paramref name="environment"/> entries are set (a null value removes the variable).
    /// </summary>
    public static ProcessResult Run(string tool, string workingFolder, string stdin, IReadOnlyDictionary<string, string?>? environment, params string[] args) =>
        Run([], tool, workingFolder, stdin, environment, args);

    /// <summary>
    /// Like <see cref="Run(string, string, string, IReadOnlyDictionary{string, string?}?, string[])"/>, but the tool runs
    /// as <paramref name="user"/> (its own group, no supplementary groups) through <c>setpriv</c>; the caller must be root.
    /// </summary>
    public static ProcessResult RunAsUser(int user, string tool, string workingFolder, string stdin, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var id = user.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Run(["setpriv", "--reuid=" + id, "--regid=" + id, "--clear-groups", "--"], tool, workingFolder, stdin, environment, args);
    }

    private static ProcessResult Run(string[] prefix, string tool, string workingFolder, string stdin, IReadOnlyDictionary<string, string?>? environment, string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var dll = Path.Combine(AppContext.BaseDirectory, tool + ".dll");
        return prefix.Length == 0
            ? RunProgram("dotnet", [dll, .. args], workingFolder, stdin, environment)
            : RunProgram(prefix[0], [.. prefix.Skip(1), "dotnet", dll, .. args], workingFolder, stdin, environment);
    }

    /// <summary>
    /// Runs any program without a shell in <paramref name="workingFolder"/> with piped standard input; the MI
    /// password and home variables are removed, then <paramref name="environment"/> entries set (null removes one).
    /// </summary>
    public static ProcessResult RunProgram(string program, IEnumerable<string> args, string workingFolder, string stdin, IReadOnlyDictionary<string, string?>? environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingFolder,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "CARBON_HOME", "MI_HOME", "MI_CLI_HOME", "MI_KEYSTORE_PASSWORD", "MI_KEY_PASSWORD", "MI_PEER_PASSWORD", "MI_PEER_KEY_PASSWORD", "JAVA_TOOL_OPTIONS" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            process.StandardInput.BaseStream.Write(new UTF8Encoding(false).GetBytes(stdin));
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The tool may exit (e.g. on a usage error) before reading its input.
        }

        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within {Timeout}");
        }

        Task.WaitAll(stdout, stderr);
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
