using System.CommandLine;

namespace SecVault.Cli;

/// <summary><c>mi secret init</c>: checks a keystore and stores its certificate in the CLI config folder.</summary>
internal sealed class InitCommand
{
    private readonly MiContext _context;
    private readonly Option<string?> _keystore = new("--keystore") { Description = Messages.CliInitKeystoreOption, HelpName = "PATH" };
    private readonly Option<string?> _type = new("--type") { Description = Messages.CliInitTypeOption, HelpName = "TYPE" };
    private readonly Option<string?> _alias = new("--alias") { Description = Messages.CliInitAliasOption, HelpName = "ALIAS" };
    private readonly Option<bool> _passwordStdin = new("--password-stdin") { Description = Messages.CliInitPasswordStdinOption };

    private InitCommand(MiContext context)
    {
        _context = context;
    }

    /// <summary>Builds the command for <see cref="MiApp.SecretCommands"/>.</summary>
    public static Command Build(MiContext context)
    {
        var init = new InitCommand(context);
        var command = new Command("init", Messages.CliInitDescription) { init._keystore, init._type, init._alias, init._passwordStdin };
        command.SetAction(init.Run);
        return command;
    }

    private int Run(ParseResult parseResult)
    {
        _ = parseResult;
        _context.Error("not implemented yet");
        return ExitCodes.Failure;
    }
}
