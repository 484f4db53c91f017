using SecVault.Tools;
using System.Text.RegularExpressions;
using SecVault.Hosting;
using SecVault.Testing;

namespace SecVault.Cli.Tests;

/// <summary>
/// Golden transcripts of the common paths of each command (exit code, standard output, standard error), once with
/// standard error redirected and once with it on a terminal: colour and progress appear only on the terminal, and
/// never with NO_COLOR.
/// </summary>
public sealed partial class TranscriptTests : IDisposable
{
    private const string Red = "\u001b[1;31m";
    private const string Cyan = "\u001b[1;36m";
    private const string Reset = "\u001b[0m";

    private readonly RuntimeHome _home = new();

    public void Dispose() => _home.Dispose();

    private MiResult Run(bool terminal, string stdin, IReadOnlyDictionary<string, string> variables, int progressThreshold, params string[] args)
    {
        var console = new TestConsole(stdin, errorTerminal: terminal);
        var context = new MiContext(console, new DictionaryEnvironment(variables), _home.Mi.WorkFolder) { ProgressThreshold = progressThreshold };
        var exit = MiApp.Run(args, context);
        return new MiResult(exit, console.OutText, console.ErrorText);
    }

    private MiResult Runtime(bool terminal, string command, params string[] args) =>
        Run(terminal, _home.Password + "\n", _home.Variables, ProgressLine.DefaultThreshold, _home.Args(command, args));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Verify_of_a_sound_home_prints_no_finding_and_the_counts_alike_on_a_terminal(bool terminal)
    {
        var result = Runtime(terminal, "verify");

        Assert.Equal(new MiResult(0, string.Empty, "0 errors, 0 warnings\n"), result);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Verify_findings_are_data_on_standard_output_never_coloured(bool terminal)
    {
        _home.Home.WriteToml(_home.SoundToml + "[monitoring]\nhost = \"$ref{server.host}\"\n");

        var result = Runtime(terminal, "verify");

        Assert.Equal(
            new MiResult(
                1,
                "error conf/deployment.toml:19:8 server.host: $ref{server.host}: no key server.host in deployment.toml, and MI has no default for it\n",
                "1 error, 0 warnings\n"),
            result);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Resolve_flat_masks_every_secret_and_writes_nothing_to_standard_error(bool terminal)
    {
        var result = Runtime(terminal, "resolve", "--format", "flat");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.StdErr);
        Assert.Contains("keystore:primary:password = ********\n", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("server:hostname = localhost\n", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void A_usage_error_is_plain_when_standard_error_is_redirected()
    {
        var result = Run(false, string.Empty, _home.Variables, ProgressLine.DefaultThreshold, "secret", "verify", "--no-such-option");

        Assert.Equal(new MiResult(2, string.Empty, "mi: error: Unrecognized command or argument '--no-such-option'.\nmi: hint: run 'mi secret verify --help'\n"), result);
    }

    [Fact]
    public void A_usage_error_colours_error_and_hint_on_a_terminal()
    {
        var result = Run(true, string.Empty, _home.Variables, ProgressLine.DefaultThreshold, "secret", "verify", "--no-such-option");

        Assert.Equal(
            new MiResult(2, string.Empty, $"mi: {Red}error:{Reset} Unrecognized command or argument '--no-such-option'.\nmi: {Cyan}hint:{Reset} run 'mi secret verify --help'\n"),
            result);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("anything")]
    public void NO_COLOR_keeps_a_terminal_plain(string value)
    {
        var variables = new Dictionary<string, string>(_home.Variables) { ["NO_COLOR"] = value };

        var result = Run(true, string.Empty, variables, ProgressLine.DefaultThreshold, "secret", "verify", "--no-such-option");

        Assert.Equal("mi: error: Unrecognized command or argument '--no-such-option'.\nmi: hint: run 'mi secret verify --help'\n", result.StdErr);
    }

    [Fact]
    public void An_empty_NO_COLOR_counts_as_unset()
    {
        var variables = new Dictionary<string, string>(_home.Variables) { ["NO_COLOR"] = string.Empty };

        var result = Run(true, string.Empty, variables, ProgressLine.DefaultThreshold, "secret", "verify", "--no-such-option");

        Assert.StartsWith($"mi: {Red}error:{Reset} ", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Bulk_create_draws_progress_only_on_a_terminal_and_erases_it_before_returning()
    {
        Assert.Equal(0, _home.Mi.Init("jks-rsa2048").ExitCode);
        var pairs = string.Concat(Enumerable.Range(1, 5).Select(i => $"alias{i}\nsecret-{i}\n"));

        var redirected = Run(false, pairs, _home.Mi.Variables, 3, "secret", "create");
        var terminal = Run(true, pairs, _home.Mi.Variables, 3, "secret", "create");

        Assert.Equal(0, redirected.ExitCode);
        Assert.Equal(string.Empty, redirected.StdErr);
        Assert.Equal(0, terminal.ExitCode);
        Assert.Matches(ProgressTranscript("encrypting", 5), terminal.StdErr);
        Assert.Equal(5, MiHarness.ConsoleLines(terminal.StdOut).Count);
        Assert.DoesNotContain("\r", terminal.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_draws_decrypting_progress_only_on_a_terminal_and_only_at_the_threshold()
    {
        var secrets = Enumerable.Range(1, 9).Select(i => ($"extra{i}", _home.DbCiphertext)).ToArray();
        _home.WriteTomlWith(secrets);
        string[] args = [.. _home.Args("verify")];

        var below = Run(true, _home.Password + "\n", _home.Variables, 100, args);
        var redirected = Run(false, _home.Password + "\n", _home.Variables, 4, args);
        var terminal = Run(true, _home.Password + "\n", _home.Variables, 4, args);

        Assert.Equal(redirected.StdOut, terminal.StdOut);
        Assert.DoesNotContain("\r", below.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", redirected.StdErr, StringComparison.Ordinal);
        var progress = terminal.StdErr[..(terminal.StdErr.LastIndexOf("\u001b[K", StringComparison.Ordinal) + 3)];
        Assert.Matches(ProgressTranscript("decrypting", 12), progress);
        Assert.Equal(redirected.StdErr, terminal.StdErr[progress.Length..]);
    }

    /// <summary>Redraws of <c>\rverb N/total…</c> with N rising to the total, then the erase sequence, and nothing else.</summary>
    private static Regex ProgressTranscript(string verb, int total) =>
        new($"^(\\r{verb} \\d+/{total}…)*\\r{verb} {total}/{total}…\\r\\u001b\\[K$");
}
