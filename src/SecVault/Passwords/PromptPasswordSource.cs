using SecVault.Hosting;

namespace SecVault.Passwords;

/// <summary>Source 4: the upstream prompts on the terminal, without echo; nothing when standard input is not a terminal.</summary>
public sealed class PromptPasswordSource : IPasswordSource
{
    /// <summary>The single prompt when the key password is the store password.</summary>
    public const string CombinedPrompt = "[Enter KeyStore and Private Key Password :]";

    /// <summary>The store password prompt with a separate key password.</summary>
    public const string StorePrompt = "[Enter KeyStore Password :]";

    /// <summary>The key password prompt.</summary>
    public const string KeyPrompt = "[Enter Private Key Password : ]";

    private readonly TerminalPrompt _prompt;
    private readonly bool _isTerminal;
    private readonly string? _storePrompt;
    private readonly string _keyPrompt;

    /// <summary>Prompts on <paramref name="console"/> with the upstream prompts, or with <paramref name="storePrompt"/> for the store password.</summary>
    public PromptPasswordSource(IConsole console, string? storePrompt = null)
        : this(console, storePrompt, KeyPrompt)
    {
    }

    /// <summary>Prompts with <paramref name="storePrompt"/> (null: the upstream prompts) and <paramref name="keyPrompt"/> for a separate key password.</summary>
    public PromptPasswordSource(IConsole console, string? storePrompt, string keyPrompt)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentException.ThrowIfNullOrEmpty(keyPrompt);
        _prompt = new TerminalPrompt(console);
        _isTerminal = console.IsInputTerminal;
        _storePrompt = storePrompt;
        _keyPrompt = keyPrompt;
    }

    /// <inheritdoc/>
    public string Name => "terminal prompt";

    /// <summary>Asks on the terminal (<see cref="TerminalPrompt.AskHidden"/>); null when standard input is not a terminal.</summary>
    public KeystorePassword? GetPassword(PasswordRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_isTerminal)
        {
            return null;
        }

        // Upstream starts with an empty password after a bare Enter; SecVault asks again.
        var store = _prompt.AskHidden(_storePrompt ?? (request.SeparateKeyPassword ? StorePrompt : CombinedPrompt), PasswordsText.PasswordPromptEmpty);
        var key = request.SeparateKeyPassword ? _prompt.AskHidden(_keyPrompt, PasswordsText.PasswordPromptEmpty) : null;
        return KeystorePassword.FromStrings(store, key);
    }
}
