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
        var start = new ProcessStartInfo(prefix.Length == 0 ? "dotnet" : prefix[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingFolder,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var word in prefix.Skip(1).Append("dotnet").Skip(prefix.Length == 0 ? 1 : 0))
        {
            start.ArgumentList.Add(word);
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, tool + ".dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "CARBON_HOME", "MI_HOME", "MI_CLI_HOME", "MI_KEYSTORE_PASSWORD", "MI_KEY_PASSWORD" })
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

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
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
            throw new TimeoutException($"{tool} did not finish within {Timeout}");
        }

        Task.WaitAll(stdout, stderr);
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
