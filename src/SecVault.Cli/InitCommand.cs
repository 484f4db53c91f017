using System.CommandLine;
using System.Globalization;
using SecVault.CliConfig;
using SecVault.Keystores;
using SecVault.Passwords;

namespace SecVault.Cli;

/// <summary><c>mi secret init</c>: checks a keystore and stores its certificate in the CLI config folder.</summary>
internal sealed class InitCommand
{
    private readonly MiContext _context;
    private readonly Option<string?> _keystore = new("--keystore") { Description = MiText.CliInitKeystoreOption, HelpName = "PATH" };
    private readonly Option<string?> _type = new("--type") { Description = MiText.CliInitTypeOption, HelpName = "TYPE" };
    private readonly Option<string?> _alias = new("--alias") { Description = MiText.CliInitAliasOption, HelpName = "ALIAS" };
    private readonly Option<bool> _passwordStdin = new("--password-stdin") { Description = MiText.CliInitPasswordStdinOption };

    private InitCommand(MiContext context)
    {
        _context = context;
    }

    /// <summary>Builds the command for <see cref="MiApp.SecretCommands"/>.</summary>
    public static Command Build(MiContext context)
    {
        var init = new InitCommand(context);
        var command = new Command("init", MiText.CliInitDescription) { init._keystore, init._type, init._alias, init._passwordStdin };
        command.SetAction(init.Run);
        return command;
    }

    private int Run(ParseResult parseResult)
    {
        var console = _context.Console;
        var passwordStdin = parseResult.GetValue(_passwordStdin);
        var keystoreOption = parseResult.GetValue(_keystore);
        var typeOption = parseResult.GetValue(_type);
        var aliasOption = parseResult.GetValue(_alias);

        // Without a terminal every missing value fails at once, before any other work.
        if (!console.IsInputTerminal)
        {
            RequireOption(keystoreOption, "--keystore");
            RequireOption(aliasOption, "--alias");
            if (!passwordStdin)
            {
                throw new UsageException(MiText.CliInitNoPasswordSource, MiText.CliInitNoPasswordSourceHint);
            }
        }

        KeystoreType? declared = typeOption is null ? null : ParseTypeOption(typeOption);
        var prompt = new TerminalPrompt(console);
        var location = ExpandPath(keystoreOption?.Trim() ?? prompt.Ask(MiText.CliInitKeystorePrompt, v => v.Length > 0 ? null : MiText.CliInitKeystoreEmpty));

        // A mistyped path is reported now, not after the user has typed the type, the alias and the password.
        Keystore.RequireFile(location);

        if (typeOption is null && console.IsInputTerminal)
        {
            var guess = KeystoreTypeGuess.Guess(location);
            var answer = prompt.Ask(MiText.CliInitTypePrompt(guess.ToJavaName()), v => v.Length == 0 || KeystoreTypes.TryParse(v, out _) ? null : MiText.CliInitUnknownTypeAnswer);
            declared = answer.Length == 0 ? null : KeystoreTypes.Parse(answer);
        }

        var alias = aliasOption?.Trim() ?? prompt.Ask(MiText.CliInitAliasPrompt, v => v.Length > 0 ? null : MiText.CliInitAliasEmpty);
        if (alias.Length == 0)
        {
            throw new UsageException(MiText.CliInitAliasEmpty);
        }

        // The library's stdin reader and prompt loop; without a terminal --password-stdin was required above.
        IPasswordSource source = passwordStdin ? ExplicitPasswordSource.FromReader(console.StdIn) : new PromptPasswordSource(console, MiText.CliInitPasswordPrompt);
        using var password = source.GetPassword(new PasswordRequest(location, SeparateKeyPassword: false))
            ?? throw new UsageException(MiText.CliInitNoPasswordSource, MiText.CliInitNoPasswordSourceHint);
        var info = KeystoreInfo.FromKeystore(location, declared, alias, password.Store);
        if (info.NotAfter < _context.Time.GetUtcNow())
        {
            _context.Warning(MiText.CliInitCertificateExpired(info.KeyAlias, Date(info.NotAfter)));
        }

        var store = CliConfigStore.ForEnvironment(_context.Environment);
        if (store.Save(info))
        {
            _context.Warning(MiText.CliInitFolderOpen(store.Folder));
        }

        _context.Info(MiText.CliInitCompleted);
        _context.Info(MiText.CliInitSummary(store.FilePath, info.KeystorePath, info.KeystoreType.ToJavaName(), info.KeyAlias, info.KeySizeBits, info.CertificateSha256, Date(info.NotAfter)));
        return ExitCodes.Success;
    }

    private static void RequireOption(string? value, string option)
    {
        if (value is null)
        {
            throw new UsageException(MiText.CliInitMissingOption(option), MiText.CliInitMissingOptionHint(option));
        }
    }

    private static KeystoreType ParseTypeOption(string name) =>
        KeystoreTypes.TryParse(name, out var type) ? type : throw new UsageException(UnknownType(name));

    /// <summary>The library's message for a keystore type name it does not know.</summary>
    private static string UnknownType(string name)
    {
        try
        {
            _ = KeystoreTypes.Parse(name);
            return string.Empty;
        }
        catch (KeystoreException ex)
        {
            return ex.Message;
        }
    }

    private static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private string ExpandPath(string path)
    {
        if (path.Length == 0)
        {
            throw new UsageException(MiText.CliInitKeystoreEmpty);
        }

        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith("~\\", StringComparison.Ordinal))
        {
            path = CliConfigFolder.UserHome(_context.Environment) + path[1..];
        }

        return _context.FullPath(path);
    }
}
