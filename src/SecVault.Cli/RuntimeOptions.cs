using System.CommandLine;
using SecVault.Diagnostics;
using SecVault.Home;
using SecVault.Passwords;
using SecVault.Resolution;

namespace SecVault.Cli;

/// <summary>
/// The options <c>verify</c>, <c>resolve</c> and <c>exec</c> share: <c>--home</c>, <c>-D</c>, <c>--password-stdin</c>,
/// <c>--diagnose-padding</c>, (not for <c>verify</c>) <c>--consume-password-file</c> and (not for <c>exec</c>)
/// <c>--allow-file-lookups-outside-root</c>; turns them into an MI home and resolver options.
/// </summary>
internal sealed class RuntimeOptions
{
    /// <summary>The upstream system property that announces a separate private-key password.</summary>
    public const string KeyPasswordProperty = "key.password";

    private readonly Option<string?> _home = new("--home") { Description = MiText.CliHomeOption, HelpName = "DIR" };
    private readonly Option<string[]> _systemProperties = CliSyntax.SystemPropertiesOption();
    private readonly Option<bool> _passwordStdin = new("--password-stdin") { Description = MiText.CliPasswordStdinOption };
    private readonly Option<bool> _diagnosePadding = new("--diagnose-padding") { Description = MiText.CliDiagnosePaddingOption };
    private readonly Option<bool>? _consumePasswordFile;
    private readonly Option<bool>? _allowOutsideRoot;

    /// <summary>
    /// Creates the options; <paramref name="canConsume"/> adds <c>--consume-password-file</c>, <paramref name="readsSynapse"/>
    /// <c>--allow-file-lookups-outside-root</c>.
    /// </summary>
    public RuntimeOptions(bool canConsume, bool readsSynapse)
    {
        _consumePasswordFile = canConsume ? new Option<bool>("--consume-password-file") { Description = MiText.CliConsumePasswordFileOption } : null;
        _allowOutsideRoot = readsSynapse ? new Option<bool>("--allow-file-lookups-outside-root") { Description = MiText.CliAllowFileLookupsOutsideRootOption } : null;
    }

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_home);
        command.Options.Add(_systemProperties);
        command.Options.Add(_passwordStdin);
        command.Options.Add(_diagnosePadding);
        if (_consumePasswordFile is not null)
        {
            command.Options.Add(_consumePasswordFile);
        }

        if (_allowOutsideRoot is not null)
        {
            command.Options.Add(_allowOutsideRoot);
        }
    }

    /// <summary>The MI home: <c>--home</c>, else steps 2-5 of the MI home search.</summary>
    public MiHome FindHome(ParseResult parseResult, MiContext context)
    {
        try
        {
            return MiHome.Discover(parseResult.GetValue(_home), context.Environment, context.CurrentFolder);
        }
        catch (MiHomeException ex) when (ex.Path is null)
        {
            // No home was found at all: the library's hint names ciphertool's -Dcarbon.home=DIR; mi spells it --home.
            throw new ToolFailureException(ex.Message, MiText.CliMiHomeNotFoundHint);
        }
    }

    /// <summary>
    /// Resolver options from the parsed values; with <c>--password-stdin</c> the password line is read from
    /// <paramref name="passwordInput"/> (default: the console's standard input) when first needed.
    /// </summary>
    public MiHomeResolverOptions ResolverOptions(ParseResult parseResult, MiContext context, TextReader? passwordInput = null)
    {
        var options = new MiHomeResolverOptions
        {
            Environment = context.Environment,
            PromptConsole = context.Console,
            PasswordSource = parseResult.GetValue(_passwordStdin) ? ExplicitPasswordSource.FromReader(passwordInput ?? context.Console.StdIn) : null,
            ConsumePasswordFiles = _consumePasswordFile is not null && parseResult.GetValue(_consumePasswordFile),
            AllowFileLookupsOutsideRoot = _allowOutsideRoot is not null && parseResult.GetValue(_allowOutsideRoot),

            // A person at a terminal is not an automated oracle; a job (CI on untrusted changes) gets one message for all.
            DiagnosePadding = parseResult.GetValue(_diagnosePadding) || context.Console.IsInputTerminal,
        };
        foreach (var (name, value) in CliSyntax.GetSystemProperties(parseResult, _systemProperties))
        {
            options.SystemProperties[name] = value;
        }

        // MI's -Dkey.password=true (Boolean.getBoolean): the private key has its own password, given as the second
        // line of the password file or of --password-stdin, by MI_KEY_PASSWORD, or at a second prompt.
        options.SeparateKeyPassword = options.SystemProperties.TryGetValue(KeyPasswordProperty, out var separate)
            && string.Equals(separate, "true", StringComparison.OrdinalIgnoreCase);

        return options;
    }

    /// <summary>Writes every problem as <c>mi: error|warning: path:line:column: message</c>, then the hint; returns exit code 1.</summary>
    public static int ReportProblems(MiContext context, SecVaultResolutionException exception)
    {
        foreach (var problem in exception.Problems)
        {
            if (problem.Severity == ProblemSeverity.Error)
            {
                context.Error(problem.ToString());
            }
            else
            {
                context.Warning(problem.ToString());
            }
        }

        context.Hint(exception.Hint);

        return ExitCodes.Failure;
    }
}
