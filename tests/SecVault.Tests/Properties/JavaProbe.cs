using System.Diagnostics;
using System.Text;
using SecVault.Testing;

namespace SecVault.Tests.Properties;

/// <summary>Runs java/PropertiesProbe.java with the real java.util.Properties, when java is on the machine.</summary>
internal static class JavaProbe
{
    private static readonly Lazy<bool> Available = new(() => TryRun(["-version"], out _));

    public static bool IsAvailable => Available.Value;

    public static string Run(params string[] args)
    {
        var script = Path.Combine(Repo.Root, "tests", "SecVault.Tests", "Properties", "java", "PropertiesProbe.java");
        return TryRun([script, .. args], out var output) ? output : throw new InvalidOperationException("java failed: " + output);
    }

    public static string Hex(string s) =>
        s.Length == 0 ? "-" : string.Concat(s.Select(c => ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)));

    public static string Unhex(string h) =>
        h == "-" ? string.Empty : new string([.. Enumerable.Range(0, h.Length / 4).Select(i => (char)Convert.ToInt32(h.Substring(i * 4, 4), 16))]);

    private static bool TryRun(string[] args, out string output)
    {
        try
        {
            var info = new ProcessStartInfo("java") { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
            foreach (var a in args)
            {
                info.ArgumentList.Add(a);
            }

            using var process = Process.Start(info)!;
            var stderr = process.StandardError.ReadToEndAsync();
            output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                output += stderr.Result;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            output = string.Empty;
            return false;
        }
    }
}
