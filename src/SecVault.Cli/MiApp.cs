using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine;
using SecVault.Hosting;

namespace SecVault.Cli;

/// <summary>
/// The <c>mi</c> application: builds the <c>secret</c> command group, parses, runs one command and maps
/// failures to exit codes (0, 1, 2, 130); an unexpected exception is one line naming its type only. Runs in process
/// against any <see cref="MiContext"/>.
/// </summary>
internal static class MiApp
{
    /// <summary>The <c>mi secret</c> subcommands, in help order: add a new subcommand here.</summary>
    internal static IReadOnlyList<Func<MiContext, Command>> SecretCommands { get; } =
    [
        InitCommand.Build,
        CreateCommand.Build,
        VerifyCommand.Build,
        ResolveCommand.Build,
        ExecCommand.Build,
        RotateCommand.Build,
    ];

    /// <summary>Runs <c>mi</c> with <paramref name="args"/>; returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> args, MiContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        var root = BuildRoot(context);

        // 'mi help [command...]' is 'mi [command...] --help', as in the upstream CLI.
        if (args.Count > 0 && args[0] == "help")
        {
            args = [.. args.Skip(1), "--help"];
        }

        var parseResult = root.Parse(CliSyntax.SplitSystemProperties(args), CliSyntax.ParserConfiguration);
        var unknown = parseResult.Errors.Count == 0 ? CliSyntax.FindUnknownOption(parseResult) : null;
        if (parseResult.Errors.Count > 0 || unknown is not null)
        {
            var messages = unknown is not null
                ? [MiText.CliUnknownOption(unknown)]
                : parseResult.Errors.Select(e => e.Message).Distinct(StringComparer.Ordinal).ToList();
            for (var i = 0; i < messages.Count; i++)
            {
                context.Error(messages[i], i == messages.Count - 1 ? HelpHint(parseResult) : null);
            }

            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = context.Console.StdOut,
            Error = context.Console.StdErr,
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return parseResult.Invoke(invocation);
        }
        catch (UsageException ex)
        {
            context.Error(ex.Message, ex.Hint ?? HelpHint(parseResult));
            return ExitCodes.Usage;
        }
        catch (ToolFailureException ex)
        {
            context.Error(ex.Message, ex.Hint);
            return ExitCodes.Failure;
        }
        catch (SecVaultException ex)
        {
            context.Error(ex.Message, ex.Hint);
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Interrupted;
        }
#pragma warning disable CA1031 // The last line of defence: never a stack trace, never an exception message that might hold a value.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            context.Error(ToolEntryPoint.UnexpectedFailure(ex));
            return ExitCodes.Failure;
        }
    }

    /// <summary>The root command with the upstream root flags and the <c>secret</c> group.</summary>
    internal static RootCommand BuildRoot(MiContext context)
    {
        var secret = new Command("secret", MiText.CliSecretDescription);
        foreach (var build in SecretCommands)
        {
            secret.Subcommands.Add(build(context));
        }

        // 'mi secret' alone prints help and succeeds, as upstream does.
        secret.SetAction(ShowHelp);
        var root = new RootCommand(MiText.CliRootDescription)
        {
            new Option<bool>("--verbose") { Description = MiText.CliIgnoredFlag, Recursive = true },
            new Option<bool>("--insecure", "-k") { Description = MiText.CliIgnoredFlag, Recursive = true },
            secret,
        };
        root.SetAction(ShowHelp);
        foreach (var option in root.Options)
        {
            if (option is HelpOption help)
            {
                help.Action = new HelpWithFooter();
            }
            else if (option is VersionOption version)
            {
                version.Action = new PrintVersion();
            }
        }

        return root;
    }

    private static int ShowHelp(ParseResult parseResult) => new HelpWithFooter().Invoke(parseResult);

    /// <summary>The generated help, then the exit codes and environment variables.</summary>
    private sealed class HelpWithFooter : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var exit = new HelpAction().Invoke(parseResult);
            parseResult.InvocationConfiguration.Output.WriteLine(MiText.MiHelpFooter);
            return exit;
        }
    }

    /// <summary>The version of this build (not of the hosting process, as the default action would print in tests).</summary>
    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(ToolVersion.Of(typeof(MiApp).Assembly));
            return ExitCodes.Success;
        }
    }

    private static string HelpHint(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var command = parseResult.CommandResult; command is not null; command = command.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(command.Command is RootCommand ? "mi" : command.Command.Name);
        }

        names.Reverse();
        return MiText.CliHelpHint(string.Join(' ', names));
    }
}
