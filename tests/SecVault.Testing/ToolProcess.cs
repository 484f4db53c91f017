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

    /// <summary>
    /// The folder of the built tools as another user can reach it: the test output folder, or, when one of its parent
    /// folders is closed to others (a checkout in a <c>mktemp -d</c> folder is), a copy of it made once in a folder
    /// others may read, removed when the test process exits.
    /// </summary>
    public static string ToolFolderForOtherUsers => OtherUsersFolder.Value;

    private static readonly Lazy<string> OtherUsersFolder = new(() =>
    {
        var folder = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        if (OperatingSystem.IsWindows() || !ClosedToOthers(folder))
        {
            return folder;
        }

        return CopyOpenToOthers(folder);
    });

    /// <summary>
    /// A copy of <paramref name="folder"/> in a new temporary folder that every user may read and enter (files 0644,
    /// folders 0755), for a tool run as another user; removed when the test process exits.
    /// </summary>
    public static string CopyOpenToOthers(string folder)
    {
        const UnixFileMode Open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        var copy = Path.Combine(Path.GetTempPath(), "secvault-open-" + Guid.NewGuid().ToString("N"));
        foreach (var source in Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories).Prepend(folder))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(folder, source));
            Directory.CreateDirectory(target, Open);
            File.SetUnixFileMode(target, Open);
            foreach (var file in Directory.EnumerateFiles(source))
            {
                var copied = Path.Combine(target, Path.GetFileName(file));
                File.Copy(file, copied);
                File.SetUnixFileMode(copied, Open & ~(UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute));
            }
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(copy, recursive: true);
        return copy;
    }

    /// <summary>True when a folder on the way to <paramref name="folder"/> (itself included) cannot be entered by others.</summary>
    private static bool ClosedToOthers(string folder)
    {
        for (var current = folder; !string.IsNullOrEmpty(current); current = Path.GetDirectoryName(current))
        {
            if ((File.GetUnixFileMode(current) & UnixFileMode.OtherExecute) == 0)
            {
                return true;
            }
        }

        return false;
    }

    private static ProcessResult Run(string[] prefix, string tool, string workingFolder, string stdin, IReadOnlyDictionary<string, string?>? environment, string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var dll = Path.Combine(prefix.Length == 0 ? AppContext.BaseDirectory : ToolFolderForOtherUsers, tool + ".dll");
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
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
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
