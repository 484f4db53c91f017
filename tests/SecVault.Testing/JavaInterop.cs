using System.Diagnostics;
using System.Text;

namespace SecVault.Testing;

/// <summary>
/// Live interop with the JDK: runs tests/vectors/java/Interop.java and keytool as child processes.
/// Passwords go only into the child's environment (keytool takes them as arguments, test keystores only).
/// </summary>
public static class JavaInterop
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Whether <c>java</c> is on PATH.</summary>
    public static bool IsAvailable => IsOnPath("java");

    /// <summary>Whether <c>keytool</c> is on PATH.</summary>
    public static bool IsKeytoolAvailable => IsOnPath("keytool");

    /// <summary>Encrypts with the JDK's Cipher and the alias's certificate; returns the base64 ciphertext.</summary>
    public static string Encrypt(
        string keystore,
        string type,
        string alias,
        string transformation,
        byte[] plaintext,
        string storePassword,
        string? keyPassword = null)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var output = RunInterop("encrypt", keystore, type, alias, transformation, plaintext, storePassword, keyPassword);
        return Encoding.ASCII.GetString(output).Trim();
    }

    /// <summary>Decrypts a base64 ciphertext with the JDK's Cipher and the alias's private key.</summary>
    public static byte[] Decrypt(
        string keystore,
        string type,
        string alias,
        string transformation,
        string ciphertext,
        string storePassword,
        string? keyPassword = null)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        return RunInterop(
            "decrypt", keystore, type, alias, transformation, Encoding.ASCII.GetBytes(ciphertext), storePassword, keyPassword);
    }

    /// <summary>Encrypts for a manifest keystore's alias with the JDK.</summary>
    public static string Encrypt(VectorKeystore keystore, string alias, string transformation, byte[] plaintext)
    {
        ArgumentNullException.ThrowIfNull(keystore);
        return Encrypt(
            VectorManifest.KeystorePath(keystore), keystore.Type, alias, transformation, plaintext,
            keystore.StorePassword, keystore.KeyPassword);
    }

    /// <summary>Decrypts with a manifest keystore's alias with the JDK.</summary>
    public static byte[] Decrypt(VectorKeystore keystore, string alias, string transformation, string ciphertext)
    {
        ArgumentNullException.ThrowIfNull(keystore);
        return Decrypt(
            VectorManifest.KeystorePath(keystore), keystore.Type, alias, transformation, ciphertext,
            keystore.StorePassword, keystore.KeyPassword);
    }

    /// <summary>Runs keytool with these arguments (never through a shell); returns its standard output.</summary>
    public static string Keytool(params string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        // keytool reports its errors on standard output, which holds no secret here.
        var output = Run("keytool", args, [], new Dictionary<string, string>(), outputInError: true);
        return Encoding.UTF8.GetString(output);
    }

    private static byte[] RunInterop(
        string operation,
        string keystore,
        string type,
        string alias,
        string transformation,
        byte[] input,
        string storePassword,
        string? keyPassword)
    {
        ArgumentException.ThrowIfNullOrEmpty(keystore);
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentException.ThrowIfNullOrEmpty(alias);
        ArgumentException.ThrowIfNullOrEmpty(transformation);
        ArgumentNullException.ThrowIfNull(storePassword);
        var environment = new Dictionary<string, string> { ["INTEROP_STORE_PASSWORD"] = storePassword };
        if (keyPassword is not null)
        {
            environment["INTEROP_KEY_PASSWORD"] = keyPassword;
        }

        string[] args =
        [
            Path.Combine(Repo.Vectors, "java", "Interop.java"),
            operation,
            Path.GetFullPath(keystore),
            type,
            alias,
            transformation,
        ];
        return Run("java", args, input, environment, outputInError: false);
    }

    internal static byte[] Run(
        string program,
        string[] args,
        byte[] stdin,
        Dictionary<string, string> environment,
        bool outputInError)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The JDK decodes the environment and arguments by the locale: without UTF-8, non-ASCII becomes '?'.
        start.Environment["LC_ALL"] = "C.UTF-8";
        start.Environment.Remove("INTEROP_STORE_PASSWORD");
        start.Environment.Remove("INTEROP_KEY_PASSWORD");
        start.Environment.Remove("JAVA_TOOL_OPTIONS");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = new MemoryStream();
        var copyOut = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var readErr = process.StandardError.ReadToEndAsync();
        process.StandardInput.BaseStream.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within {Timeout}");
        }

        Task.WaitAll(copyOut, readErr);
        if (process.ExitCode != 0)
        {
            var details = outputInError ? Encoding.UTF8.GetString(stdout.ToArray()) + readErr.Result : readErr.Result;
            throw new InvalidOperationException($"{program} exited {process.ExitCode}: {details.Trim()}");
        }

        return stdout.ToArray();
    }

    private static bool IsOnPath(string program)
    {
        var names = OperatingSystem.IsWindows() ? new[] { program + ".exe", program + ".cmd" } : [program];
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => names.Any(name => File.Exists(Path.Combine(dir, name))));
    }
}
