using System.CommandLine;
using SecVault.CliConfig;
using SecVault.Home;
using SecVault.Keystores;
using SecVault.Passwords;
using SecVault.SecretOutput;
using SecVault.Synapse;

namespace SecVault.Cli;

/// <summary>
/// <c>mi secret rotate</c>: re-encrypts the files <c>mi secret create</c> wrote from an old key to the key stored by
/// <c>mi secret init</c>; every value is checked with the new private key and all files are written together.
/// </summary>
internal sealed class RotateCommand
{
    /// <summary>The property that announces the old key's own password, named after MI's <c>key.password</c>.</summary>
    public const string OldKeyPasswordProperty = "old.key.password";

    private readonly MiContext _context;
    private readonly Argument<string[]> _files = new("files") { Description = MiText.CliRotateFilesArgument, Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<string?> _oldKeystore = new("--old-keystore") { Description = MiText.CliRotateOldKeystoreOption, HelpName = "PATH" };
    private readonly Option<string?> _oldType = new("--old-type") { Description = MiText.CliRotateOldTypeOption, HelpName = "TYPE" };
    private readonly Option<string?> _oldAlias = new("--old-alias") { Description = MiText.CliRotateOldAliasOption, HelpName = "ALIAS" };
    private readonly Option<string?> _oldCipher = new("--old-cipher") { Description = MiText.CliRotateOldCipherOption, HelpName = "TRANSFORMATION" };
    private readonly Option<string?> _cipher = new("--cipher", "-c") { Description = MiText.CliRotateCipherOption, HelpName = "TRANSFORMATION" };
    private readonly Option<bool> _passwordStdin = new("--password-stdin") { Description = MiText.CliRotatePasswordStdinOption };
    private readonly Option<string[]> _systemProperties = CliSyntax.SystemPropertiesOption();
    private readonly Option<string?> _home = new("--home") { Description = MiText.CliRotateHomeOption, HelpName = "DIR" };

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
            rotate._files, rotate._oldKeystore, rotate._oldType, rotate._oldAlias, rotate._oldCipher, rotate._cipher, rotate._passwordStdin, rotate._systemProperties, rotate._home,
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
        var (separateKey, oldSeparateKey, properties) = SystemProperties(parseResult);
        if (properties.ContainsKey(SynapseResolver.FileRootProperty) && parseResult.GetValue(_home) is null)
        {
            // The root only places the FILE secrets of --home's artifacts; alone it would be silently ignored.
            throw new UsageException(MiText.CliRotateRootNeedsHome);
        }

        // With --home, the encrypted FILE secrets of that MI home's Synapse artifacts are rotated in the same run.
        var synapse = parseResult.GetValue(_home) is { } homePath
            ? SynapseFileSecrets.Find(MiHome.FromPath(_context.FullPath(homePath), MiHomeSource.Option, _context.CurrentFolder), properties)
            : null;
        var files = Files(parseResult.GetValue(_files) ?? [], synapse is { EncryptedFiles.Count: > 0 });
        var info = CliConfigStore.ForEnvironment(_context.Environment).Load();
        var oldPath = parseResult.GetValue(_oldKeystore) is { } given ? _context.FullPath(given) : info.KeystorePath;
        Keystore.RequireFile(oldPath);
        var samePath = string.Equals(Path.GetFullPath(oldPath), Path.GetFullPath(info.KeystorePath), StringComparison.Ordinal);

        // 2. Every password source settled before any work: a missing one fails at once. Standard input holds the new
        // keystore's lines first (store, then key with -Dkey.password=true), then the old keystore's.
        var stdin = parseResult.GetValue(_passwordStdin) ? _context.Console.StdIn : null;
        using var newPassword = Password(
            PasswordSourceChain.NewKeystore(stdin, MiText.CliRotateTheNewKeystore, _context.Environment, new PromptPasswordSource(_context.Console, MiText.CliRotateNewPasswordPrompt, MiText.CliRotateNewKeyPasswordPrompt)),
            new PasswordRequest(info.KeystorePath, separateKey),
            MiText.CliRotateTheNewKeystore);
        // The old key of init's own keystore opens with its store password, and with its key password too unless
        // -Dold.key.password=true says it has its own: then only that is read.
        using var oldPassword = !samePath
            ? Password(
                PasswordSourceChain.OldKeystore(passwordFile: null, stdin, _context.Environment, new PromptPasswordSource(_context.Console, MiText.CliRotateOldPasswordPrompt, MiText.CliRotateOldKeyPasswordPrompt)),
                new PasswordRequest(oldPath, oldSeparateKey),
                MiText.CliRotateTheOldKeystore)
            : !oldSeparateKey ? newPassword.Copy()
            : PasswordSourceChain.OldKeyOfOpenedKeystore(newPassword, stdin, _context.Environment, _context.Console, MiText.CliRotateOldKeyPasswordPrompt)
                ?? throw new ToolFailureException(MiText.CliRotateNoPassword(MiText.CliRotateTheOldKey), MiText.CliRotateNoOldKeyPasswordHint);

        // 3. Both keys: the new one must be the certificate init stored, the old one another key.
        var newEntry = Keystore.Load(info.KeystorePath, newPassword.Store, info.KeystoreType).GetEntry(info.KeyAlias);
        if (newEntry.CertificateSha256 != info.CertificateSha256)
        {
            throw new ToolFailureException(MiText.CliRotateKeystoreChanged(info.KeystorePath, info.KeyAlias));
        }

        var oldEntry = Keystore.Load(oldPath, oldPassword.Store, oldType).GetEntry(parseResult.GetValue(_oldAlias) ?? info.KeyAlias);
        if (oldEntry.CertificateSha256 == newEntry.CertificateSha256)
        {
            throw new UsageException(MiText.CliRotateSameKey(oldEntry.Alias), MiText.CliRotateSameKeyHint);
        }

        // 4. Everything rotated and checked in memory, then written together.
        if (synapse is not null)
        {
            _context.Info(MiText.CliRotateSynapseFound(synapse.EncryptedFiles.Count, synapse.PlainFileLookups, synapse.DockerLookups));
        }

        var rotation = SecretFileRotation.Prepare(files, synapse?.EncryptedFiles ?? [], oldEntry, oldPassword.Key, oldTransformation, newEntry, newPassword.Key, newTransformation);
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

    private List<string> Files(string[] given, bool hasSynapseFiles)
    {
        if (given.Length > 0)
        {
            return [.. given.Select(_context.FullPath)];
        }

        var found = new[] { SecretRenderer.DefaultPropertiesPath, SecretRenderer.DefaultKubernetesPath }.Select(_context.FullPath).Where(File.Exists).ToList();
        return found.Count > 0 || hasSynapseFiles ? found : throw new ToolFailureException(MiText.CliRotateNoFiles, MiText.CliRotateNoFilesHint);
    }

    /// <summary>The password the chain gives; none (no source and no terminal) is the rotate error naming <paramref name="which"/>.</summary>
    private static KeystorePassword Password(PasswordSourceChain chain, PasswordRequest request, string which) =>
        chain.TryGetPassword(request) ?? throw new ToolFailureException(MiText.CliRotateNoPassword(which), MiText.CliRotateNoPasswordHint);

    /// <summary>
    /// <c>-Dkey.password=true</c> (the key stored by init has its own password), <c>-Dold.key.password=true</c> (so has
    /// the old key), as MI reads <c>-Dkey.password</c>, and <c>-Dei.secret.file.root.dir</c> (the FILE root with
    /// <c>--home</c>); any other <c>-D</c> name is a usage error.
    /// </summary>
    private (bool New, bool Old, IReadOnlyDictionary<string, string> Properties) SystemProperties(ParseResult parseResult)
    {
        bool separate = false, oldSeparate = false;
        var properties = CliSyntax.GetSystemProperties(parseResult, _systemProperties);
        foreach (var (name, value) in properties)
        {
            var on = string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
            if (name == RuntimeOptions.KeyPasswordProperty)
            {
                separate = on;
            }
            else if (name == OldKeyPasswordProperty)
            {
                oldSeparate = on;
            }
            else if (name != SynapseResolver.FileRootProperty)
            {
                throw new UsageException(MiText.CliRotateUnknownProperty(name));
            }
        }

        return (separate, oldSeparate, properties);
    }
}
