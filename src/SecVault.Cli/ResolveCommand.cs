using System.CommandLine;
using System.Text;
using SecVault.Diagnostics;
using SecVault.Resolution;
using SecVault.Synapse;

namespace SecVault.Cli;

/// <summary>
/// <c>mi secret resolve</c>: prints deployment.toml (or one Synapse artifact) resolved, secrets masked unless asked;
/// without <c>--synapse</c> the home's own artifacts are checked too.
/// Output is built in full first, so on any error standard output stays empty and every problem goes to standard error.
/// </summary>
internal sealed class ResolveCommand
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly MiContext _context;
    private readonly RuntimeOptions _runtime = new(canConsume: true, readsSynapse: true);
    private readonly Option<string?> _synapse = new("--synapse") { Description = MiText.CliResolveSynapseOption, HelpName = "FILE" };
    private readonly Option<string?> _format = new("--format") { Description = MiText.CliResolveFormatOption, HelpName = "toml|flat" };
    private readonly Option<bool> _showSecrets = new("--show-secrets") { Description = MiText.CliResolveShowSecretsOption };

    private ResolveCommand(MiContext context)
    {
        _context = context;
    }

    /// <summary>Builds the command for <see cref="MiApp.SecretCommands"/>.</summary>
    public static Command Build(MiContext context)
    {
        var resolve = new ResolveCommand(context);
        var command = new Command("resolve", MiText.CliResolveDescription) { resolve._synapse, resolve._format, resolve._showSecrets };
        resolve._runtime.AddTo(command);
        command.SetAction(resolve.Run);
        return command;
    }

    private int Run(ParseResult parseResult)
    {
        var synapse = parseResult.GetValue(_synapse);
        var flat = ReadFormat(parseResult.GetValue(_format), synapse is not null);
        var showSecrets = parseResult.GetValue(_showSecrets);
        var options = _runtime.ResolverOptions(parseResult, _context);
        var home = _runtime.FindHome(parseResult, _context);

        string output;
        IReadOnlyList<Problem> warnings = [];
        using var progress = _context.Progress(MiText.CliProgressDecrypting);
        options.Progress = progress;
        using (var resolver = new MiHomeResolver(home, options))
        {
            try
            {
                if (synapse is not null)
                {
                    output = resolver.CreateSynapseResolver().Resolve(ReadArtifact(synapse), synapse).Render(showSecrets);
                }
                else
                {
                    var resolved = resolver.Resolve();

                    // The home's own artifacts, read as verify reads them: a lookup there that does not resolve fails
                    // here too, though only deployment.toml is printed.
                    var artifacts = resolver.CreateSynapseResolver().CheckFiles(SynapseArtifact.InHome(home));
                    if (artifacts.Any(p => p.Severity == ProblemSeverity.Error))
                    {
                        throw new SecVaultResolutionException([.. resolved.Warnings, .. artifacts]);
                    }

                    warnings = [.. resolved.Warnings, .. artifacts];
                    output = flat ? RenderFlat(resolved, showSecrets) : Utf8.GetString(resolved.RenderToml(showSecrets));
                }
            }
            catch (SecVaultResolutionException ex)
            {
                progress.Dispose();
                return RuntimeOptions.ReportProblems(_context, ex);
            }
        }

        // The progress line is erased before anything else is written to standard error.
        progress.Dispose();
        foreach (var warning in warnings)
        {
            _context.Warning(warning.ToString());
        }

        _context.Console.StdOut.Write(output);
        _context.Console.StdOut.Flush();
        return ExitCodes.Success;
    }

    private static bool ReadFormat(string? format, bool synapse)
    {
        if (format is null)
        {
            return false;
        }

        if (synapse)
        {
            throw new UsageException(MiText.CliResolveFormatWithSynapse);
        }

        return format.ToUpperInvariant() switch
        {
            "TOML" => false,
            "FLAT" => true,
            _ => throw new UsageException(MiText.CliResolveUnknownFormat(format)),
        };
    }

    private string ReadArtifact(string path) =>
        SynapseArtifact.TryReadText(_context.FullPath(path), path, out var problem) ?? throw new SecVaultResolutionException([problem!]);

    private static string RenderFlat(ResolvedConfiguration resolved, bool showSecrets)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in resolved.Flat(showSecrets))
        {
            text.Append(key).Append(" = ").Append(value).Append('\n');
        }

        return text.ToString();
    }
}
