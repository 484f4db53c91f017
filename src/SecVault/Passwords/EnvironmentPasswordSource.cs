using SecVault.Hosting;

namespace SecVault.Passwords;

/// <summary>
/// Source 3 (a SecVault addition): <c>MI_KEYSTORE_PASSWORD</c> and, for a separate key password, <c>MI_KEY_PASSWORD</c>
/// (used whenever it is set, and required when a separate key password is asked).
/// </summary>
public sealed class EnvironmentPasswordSource(IEnvironment environment) : IPasswordSource
{
    /// <summary>The store password variable.</summary>
    public const string StoreVariable = "MI_KEYSTORE_PASSWORD";

    /// <summary>The key password variable.</summary>
    public const string KeyVariable = "MI_KEY_PASSWORD";

    private readonly IEnvironment _environment = environment ?? throw new ArgumentNullException(nameof(environment));

    /// <inheritdoc/>
    public string Name => StoreVariable;

    /// <inheritdoc/>
    public KeystorePassword? GetPassword(PasswordRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var store = _environment.GetVariable(StoreVariable);
        if (store is null)
        {
            return null;
        }

        // A set MI_KEY_PASSWORD is used even when no separate key password was announced: setting it says so.
        var key = _environment.GetVariable(KeyVariable);
        if (request.SeparateKeyPassword && key is null)
        {
            throw new PasswordException(PasswordErrorKind.Incomplete, PasswordsText.PasswordKeyVariableMissing(KeyVariable, StoreVariable));
        }

        return KeystorePassword.FromStrings(store, key);
    }
}
