using System.CommandLine;
using SecVault.CliConfig;
using SecVault.Keystores;
using SecVault.SecretOutput;

namespace SecVault.Cli;

/// <summary>
/// <c>mi secret rotate</c>: re-encrypts the files <c>mi secret create</c> wrote from an old key to the key stored by
/// <c>mi secret init</c>; every value is checked with the new private key and all files are written together.
/// </summary>
internal sealed class RotateCommand
{
    private readonly MiContext _context;
    private readonly Argument<string[]> _files = new("files") { Description = MiText.CliRotateFilesArgument, Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<string?> _oldKeystore = new("--old-keystore") { Description = MiText.CliRotateOldKeystoreOption, HelpName = "PATH" };
    private readonly Option<string?> _oldType = new("--old-type") { Description = MiText.CliRotateOldTypeOption, HelpName = "TYPE" };
    private readonly Option<string?> _oldAlias = new("--old-alias") { Description = MiText.CliRotateOldAliasOption, HelpName = "ALIAS" };
    private readonly Option<string?> _oldCipher = new("--old-cipher") { Description = MiText.CliRotateOldCipherOption, HelpName = "TRANSFORMATION" };
    private readonly Option<string?> _cipher = new("--cipher", "-c") { Description = MiText.CliRotateCipherOption, HelpName = "TRANSFORMATION" };
    private readonly Option<bool> _passwordStdin = new("--password-stdin") { Description = MiText.CliRotatePasswordStdinOption };

    private RotateCommand(MiContext context)
    {
        _context = context;
    }

    /// <summary>Builds the command for <see cref="MiApp.SecretCommands"/>.</summary>
    public static Command Build(MiContext context)
    {
        var rotate = new RotateCommand(context);
        var command = new Command("rotate", MiText.CliRotateDescription)
        {
            rotate._files, rotate._oldKeystore, rotate._oldType, rotate._oldAlias, rotate._oldCipher, rotate._cipher, rotate._passwordStdin,
        };
        command.SetAction(rotate.Run);
        return command;
    }

    private int Run(ParseResult parseResult)
    {
        // 1. Options (exit 2) and the files, before any password is asked.
        var oldTransformation = CreateCommand.ReadTransformation(parseResult.GetValue(_oldCipher));
        var newTransformation = CreateCommand.ReadTransformation(parseResult.GetValue(_cipher));
        var oldTypeName = parseResult.GetValue(_oldType);
        KeystoreType? oldType = oldTypeName is null ? null
            : KeystoreTypes.TryParse(oldTypeName.Trim(), out var parsed) ? parsed : throw new UsageException(MiText.CliRotateUnknownType(oldTypeName));
        var files = Files(parseResult.GetValue(_files) ?? []);
        var info = CliConfigStore.ForEnvironment(_context.Environment).Load();
        var oldPath = parseResult.GetValue(_oldKeystore) is { } given ? _context.FullPath(given) : info.KeystorePath;
        Keystore.RequireFile(oldPath);
        var samePath = string.Equals(Path.GetFullPath(oldPath), Path.GetFullPath(info.KeystorePath), StringComparison.Ordinal);

        // 2. Every password source settled before any work: a missing one fails at once.
        var stdin = parseResult.GetValue(_passwordStdin);
        var newPassword = (stdin ? ReadLine() : null) ?? _context.Environment.GetVariable("MI_KEYSTORE_PASSWORD");
        var oldPassword = samePath ? null : (stdin ? ReadLine() : null) ?? _context.Environment.GetVariable(MiText.CliRotateOldPasswordVariable);
        newPassword = Prompted(newPassword, MiText.CliRotateNewPasswordPrompt, MiText.CliRotateTheNewKeystore);
        oldPassword = samePath ? newPassword : Prompted(oldPassword, MiText.CliRotateOldPasswordPrompt, MiText.CliRotateTheOldKeystore);

        // 3. Both keys: the new one must be the certificate init stored, the old one another key.
        var newEntry = Keystore.Load(info.KeystorePath, newPassword, info.KeystoreType).GetEntry(info.KeyAlias);
        if (newEntry.CertificateSha256 != info.CertificateSha256)
        {
            throw new ToolFailureException(MiText.CliRotateKeystoreChanged(info.KeystorePath, info.KeyAlias));
        }

        var oldEntry = Keystore.Load(oldPath, oldPassword, oldType).GetEntry(parseResult.GetValue(_oldAlias) ?? info.KeyAlias);
        if (oldEntry.CertificateSha256 == newEntry.CertificateSha256)
        {
            throw new UsageException(MiText.CliRotateSameKey(oldEntry.Alias), MiText.CliRotateSameKeyHint);
        }

        // 4. Everything rotated and checked in memory, then written together.
        var rotation = SecretFileRotation.Prepare(files, oldEntry, oldPassword, oldTransformation, newEntry, newPassword, newTransformation);
        foreach (var warning in rotation.Commit())
        {
            _context.Warning(warning);
        }

        foreach (var file in rotation.Files)
        {
            _context.Info(MiText.CliRotateFileDone(file.Path, file.Rotated, file.AlreadyRotated));
        }

        return ExitCodes.Success;
    }

    private List<string> Files(string[] given)
    {
        if (given.Length > 0)
        {
            return [.. given.Select(_context.FullPath)];
        }

        var found = new[] { SecretRenderer.DefaultPropertiesPath, SecretRenderer.DefaultKubernetesPath }.Select(_context.FullPath).Where(File.Exists).ToList();
        return found.Count > 0 ? found : throw new ToolFailureException(MiText.CliRotateNoFiles, MiText.CliRotateNoFilesHint);
    }

    private string? ReadLine()
    {
        var line = _context.Console.StdIn.ReadLine();
        line = line is not null && line.EndsWith('\r') ? line[..^1] : line;
        return string.IsNullOrEmpty(line) ? null : line;
    }

    private string Prompted(string? password, string prompt, string which)
    {
        if (!string.IsNullOrEmpty(password))
        {
            return password;
        }

        var entered = _context.Console.IsInputTerminal ? _context.Console.ReadHidden(prompt) : null;
        return string.IsNullOrEmpty(entered) ? throw new ToolFailureException(MiText.CliRotateNoPassword(which), MiText.CliRotateNoPasswordHint) : entered;
    }
}
