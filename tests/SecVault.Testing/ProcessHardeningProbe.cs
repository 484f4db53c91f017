using System.Diagnostics;

namespace SecVault.Testing;

/// <summary>What <c>/proc</c> showed of a shipped executable while it waited on its standard input.</summary>
/// <param name="CoreLimitIsZero"><c>/proc/&lt;pid&gt;/limits</c> says "Max core file size 0 0".</param>
/// <param name="NotDumpable">The process runs as a user other than root, yet its <c>/proc/&lt;pid&gt;</c> files are root's: PR_SET_DUMPABLE is 0.</param>
/// <param name="DiagnosticSocketGone">No <c>dotnet-diagnostic-&lt;pid&gt;-*</c> socket is left in the temporary folder.</param>
/// <param name="Detail">What was seen, for assertion messages.</param>
public sealed record ProcessHardeningView(bool CoreLimitIsZero, bool NotDumpable, bool DiagnosticSocketGone, string Detail);

/// <summary>
/// Starts <c>dotnet &lt;tool&gt;.dll args</c> with standard input kept open (the tool waits for a password) and looks at
/// it through <c>/proc</c>. When the tests run as root the tool runs as uid 65534 through <c>setpriv</c>: root's
/// <c>/proc/&lt;pid&gt;</c> files are root's whether or not it is dumpable, another user's are not.
/// </summary>
public static class ProcessHardeningProbe
{
    private const int Nobody = 65534;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Null when the probe can run here, else why not.</summary>
    public static string? WhyNot =>
        !OperatingSystem.IsLinux() || !File.Exists("/proc/self/limits") ? "needs Linux /proc"
        : IsRoot && !File.Exists("/usr/bin/setpriv") ? "running as root needs /usr/bin/setpriv to run the tool as another user"
        : null;

    private static bool IsRoot => StatusUid("self") == 0;

    /// <summary>Runs the tool, waits (up to a minute per check) for each hardening step to show, then kills it.</summary>
    public static ProcessHardeningView Observe(string tool, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var dll = Path.Combine(IsRoot ? ToolProcess.ToolFolderForOtherUsers : AppContext.BaseDirectory, tool + ".dll");
        var start = new ProcessStartInfo(IsRoot ? "/usr/bin/setpriv" : "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        string[] command = IsRoot ? ["--reuid=" + Nobody, "--regid=" + Nobody, "--clear-groups", "dotnet", dll, .. args] : [dll, .. args];
        foreach (var arg in command)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "CARBON_HOME", "MI_HOME", "MI_CLI_HOME", "MI_KEYSTORE_PASSWORD", "MI_KEY_PASSWORD", "DOTNET_EnableDiagnostics" })
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + start.FileName);
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        try
        {
            var pid = process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var coreZero = Eventually(process, () => CoreLimit(pid) == "0 0");
            var notDumpable = Eventually(process, () => StatusUid(pid) is > 0 && new FileInfo($"/proc/{pid}/status").Exists && OwnerUid(pid) == 0);
            var socketGone = Eventually(process, () => !Directory.EnumerateFiles(Path.GetTempPath(), $"dotnet-diagnostic-{pid}-*").Any());
            var exited = process.HasExited;
            var detail = $"core limit '{CoreLimit(pid)}', uid {StatusUid(pid)}, /proc owner {OwnerUid(pid)}";
            if (exited)
            {
                process.WaitForExit();
                detail += $"; exited early: {stderr.Result}";
            }

            return new ProcessHardeningView(coreZero, notDumpable, socketGone, detail);
        }
        catch (FileNotFoundException)
        {
            process.WaitForExit();
            return new ProcessHardeningView(false, false, false, "exited early: " + stderr.Result);
        }
        catch (DirectoryNotFoundException)
        {
            process.WaitForExit();
            return new ProcessHardeningView(false, false, false, "exited early: " + stderr.Result);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
        }
    }

    private static bool Eventually(Process process, Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < Patience)
        {
            if (process.HasExited)
            {
                return false;
            }

            try
            {
                if (condition())
                {
                    return true;
                }
            }
            catch (IOException)
            {
                // The process is still being exec'd.
            }

            Thread.Sleep(50);
        }

        return false;
    }

    private static string? CoreLimit(string pid)
    {
        var line = File.ReadLines($"/proc/{pid}/limits").FirstOrDefault(l => l.StartsWith("Max core file size", StringComparison.Ordinal));
        var fields = line?["Max core file size".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields is { Length: >= 2 } ? $"{fields[0]} {fields[1]}" : null;
    }

    private static int? StatusUid(string pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        return line is null ? null : int.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int? OwnerUid(string pid)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%u", $"/proc/{pid}/status"]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var output = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return int.TryParse(output, System.Globalization.CultureInfo.InvariantCulture, out var uid) ? uid : null;
    }
}
