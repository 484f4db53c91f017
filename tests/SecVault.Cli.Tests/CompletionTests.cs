using System.Diagnostics;
using System.Text.RegularExpressions;
using SecVault.Hosting;
using SecVault.Testing;

namespace SecVault.Cli.Tests;

/// <summary>
/// The shipped bash and zsh completions under <c>completions/</c> offer every option the parsers accept: bash is run
/// for real (each subcommand completed from <c>-</c>), zsh is checked by its option lists (zsh is not on every machine).
/// </summary>
public sealed partial class CompletionTests
{
    private static string Script(string name) => Path.Combine(Repo.Root, "completions", name);

    /// <summary>Every option name and alias of <c>mi secret &lt;sub&gt;</c>, as the real parser has them.</summary>
    private static SortedSet<string> ParserOptions(string sub)
    {
        var context = new MiContext(new TestConsole(), new DictionaryEnvironment(new Dictionary<string, string>()), Path.GetTempPath());
        var root = MiApp.BuildRoot(context);
        var command = root.Subcommands.Single(c => c.Name == "secret").Subcommands.Single(c => c.Name == sub);
        var options = command.Options.Concat(root.Options.Where(o => o.Recursive))
            .Where(o => o.Name != "--version")
            .SelectMany(o => o.Aliases.Prepend(o.Name))
            .Where(n => n.StartsWith('-') && n != "-?");
        return new SortedSet<string>(options, StringComparer.Ordinal);
    }

    /// <summary>What bash's completion function offers for the words, the last one being completed.</summary>
    private static SortedSet<string> Bash(string script, string function, params string[] words)
    {
        var code = $"source '{Script(script)}'; COMP_WORDS=({string.Join(' ', words.Select(w => $"'{w}'"))}); COMP_CWORD={words.Length - 1}; {function}; printf '%s\\n' \"${{COMPREPLY[@]}}\"";
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(code);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
        return new SortedSet<string>(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
    }

    [SkippableTheory]
    [InlineData("init")]
    [InlineData("create")]
    [InlineData("verify")]
    [InlineData("resolve")]
    [InlineData("exec")]
    public void Bash_offers_exactly_the_options_the_parser_accepts_for_each_subcommand(string sub)
    {
        Skip.If(OperatingSystem.IsWindows(), "bash completion is for Unix shells");

        Assert.Equal(ParserOptions(sub), Bash("mi.bash", "_mi", "mi", "secret", sub, "-"));
    }

    [SkippableFact]
    public void Bash_completes_subcommands_and_option_values()
    {
        Skip.If(OperatingSystem.IsWindows(), "bash completion is for Unix shells");

        Assert.Equal(["verify"], Bash("mi.bash", "_mi", "mi", "secret", "ver"));
        Assert.Equal(["flat", "toml"], Bash("mi.bash", "_mi", "mi", "secret", "resolve", "--format", ""));
        Assert.Equal(["k8"], Bash("mi.bash", "_mi", "mi", "secret", "create", "-o", "k"));
    }

    [Theory]
    [InlineData("init")]
    [InlineData("create")]
    [InlineData("verify")]
    [InlineData("resolve")]
    [InlineData("exec")]
    public void The_zsh_option_list_of_each_subcommand_holds_every_option_the_parser_accepts(string sub)
    {
        var text = File.ReadAllText(Script("_mi"));
        var runtime = RuntimeList().Match(text).Groups[1].Value;
        var line = Regex.Match(text, $@"^\s+{sub}\s+""([^""]*)""", RegexOptions.Multiline).Groups[1].Value.Replace("${runtime[*]}", runtime, StringComparison.Ordinal);

        Assert.Equal(ParserOptions(sub), new SortedSet<string>(line.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal));
    }

    [SkippableFact]
    public void Bash_offers_every_ciphertool_option_of_its_help()
    {
        Skip.If(OperatingSystem.IsWindows(), "bash completion is for Unix shells");
        var help = File.ReadAllText(Path.Combine(Repo.Root, "src", "SecVault.CipherTool", "CipherToolText.cs"));
        var documented = HelpOption().Matches(help).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

        var offered = Bash("ciphertool.bash", "_ciphertool", "ciphertool", "-D");
        var zsh = File.ReadAllText(Script("_ciphertool"));

        Assert.NotEmpty(documented);
        Assert.All(documented, option => Assert.Contains(offered, o => o == option || o.StartsWith(option + "=", StringComparison.Ordinal)));
        Assert.All(documented, option => Assert.Contains(option, zsh, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"runtime=\(([^)]*)\)")]
    private static partial Regex RuntimeList();

    [GeneratedRegex(@"-D[a-z][A-Za-z0-9.]*")]
    private static partial Regex HelpOption();
}
