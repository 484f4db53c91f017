using System.CommandLine;
using SecVault.Diagnostics;
using SecVault.Verification;

namespace SecVault.Cli;

/// <summary><c>mi secret verify</c>: runs the verify checks, one finding per line on standard output.</summary>
internal sealed class VerifyCommand
{
    private readonly MiContext _context;
    private readonly RuntimeOptions _runtime = new(canConsume: false, readsSynapse: true);
    private readonly Option<string[]> _synapse = new("--synapse")
    {
        Description = MiText.CliVerifySynapseOption,
        HelpName = "PATH",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<bool> _strict = new("--strict") { Description = MiText.CliVerifyStrictOption };

    private VerifyCommand(MiContext context)
    {
        _context = context;
    }

    /// <summary>Builds the command for <see cref="MiApp.SecretCommands"/>.</summary>
    public static Command Build(MiContext context)
    {
        var verify = new VerifyCommand(context);
        var command = new Command("verify", MiText.CliVerifyDescription) { verify._synapse, verify._strict };
        verify._runtime.AddTo(command);
        command.SetAction(verify.Run);
        return command;
    }

    private int Run(ParseResult parseResult)
    {
        var options = _runtime.ResolverOptions(parseResult, _context);
        var home = _runtime.FindHome(parseResult, _context);
        // Without --synapse the verifier scans the home's own artifact folders.
        var given = parseResult.GetValue(_synapse);
        var synapse = given is { Length: > 0 } ? given.Select(_context.FullPath) : null;

        // The verifier never consumes password files, whatever the options say.
        IReadOnlyList<Problem> problems;
        using (var progress = _context.Progress(MiText.CliProgressDecrypting))
        {
            options.Progress = progress;
            problems = Verifier.Verify(home, options, synapse, _context.Time);
        }

        foreach (var problem in problems)
        {
            _context.Console.StdOut.WriteLine(Verifier.Format(problem));
        }

        _context.Console.StdOut.Flush();
        var errors = problems.Count(p => p.Severity == ProblemSeverity.Error);
        var warnings = problems.Count - errors;
        _context.Info(MiText.CliVerifyCounts(errors, warnings));
        return errors > 0 || (warnings > 0 && parseResult.GetValue(_strict)) ? ExitCodes.Failure : ExitCodes.Success;
    }
}
