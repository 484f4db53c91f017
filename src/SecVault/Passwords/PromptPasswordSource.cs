using SecVault.Hosting;

namespace SecVault.Passwords;

/// <summary>Source 4: the upstream prompts on the terminal, without echo; nothing when standard input is not a terminal.</summary>
public sealed class PromptPasswordSource(IConsole console) : IPasswordSource
{
    /// <summary>The single prompt when the key password is the store password.</summary>
    public const string CombinedPrompt = "[Enter KeyStore and Private Key Password :]";

    /// <summary>The store password prompt with a separate key password.</summary>
    public const string StorePrompt = "[Enter KeyStore Password :]";

    /// <summary>The key password prompt.</summary>
    public const string KeyPrompt = "[Enter Private Key Password : ]";

    private readonly IConsole _console = console ?? throw new ArgumentNullException(nameof(console));

    /// <inheritdoc/>
    public string Name => "terminal prompt";

    /// <inheritdoc/>
    public KeystorePassword? GetPassword(PasswordRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_console.IsInputTerminal)
        {
            return null;
        }

        var store = _console.ReadHidden(request.SeparateKeyPassword ? StorePrompt : CombinedPrompt);
        if (string.IsNullOrEmpty(store))
        {
            // Upstream starts with an empty password after a bare Enter; SecVault stops.
            throw new PasswordException(PasswordError.Incomplete, PasswordsText.PasswordPromptEmpty);
        }

        string? key = null;
        if (request.SeparateKeyPassword)
        {
            key = _console.ReadHidden(KeyPrompt);
            if (string.IsNullOrEmpty(key))
            {
                throw new PasswordException(PasswordError.Incomplete, PasswordsText.PasswordPromptEmpty);
            }
        }

        return KeystorePassword.FromStrings(store, key);
    }
}
