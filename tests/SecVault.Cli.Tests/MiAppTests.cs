using System.Reflection;
using SecVault.Testing;

namespace SecVault.Cli.Tests;

public sealed class MiAppTests : IDisposable
{
    private readonly MiHarness _mi = new();

    public void Dispose() => _mi.Dispose();

    [Theory]
    [InlineData("secret")]
    [InlineData("secret", "--help")]
    [InlineData("secret", "-h")]
    [InlineData("--verbose", "-k", "secret")]
    public void Secret_alone_or_with_help_prints_help_on_stdout_and_exits_0(params string[] args)
    {
        var result = _mi.RunProcess(string.Empty, args);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("init", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("create", result.StdOut, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.StdErr);
    }

    [Fact]
    public void Version_prints_the_informational_version_of_mi_and_exits_0()
    {
        var expected = typeof(MiApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        var result = _mi.Run(new TestConsole(), "--version");

        Assert.Equal((0, expected + "\n", string.Empty), (result.ExitCode, result.StdOut, result.StdErr));
    }

    [Theory]
    [InlineData("help")]
    [InlineData("--help")]
    public void Help_and_the_help_option_print_the_same_help_with_exit_codes_and_environment_variables(string word)
    {
        var result = _mi.Run(new TestConsole(), word);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(_mi.Run(new TestConsole(), "-h").StdOut, result.StdOut);
        foreach (var line in new[]
        {
            "  0    success", "  1    failure", "  2    usage error", "  130  interrupted (Ctrl+C)",
            "  MI_KEYSTORE_PASSWORD ", "  MI_KEY_PASSWORD ", "  MI_CLI_HOME ", "  SECVAULT_NATIVE_RSA ", "NO_COLOR",
        })
        {
            Assert.Contains(line, result.StdOut, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Help_before_a_command_shows_that_command_help()
    {
        var help = _mi.Run(new TestConsole(), "help", "secret", "verify");

        Assert.Equal(0, help.ExitCode);
        Assert.Equal(_mi.Run(new TestConsole(), "secret", "verify", "--help").StdOut, help.StdOut);
    }

    [Fact]
    public void Without_an_MI_home_the_hint_names_the_home_option_of_mi()
    {
        var result = _mi.Run(new TestConsole(), new Dictionary<string, string>(), "secret", "verify");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("mi: error: cannot find the MI home\nmi: hint: pass --home DIR or set CARBON_HOME\n", result.StdErr);
    }

    [Fact]
    public void A_missing_home_folder_is_reported_as_a_missing_home_before_any_password_is_asked()
    {
        var missing = _mi.Work("nowhere");
        var console = new TestConsole(terminalAnswers: ["pw"]);

        var result = _mi.Run(console, "secret", "resolve", "--home", missing);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"mi: error: no MI home at {missing} (given by the command line): not a folder\n", result.StdErr);
    }

    [Fact]
    public void Create_help_lists_every_option()
    {
        var result = _mi.Run(new TestConsole(), "secret", "create", "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var option in new[] { "-o", "--output", "-f", "--from-file", "--file", "-c", "--cipher", "--out <PATH>", "--name", "--namespace" })
        {
            Assert.Contains(option, result.StdOut, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_unknown_option_is_a_usage_error_with_a_help_hint()
    {
        var result = _mi.RunProcess(string.Empty, "secret", "init", "--nope");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.StdOut);
        Assert.Contains("mi: error: ", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("mi: hint: run 'mi secret init --help'", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_option_like_word_in_a_positional_slot_is_reported_as_an_unknown_option()
    {
        var result = _mi.Run(new TestConsole(), "secret", "create", "--frm-file=x");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("mi: error: unknown option '--frm-file=x'", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_upstream_root_flags_are_accepted_anywhere_and_ignored()
    {
        Assert.Equal(0, _mi.Init("jks-rsa2048").ExitCode);

        var result = _mi.Run(new TestConsole("a\nb\n"), "--verbose", "secret", "create", "-k", "--insecure");

        Assert.Equal(0, result.ExitCode);
        Assert.Single(MiHarness.ConsoleLines(result.StdOut));
    }

    [Fact]
    public void An_at_sign_argument_is_a_value_not_a_response_file()
    {
        Assert.Equal(0, _mi.Init("jks-rsa2048").ExitCode);

        var result = _mi.Run(new TestConsole(), "secret", "create", "-f", "@secrets");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot read @secrets", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_secret_subcommand_is_registered_once()
    {
        var root = MiApp.BuildRoot(new MiContext(new TestConsole(), new Hosting.DictionaryEnvironment(_mi.Variables), _mi.WorkFolder));

        var secret = root.Subcommands.Single(c => c.Name == "secret");

        Assert.Equal(MiApp.SecretCommands.Count, secret.Subcommands.Count);
        Assert.Equal(secret.Subcommands.Count, secret.Subcommands.Select(c => c.Name).Distinct().Count());
        Assert.Contains(secret.Subcommands, c => c.Name == "init");
        Assert.Contains(secret.Subcommands, c => c.Name == "create");
    }

    [Fact]
    public void An_unexpected_exception_is_one_line_naming_its_type_and_exit_1_without_its_message_or_stack()
    {
        Assert.Equal(0, _mi.Init("jks-rsa2048").ExitCode);
        var console = new FailingInputConsole();
        var context = new MiContext(console, new Hosting.DictionaryEnvironment(_mi.Variables), _mi.WorkFolder);

        var exit = MiApp.Run(["secret", "create"], context);

        Assert.Equal(1, exit);
        Assert.Equal("mi: error: unexpected failure (InvalidOperationException); nothing more is known\n", console.StdErr.ToString());
        Assert.Equal(string.Empty, console.StdOut.ToString());
    }

    /// <summary>A console whose standard input fails with a message that must never be printed.</summary>
    private sealed class FailingInputConsole : Hosting.IConsole
    {
        public TextReader StdIn { get; } = new FailingReader();

        public TextWriter StdOut { get; } = new StringWriter { NewLine = "\n" };

        public TextWriter StdErr { get; } = new StringWriter { NewLine = "\n" };

        public bool IsInputTerminal => false;

        public bool IsErrorTerminal => false;

        public string? ReadHidden(string prompt) => StdIn.ReadLine();

        public string? ReadVisible(string prompt) => StdIn.ReadLine();

        private sealed class FailingReader : TextReader
        {
            public override string? ReadLine() => throw new InvalidOperationException("secret-in-the-message");

            public override int Read() => throw new InvalidOperationException("secret-in-the-message");

            public override int Peek() => throw new InvalidOperationException("secret-in-the-message");
        }
    }
}
