using SecVault.Home;
using SecVault.Hosting;

namespace SecVault.Passwords;

/// <summary>Tries sources in order; the first that gives a password wins, and none giving one is an error naming sources 1-3.</summary>
public sealed class PasswordSourceChain : IPasswordSource
{
    private readonly IReadOnlyList<IPasswordSource> _sources;

    /// <summary>Chains <paramref name="sources"/> in the order given.</summary>
    public PasswordSourceChain(IEnumerable<IPasswordSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        _sources = [.. sources];
        foreach (var source in _sources)
        {
            ArgumentNullException.ThrowIfNull(source, nameof(sources));
        }
    }

    /// <inheritdoc/>
    public string Name => string.Join(", ", _sources.Select(s => s.Name));

    /// <summary>The sources, in order.</summary>
    public IReadOnlyList<IPasswordSource> Sources => _sources;

    /// <summary>
    /// The runtime.md order: <paramref name="explicitSource"/> (if any), the MI home's password files, the
    /// environment, then a terminal prompt when <paramref name="prompt"/> is given.
    /// </summary>
    public static PasswordSourceChain Default(MiHome home, IEnvironment environment, IPasswordSource? explicitSource, bool consumeFiles, IConsole? prompt)
    {
        ArgumentNullException.ThrowIfNull(home);
        ArgumentNullException.ThrowIfNull(environment);
        var sources = new List<IPasswordSource>();
        if (explicitSource is not null)
        {
            sources.Add(explicitSource);
        }

        sources.Add(new PasswordFileSource(home.Path, consumeFiles));
        sources.Add(new EnvironmentPasswordSource(environment));
        if (prompt is not null)
        {
            sources.Add(new PromptPasswordSource(prompt));
        }

        return new PasswordSourceChain(sources);
    }

    /// <summary>
    /// The sources of a rotation's old keystore, in this order: <paramref name="passwordFile"/> (line 1 the store
    /// password, line 2 the key password when a separate one is asked; never consumed), the next lines of
    /// <paramref name="input"/> (after the new keystore's, see <see cref="ExplicitPasswordSource.FromNextLines"/>),
    /// <c>MI_OLD_KEYSTORE_PASSWORD</c> / <c>MI_OLD_KEY_PASSWORD</c>, then <paramref name="prompt"/> when given.
    /// </summary>
    public static PasswordSourceChain OldKeystore(string? passwordFile, TextReader? input, IEnvironment environment, PromptPasswordSource? prompt)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var sources = new List<IPasswordSource>();
        if (passwordFile is not null)
        {
            sources.Add(new ExplicitPasswordSource(request => PasswordFileSource.ReadFile(passwordFile, request.SeparateKeyPassword), "password file"));
        }

        if (input is not null)
        {
            sources.Add(ExplicitPasswordSource.FromNextLines(input, PasswordsText.TheOldKeystore));
        }

        sources.Add(new EnvironmentPasswordSource(environment, EnvironmentPasswordSource.OldStoreVariable, EnvironmentPasswordSource.OldKeyVariable));
        if (prompt is not null)
        {
            sources.Add(prompt);
        }

        return new PasswordSourceChain(sources);
    }

    /// <summary>
    /// The sources of a rotation's new keystore (the one whose key the values move to), in this order: the first lines of
    /// <paramref name="input"/> (store, then key when a separate one is asked; see
    /// <see cref="ExplicitPasswordSource.FromNextLines"/>, naming <paramref name="keystore"/>), <c>MI_KEYSTORE_PASSWORD</c> /
    /// <c>MI_KEY_PASSWORD</c>, then <paramref name="prompt"/> when given. <see cref="OldKeystore"/> reads the lines after these.
    /// </summary>
    public static PasswordSourceChain NewKeystore(TextReader? input, string keystore, IEnvironment environment, PromptPasswordSource? prompt)
    {
        ArgumentException.ThrowIfNullOrEmpty(keystore);
        ArgumentNullException.ThrowIfNull(environment);
        var sources = new List<IPasswordSource>();
        if (input is not null)
        {
            sources.Add(ExplicitPasswordSource.FromNextLines(input, keystore));
        }

        sources.Add(new EnvironmentPasswordSource(environment));
        if (prompt is not null)
        {
            sources.Add(prompt);
        }

        return new PasswordSourceChain(sources);
    }

    /// <summary>
    /// The old key's own password when the old key lies in the keystore already opened with <paramref name="opened"/>
    /// (a rotation between two keys of one keystore): the store password is <paramref name="opened"/>'s, so only the key
    /// password is read: the next line of <paramref name="input"/>, else <c>MI_OLD_KEY_PASSWORD</c>, else
    /// <paramref name="keyPrompt"/> on <paramref name="console"/> when it is a terminal. Null when none gives it.
    /// </summary>
    public static KeystorePassword? OldKeyOfOpenedKeystore(KeystorePassword opened, TextReader? input, IEnvironment environment, IConsole? console, string keyPrompt)
    {
        ArgumentNullException.ThrowIfNull(opened);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentException.ThrowIfNullOrEmpty(keyPrompt);
        var key = input?.ReadLine() is { Length: > 0 } line ? line : null;
        key ??= environment.GetVariable(EnvironmentPasswordSource.OldKeyVariable) is { Length: > 0 } set ? set : null;
        if (key is null && console is { IsInputTerminal: true })
        {
            key = new TerminalPrompt(console).AskHidden(keyPrompt, PasswordsText.PasswordPromptEmpty);
        }

        return key is null ? null : new KeystorePassword(opened.Store.ToArray(), key.ToCharArray());
    }

    /// <summary>The first source's password, or null when none has one (a source that fails still throws).</summary>
    public KeystorePassword? TryGetPassword(PasswordRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var source in _sources)
        {
            if (source.GetPassword(request) is { } password)
            {
                return password;
            }
        }

        return null;
    }

    /// <summary>The first source's password; throws <see cref="PasswordException"/> (<see cref="PasswordErrorKind.NotAvailable"/>) when none has one.</summary>
    public KeystorePassword GetPassword(PasswordRequest request) =>
        TryGetPassword(request) ??
        throw new PasswordException(PasswordErrorKind.NotAvailable, PasswordsText.PasswordNotAvailable(request.KeystorePath), PasswordsText.PasswordNotAvailableHint);

    KeystorePassword? IPasswordSource.GetPassword(PasswordRequest request) => GetPassword(request);
}
