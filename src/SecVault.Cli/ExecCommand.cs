using System.CommandLine;
using System.ComponentModel;
using SecVault.Diagnostics;
using SecVault.Exec;
using SecVault.Hosting;
using SecVault.Resolution;

namespace SecVault.Cli;

/// <summary>
/// <c>mi secret exec</c>: starts a command with the decrypted <c>[secrets]</c> values as environment variables. The
/// command inherits the standard streams, gets SIGINT and SIGTERM forwarded, and its exit code is returned.
/// Secrets go only into the child's environment: never into arguments or files.
/// </summary>
internal sealed class ExecCommand
{
    private readonly MiContext _context;
    private readonly RuntimeOptions _runtime = new(canConsume: true, readsSynapse: false);
    private readonly Option<string[]> _only = new("--only")
    {
        Description = MiText.CliExecOnlyOption,
        HelpName = "A,B",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<string?> _prefix = new("--prefix") { Description = MiText.CliExecPrefixOption, HelpName = "P" };
    private readonly Option<bool> _override = new("--override") { Description = MiText.CliExecOverrideOption };
    private readonly Argument<string[]> _command = new("command") { Description = MiText.CliExecCommandArgument, Arity = ArgumentArity.OneOrMore };

    private ExecCommand(MiContext context)
    {
        _context = context;
    }

    /// <summary>Builds the command for <see cref="MiApp.SecretCommands"/>.</summary>
    public static Command Build(MiContext context)
    {
        var exec = new ExecCommand(context);
        var command = new Command("exec", MiText.CliExecDescription) { exec._only, exec._prefix, exec._override, exec._command };
        exec._runtime.AddTo(command);
        command.SetAction(exec.Run);
        return command;
    }

    private int Run(ParseResult parseResult)
    {
        var only = ReadOnly(parseResult.GetValue(_only));
        var prefix = parseResult.GetValue(_prefix) ?? string.Empty;
        var commandLine = parseResult.GetValue(_command) ?? [];
        if (commandLine.Length == 0 || commandLine[0].Length == 0)
        {
            throw new UsageException(MiText.CliExecEmptyCommand);
        }

        // The process's own standard input is read byte-wise, so the child still gets every byte after the password line.
        var passwordInput = _context.Console is SystemConsole ? new UnbufferedLineReader(Console.OpenStandardInput()) : null;
        var options = _runtime.ResolverOptions(parseResult, _context, passwordInput);
        var home = _runtime.FindHome(parseResult, _context);

        IReadOnlyList<KeyValuePair<string, string>> variables;
        using (var resolver = new MiHomeResolver(home, options))
        {
            try
            {
                // Names are checked before the keystore password is asked for.
                variables = SecretExec.Prepare(only, [.. resolver.Secrets.Aliases], prefix, _context.Environment, parseResult.GetValue(_override), resolver.DecryptSecrets);
            }
            catch (SecVaultResolutionException ex)
            {
                return RuntimeOptions.ReportProblems(_context, ex);
            }
            catch (SecretVariableException ex)
            {
                foreach (var conflict in ex.Conflicts)
                {
                    _context.Error(conflict.ToString());
                }

                _context.Hint(ex.Hint);
                return ExitCodes.Failure;
            }
        }

        try
        {
            return SecretExec.Run(commandLine, _context.CurrentFolder, variables);
        }
        catch (Win32Exception ex)
        {
            _context.Error(MiText.CliExecCannotStart(commandLine[0], ex.Message));
            return ExitCodes.Failure;
        }
    }

    private static List<string>? ReadOnly(string[]? values)
    {
        if (values is null || values.Length == 0)
        {
            return null;
        }

        var aliases = values.SelectMany(v => v.Split(',')).Select(a => a.Trim()).ToList();
        return aliases.Any(a => a.Length == 0) ? throw new UsageException(MiText.CliExecEmptyOnly) : aliases;
    }
}
