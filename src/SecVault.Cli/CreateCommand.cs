using System.CommandLine;
using SecVault.Ciphers;
using SecVault.CliConfig;
using SecVault.Passwords;
using SecVault.SecretOutput;

namespace SecVault.Cli;

/// <summary><c>mi secret create</c>: encrypts secrets with the certificate stored by <c>init</c>.</summary>
internal sealed class CreateCommand
{
    private readonly MiContext _context;
    private readonly Argument<string?> _format = new("format") { Description = MiText.CliCreateFormatArgument, Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<string?> _output = new("--output", "-o") { Description = MiText.CliCreateOutputOption, HelpName = "console|file|k8" };
    private readonly Option<string?> _fromFile = new("--from-file", "-f", "--file") { Description = MiText.CliCreateFromFileOption, HelpName = "FILE" };
    private readonly Option<string?> _cipher = new("--cipher", "-c") { Description = MiText.CliCreateCipherOption, HelpName = "TRANSFORMATION" };
    private readonly Option<string?> _out = new("--out") { Description = MiText.CliCreateOutOption, HelpName = "PATH" };
    private readonly Option<string?> _name = new("--name") { Description = MiText.CliCreateNameOption, HelpName = "NAME" };
    private readonly Option<string?> _namespace = new("--namespace") { Description = MiText.CliCreateNamespaceOption, HelpName = "NAMESPACE" };

    private CreateCommand(MiContext context)
    {
        _context = context;
    }

    /// <summary>Builds the command for <see cref="MiApp.SecretCommands"/>.</summary>
    public static Command Build(MiContext context)
    {
        var create = new CreateCommand(context);
        var command = new Command("create", MiText.CliCreateDescription)
        {
            create._format, create._output, create._fromFile, create._cipher, create._out, create._name, create._namespace,
        };
        command.SetAction(create.Run);
        return command;
    }

    private int Run(ParseResult parseResult)
    {
        // 1. Options (exit 2), before anything is read.
        var format = ReadFormat(parseResult);
        var transformation = ReadTransformation(parseResult.GetValue(_cipher));
        var outPath = parseResult.GetValue(_out);
        var name = parseResult.GetValue(_name);
        var kubernetesNamespace = parseResult.GetValue(_namespace);
        CheckDestination(format, outPath, name, kubernetesNamespace);

        // 2. The certificate stored by init, checked before any prompt; the keystore is not opened.
        var info = CliConfigStore.ForEnvironment(_context.Environment).Load();

        // 3. Input.
        var fromFile = parseResult.GetValue(_fromFile);
        var (entries, source) = fromFile is not null
            ? (SecretInputReader.ReadPropertiesFile(_context.FullPath(fromFile), fromFile), fromFile)
            : _context.Console.IsInputTerminal
                ? ([PromptOne()], MiText.CliCreateTerminal)
                : (SecretInputReader.ReadLinePairs(_context.Console.StdIn.ReadToEnd()), SecretInputReader.StandardInput);
        var batch = SecretBatch.Prepare(entries, format, source);
        foreach (var warning in batch.Warnings)
        {
            _context.Warning(warning);
        }

        // 4. Every secret validated, then encrypted; nothing is written unless all are. The file output is streamed: a
        // batch of ciphertexts at a time goes into the temporary file, which replaces the target only when complete.
        IReadOnlyList<EncryptedSecret> encrypted;
        using (var progress = _context.Progress(MiText.CliProgressEncrypting))
        {
            var encryptor = info.CreateEncryptor(transformation, transformation.CliName);
            if (format == SecretOutputFormat.File)
            {
                var full = _context.FullPath(outPath ?? SecretRenderer.DefaultPropertiesPath);
                var warnings = SecretRenderer.WritePropertiesFile(full, batch, encryptor, progress);
                progress.Dispose();
                ReportWarnings(warnings);
                _context.Info(MiText.CliCreatePropertiesWritten(full));
                return ExitCodes.Success;
            }

            encrypted = batch.Encrypt(encryptor, progress);
        }

        // 5. Output.
        if (format == SecretOutputFormat.Kubernetes)
        {
            var bytes = SecretRenderer.RenderKubernetesSecret(encrypted, name ?? KubernetesNames.DefaultSecretName, kubernetesNamespace);
            var yamlPath = Write(outPath ?? SecretRenderer.DefaultKubernetesPath, bytes);
            _context.Info(MiText.CliCreateKubernetesWritten(yamlPath));
        }
        else
        {
            _context.Console.StdOut.Write(SecretRenderer.RenderConsole(encrypted));
            _context.Console.StdOut.Flush();
        }

        return ExitCodes.Success;
    }

    private SecretOutputFormat ReadFormat(ParseResult parseResult)
    {
        var positional = parseResult.GetValue(_format);
        var option = parseResult.GetValue(_output);
        var format = SecretOutputFormat.Console;
        if (positional is not null && !SecretOutputFormats.TryParse(positional, out format))
        {
            throw new UsageException(MiText.CliCreateUnknownFormat(positional));
        }

        if (option is not null)
        {
            if (!SecretOutputFormats.TryParse(option, out var fromOption))
            {
                throw new UsageException(MiText.CliCreateUnknownFormat(option));
            }

            if (positional is not null && fromOption != format)
            {
                throw new UsageException(MiText.CliCreateFormatConflict(positional, option));
            }

            format = fromOption;
        }

        return format;
    }

    /// <summary>The transformation named by a <c>--cipher</c> option (OAEP when absent); a wrong name is a usage error.</summary>
    internal static Transformation ReadTransformation(string? name)
    {
        if (name is null)
        {
            return Transformation.Default;
        }

        try
        {
            return Transformation.Parse(name);
        }
        catch (CipherException ex)
        {
            throw new UsageException(ex.Message, MiText.CliCreateCipherHint);
        }
    }

    private static void CheckDestination(SecretOutputFormat format, string? outPath, string? name, string? kubernetesNamespace)
    {
        if (outPath is not null && (format == SecretOutputFormat.Console || outPath.Length == 0))
        {
            throw new UsageException(outPath.Length == 0 ? MiText.CliCreateEmptyOut : MiText.CliCreateOutNeedsFile);
        }

        if (format != SecretOutputFormat.Kubernetes && (name is not null || kubernetesNamespace is not null))
        {
            throw new UsageException(MiText.CliCreateKubernetesOnly(name is not null ? "--name" : "--namespace"));
        }

        if (KubernetesNames.Problem(name, kubernetesNamespace) is { } problem)
        {
            throw new UsageException(problem);
        }
    }

    // Upstream's prompts, asked by the library's prompt loop: the alias once, the secret twice, three tries each.
    private SecretInputEntry PromptOne()
    {
        var prompt = new TerminalPrompt(_context.Console);
        var alias = prompt.Ask(MiText.CliCreateAliasPrompt, a => a.Length == 0 ? MiText.CliCreateAliasEmpty : null);
        var secret = prompt.AskTwice(MiText.CliCreateSecretPrompt, MiText.CliCreateRepeatPrompt, MiText.CliCreateSecretEmpty, MiText.CliCreateSecretsDiffer);
        return new SecretInputEntry(alias, secret, 0);
    }

    private string Write(string path, byte[] content)
    {
        var full = _context.FullPath(path);
        ReportWarnings(SecretRenderer.WriteFile(full, content));
        return full;
    }

    private void ReportWarnings(IReadOnlyList<string> warnings)
    {
        foreach (var warning in warnings)
        {
            _context.Warning(warning);
        }
    }
}
