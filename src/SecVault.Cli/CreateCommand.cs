using System.CommandLine;

namespace SecVault.Cli;

/// <summary><c>mi secret create</c>: encrypts secrets with the certificate stored by <c>init</c>.</summary>
internal sealed class CreateCommand
{
    private readonly MiContext _context;
    private readonly Argument<string?> _format = new("format") { Description = Messages.CliCreateFormatArgument, Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<string?> _output = new("--output", "-o") { Description = Messages.CliCreateOutputOption, HelpName = "console|file|k8" };
    private readonly Option<string?> _fromFile = new("--from-file", "-f", "--file") { Description = Messages.CliCreateFromFileOption, HelpName = "FILE" };
    private readonly Option<string?> _cipher = new("--cipher", "-c") { Description = Messages.CliCreateCipherOption, HelpName = "TRANSFORMATION" };
    private readonly Option<string?> _out = new("--out") { Description = Messages.CliCreateOutOption, HelpName = "PATH" };
    private readonly Option<string?> _name = new("--name") { Description = Messages.CliCreateNameOption, HelpName = "NAME" };
    private readonly Option<string?> _namespace = new("--namespace") { Description = Messages.CliCreateNamespaceOption, HelpName = "NAMESPACE" };

    private CreateCommand(MiContext context)
    {
        _context = context;
    }

    /// <summary>Builds the command for <see cref="MiApp.SecretCommands"/>.</summary>
    public static Command Build(MiContext context)
    {
        var create = new CreateCommand(context);
        var command = new Command("create", Messages.CliCreateDescription)
        {
            create._format, create._output, create._fromFile, create._cipher, create._out, create._name, create._namespace,
        };
        command.SetAction(create.Run);
        return command;
    }

    private int Run(ParseResult parseResult)
    {
        _ = parseResult;
        _context.Error("not implemented yet");
        return ExitCodes.Failure;
    }
}
