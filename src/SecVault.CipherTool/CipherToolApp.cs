using SecVault.Tools;
using SecVault.Ciphers;
using SecVault.Diagnostics;
using SecVault.Home;
using SecVault.Hosting;
using SecVault.Keystores;
using SecVault.Passwords;
using SecVault.Placeholders;
using SecVault.Vault;

namespace SecVault.CipherTool;

/// <summary>
/// The <c>ciphertool</c> command: parses options, asks for passwords and values, prints, and maps failures to exit
/// codes (0 success, 1 failure, 2 usage). Every rule lives in the library (<see cref="SecVault.Vault"/>).
/// </summary>
internal static partial class CipherToolApp
{
    private const string Tool = "ciphertool";

    /// <summary>Runs the tool; <paramref name="time"/> stamps secret-conf.properties (default: the system clock).</summary>
    public static int Run(string[] args, IConsole console, IEnvironment environment, string currentFolder, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(currentFolder);
        console = new StyledConsole(console, StderrStyle.For(console, environment));

        Options options;
        try
        {
            options = Options.Parse(args);
        }
        catch (UsageException e)
        {
            Error(console, e.Message, CipherToolText.UsageHint);
            return 2;
        }

        if (options.Mode == CipherToolMode.Help)
        {
            console.StdOut.WriteLine(CipherToolText.CipherToolUsage);
            console.StdOut.WriteLine(CipherToolText.CipherToolHelpFooter);
            return 0;
        }

        if (options.Mode == CipherToolMode.Version)
        {
            console.StdOut.WriteLine(ToolVersion.Of(typeof(CipherToolApp).Assembly));
            return 0;
        }

        try
        {
            return Execute(options, console, environment, currentFolder, time ?? TimeProvider.System);
        }
        catch (SecVaultResolutionException e)
        {
            foreach (var problem in e.Problems)
            {
                Line(console, problem.Severity == ProblemSeverity.Error ? "error" : "warning", problem.ToString());
            }

            Hint(console, e.Hint);
            return 1;
        }
        catch (KeystoreException e) when (e.Kind == KeystoreErrorKind.WrongKeyPassword && options.EncryptionMode == VaultEncryptionMode.Asymmetric && !options.KeyPassword && !IsOldKeystore(e.Path, options, currentFolder))
        {
            // The vault's own key: MI's -Dkey.password=true is how its separate password is given.
            Error(console, e.Message, CipherToolText.KeyPasswordHint);
            return 1;
        }
        catch (SecVaultException e)
        {
            Error(console, e.Message, e.Hint);
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Error(console, e.Message, null);
            return 1;
        }
#pragma warning disable CA1031 // The last line of defence: never a stack trace, never an exception message that might hold a value.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Error(console, ToolEntryPoint.UnexpectedFailure(e), null);
            return 1;
        }
    }

    private static bool IsOldKeystore(string? path, Options options, string currentFolder) =>
        path is not null && options.OldKeystore is not null
        && string.Equals(Path.GetFullPath(path), Path.GetFullPath(options.OldKeystore, Path.GetFullPath(currentFolder)), StringComparison.Ordinal);

    private static int Execute(Options options, IConsole console, IEnvironment environment, string currentFolder, TimeProvider time)
    {
        // The MI home comes first: a wrong one is reported as such, not as a missing password. Every password source is
        // then settled before any other work, so a missing one fails at once.
        var home = MiHome.Discover(options.CarbonHome, environment, currentFolder);
        if (options.Password is not null)
        {
            Warning(console, CipherToolText.PasswordOptionVisible);
        }

        string? password = options.Password;
        string? keyPassword = null;
        var needsKeyPassword = options.KeyPassword && options.Mode is CipherToolMode.Configure or CipherToolMode.Rotate;
        if (options.PasswordFromStdin)
        {
            using var read = ExplicitPasswordSource.FromReader(console.StdIn).GetPassword(new PasswordRequest(string.Empty, needsKeyPassword))!;
            password = read.Store.ToString();
            keyPassword = needsKeyPassword ? read.Key.ToString() : null;
        }
        else if (password is null && !console.IsInputTerminal)
        {
            Error(console, CipherToolText.NoPasswordNoTerminal, CipherToolText.NoPasswordNoTerminalHint);
            return 1;
        }
        else if (needsKeyPassword && !console.IsInputTerminal)
        {
            Error(console, CipherToolText.NoKeyPasswordNoTerminal, CipherToolText.NoKeyPasswordNoTerminalHint);
            return 1;
        }

        // The old keystore's password (-Drotate -Dold.keystore) is settled now too; a terminal is asked last.
        using var oldPassword = options.Mode == CipherToolMode.Rotate && options.OldKeystore is not null
            ? ReadOldPassword(options, console, environment, currentFolder)
            : null;
        if (options.Mode == CipherToolMode.Rotate && options.OldKeystore is not null && oldPassword is null && !console.IsInputTerminal)
        {
            Error(console, CipherToolText.NoOldPasswordNoTerminal, CipherToolText.NoOldPasswordHint);
            return 1;
        }

        if (options.Mode == CipherToolMode.Change && !console.IsInputTerminal)
        {
            Error(console, CipherToolText.ChangeNeedsTerminal, CipherToolText.ChangeNeedsTerminalHint);
            return 1;
        }

        Info(console, CipherToolText.UsingMiHome(home.Path, home.SourceDescription));
        var overrides = options.ConfigFolder is null
            ? null
            : new Dictionary<string, string> { ["carbon.config.dir.path"] = Path.GetFullPath(options.ConfigFolder, Path.GetFullPath(currentFolder)) };
        var sources = new VariableSources(environment, SystemProperties.For(home, overrides));
        var tomlPath = VaultTarget.DeploymentTomlPathFor(home, options.ConfigFolder, options.DeploymentFile, currentFolder);
        if (options.EncryptionMode != VaultEncryptionMode.Asymmetric)
        {
            return ExecuteSymmetric(options, console, home, sources, tomlPath, password, new OldKeyInput(oldPassword, currentFolder), time);
        }

        var target = VaultTarget.Load(home, tomlPath, sources);
        var selection = target.Keystore;
        Info(console, CipherToolText.UsingKeystore(selection.Role, selection.ConfiguredLocation, selection.Type.ToJavaName(), selection.Alias));

        password ??= AskPassword(console, selection);
        if (needsKeyPassword)
        {
            keyPassword ??= new TerminalPrompt(console).AskHidden(CipherToolText.KeyPasswordPrompt, CipherToolText.PasswordEmptyTryAgain);
        }

        var passwordChars = password.ToCharArray();
        var keyPasswordChars = keyPassword?.ToCharArray() ?? passwordChars;
        try
        {
            using var key = VaultKey.Open(selection, passwordChars);
            return options.Mode switch
            {
                // A person at a terminal is not an automated oracle; a job (CI on untrusted changes) gets one message for all.
                CipherToolMode.Configure => Configure(console, target, sources, key, keyPasswordChars, options.Transformation, options.DiagnosePadding ?? console.IsInputTerminal, time),
                CipherToolMode.Change => Change(console, target, sources, key, options.Transformation),
                CipherToolMode.Rotate => RotateToRsa(console, options, target, sources, key, new VaultPasswords(passwordChars, keyPasswordChars), new OldKeyInput(oldPassword, currentFolder), time),
                _ => SingleValue(console, key, options.Transformation),
            };
        }
        finally
        {
            Array.Clear(passwordChars);
            Array.Clear(keyPasswordChars);
        }
    }

    private static int Configure(IConsole console, VaultTarget target, VariableSources sources, VaultKey key, char[] keyPassword, Transformation transformation, bool diagnosePadding, TimeProvider time)
    {
        ConfigureOperation operation;
        using (Lock(target))
        {
            // Read again under the lock: another SecVault writer may have finished while the password was typed.
            operation = ConfigureOperation.Prepare(Reload(target, sources), key, keyPassword, transformation, time.GetUtcNow(), diagnosePadding);
            foreach (var warning in operation.Warnings)
            {
                Warning(console, warning.ToString());
            }

            IReadOnlyList<string> written;
            using (var progress = new ProgressLine(console, CipherToolText.ProgressEncrypting))
            {
                written = operation.Commit(progress);
            }

            foreach (var warning in written)
            {
                Warning(console, warning);
            }
        }

        Info(console, operation.Summary);
        return 0;
    }

    private static int Change(IConsole console, VaultTarget target, VariableSources sources, VaultKey key, Transformation transformation)
    {
        var secrets = target.SecretAliases;
        var changeable = ChangeOperation.ChangeableAliases(target);
        if (changeable.Count == 0)
        {
            Error(console, CipherToolText.NoAliasesToChange, null);
            return 1;
        }

        for (var i = 0; i < secrets.Count; i++)
        {
            console.StdErr.WriteLine(CipherToolText.AliasListLine(i + 1, secrets[i], !changeable.Contains(secrets[i])));
        }

        var changes = new List<KeyValuePair<string, string>>();
        while (true)
        {
            var answer = console.ReadVisible(CipherToolText.SelectAliasPrompt)?.Trim();
            if (string.IsNullOrEmpty(answer))
            {
                break;
            }

            if (!int.TryParse(answer, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
                || number < 1 || number > secrets.Count)
            {
                Warning(console, CipherToolText.NotAnAliasNumber);
                continue;
            }

            var alias = secrets[number - 1];
            if (!changeable.Contains(alias))
            {
                Warning(console, CipherToolText.DynamicNotChangeable(alias));
                continue;
            }

            var value = AskNewValue(console, CipherToolText.NewValuePrompt(alias), CipherToolText.RepeatValuePrompt);
            changes.Add(new(alias, value));
        }

        ChangeOperation operation;
        using (Lock(target))
        {
            // Values are chosen by alias, so applying them to the file as it is now loses no one else's edit.
            operation = ChangeOperation.Prepare(Reload(target, sources), key, transformation, changes);
            foreach (var warning in operation.Commit())
            {
                Warning(console, warning);
            }
        }

        Info(console, operation.Summary);
        return 0;
    }

    private static int SingleValue(IConsole console, VaultKey key, Transformation transformation) =>
        SingleValue(console, value => key.EncryptValue(value, transformation));

    /// <summary>Reads one value (twice on a terminal, else one line of standard input), encrypts it and prints the ciphertext.</summary>
    private static int SingleValue(IConsole console, Func<string, string> encrypt)
    {
        string? value;
        if (console.IsInputTerminal)
        {
            value = AskNewValue(console, CipherToolText.PlainTextPrompt, CipherToolText.PlainTextAgainPrompt);
        }
        else
        {
            value = console.StdIn.ReadLine();
            if (value is null)
            {
                Error(console, CipherToolText.NoValueOnStdin, null);
                return 1;
            }
        }

        var ciphertext = encrypt(value);
        console.StdErr.Write(CipherToolText.EncryptedValueIs);
        console.StdErr.Flush();
        console.StdOut.WriteLine(ciphertext);
        return 0;
    }

    private static IDisposable Lock(VaultTarget target) => target.Lock();

    private static VaultTarget Reload(VaultTarget target, VariableSources sources) => target.ReadAgainIfChanged(sources);

    /// <summary>The keystore password at the terminal prompt (the library's prompt loop and password source).</summary>
    private static string AskPassword(IConsole console, KeystoreSelection selection)
    {
        using var password = new PromptPasswordSource(console, CipherToolText.PasswordPrompt(selection.Role))
            .GetPassword(new PasswordRequest(selection.ConfiguredLocation, SeparateKeyPassword: false))!;
        return password.Store.ToString();
    }

    /// <summary>A new value, asked twice without echo (a typo would lock its owner out).</summary>
    private static string AskNewValue(IConsole console, string prompt, string againPrompt) =>
        new TerminalPrompt(console).AskTwice(prompt, againPrompt, CipherToolText.ValueEmptyTryAgain, CipherToolText.ValuesDoNotMatch);

    private static void Info(IConsole console, string message) => console.StdErr.WriteLine($"{Tool}: {message}");

    private static void Warning(IConsole console, string message) => Line(console, "warning", message);

    private static void Error(IConsole console, string message, string? hint)
    {
        Line(console, "error", message);
        Hint(console, hint);
    }

    private static void Hint(IConsole console, string? hint)
    {
        if (hint is not null)
        {
            Line(console, "hint", hint);
        }
    }

    private static void Line(IConsole console, string level, string message) =>
        console.StdErr.WriteLine((console is StyledConsole styled ? styled.Style : StderrStyle.Plain).Line(Tool, level, message));
}
