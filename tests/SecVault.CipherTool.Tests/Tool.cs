using SecVault.Hosting;
using SecVault.Testing;

namespace SecVault.CipherTool.Tests;

/// <summary>What one in-process run of ciphertool printed and returned.</summary>
internal sealed record ToolResult(int Exit, string Out, string Err);

/// <summary>Runs <see cref="CipherToolApp"/> in process against a <see cref="TestConsole"/>.</summary>
internal static class Tool
{
    /// <summary>The store password of the jks-rsa2048 vector keystore.</summary>
    public const string Password = "wso2carbon";

    public static readonly DateTimeOffset Now = new(2025, 11, 27, 22, 51, 3, TimeSpan.Zero);

    public static ToolResult Run(TestConsole console, IReadOnlyDictionary<string, string>? environment, string currentFolder, params string[] args)
    {
        var exit = CipherToolApp.Run(args, console, new DictionaryEnvironment(environment ?? new Dictionary<string, string>()), currentFolder, new FixedTime(Now));
        return new ToolResult(exit, console.OutText, console.ErrorText);
    }

    /// <summary>Runs with standard input (not a terminal) in the home's folder.</summary>
    public static ToolResult Run(TempMiHome home, string stdin, params string[] args) =>
        Run(new TestConsole(stdin), null, home.Path, args);

    /// <summary><c>-Dconfigure</c> on the home with the password on standard input.</summary>
    public static ToolResult Configure(TempMiHome home, string password = Password, params string[] more) =>
        Run(home, password + "\n", ["-Dcarbon.home=" + home.Path, "-Dpassword.stdin", "-Dconfigure", .. more]);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
