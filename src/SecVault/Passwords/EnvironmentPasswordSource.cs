using SecVault.Hosting;

namespace SecVault.Passwords;

/// <summary>
/// Source 3 (a SecVault addition): <c>MI_KEYSTORE_PASSWORD</c> and, for a separate key password, <c>MI_KEY_PASSWORD</c>
/// (used whenever it is set, and required when a separate key password is asked). Other names serve other keystores
/// (<c>MI_OLD_KEYSTORE_PASSWORD</c> and <c>MI_OLD_KEY_PASSWORD</c>, the old keystore of a rotation). An empty variable
/// counts as unset.
/// </summary>
public sealed class EnvironmentPasswordSource : IPasswordSource
{
    /// <summary>The store password variable.</summary>
    public const string StoreVariable = "MI_KEYSTORE_PASSWORD";

    /// <summary>The key password variable.</summary>
    public const string KeyVariable = "MI_KEY_PASSWORD";

    /// <summary>The old keystore's store password variable (a rotation's source key).</summary>
    public const string OldStoreVariable = "MI_OLD_KEYSTORE_PASSWORD";

    /// <summary>The old keystore's key password variable.</summary>
    public const string OldKeyVariable = "MI_OLD_KEY_PASSWORD";

    private readonly IEnvironment _environment;
    private readonly string _storeVariable;
    private readonly string _keyVariable;

    /// <summary>Reads <see cref="StoreVariable"/> and <see cref="KeyVariable"/>.</summary>
    public EnvironmentPasswordSource(IEnvironment environment)
        : this(environment, StoreVariable, KeyVariable)
    {
    }

    /// <summary>Reads <paramref name="storeVariable"/> and <paramref name="keyVariable"/>.</summary>
    public EnvironmentPasswordSource(IEnvironment environment, string storeVariable, string keyVariable)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentException.ThrowIfNullOrEmpty(storeVariable);
        ArgumentException.ThrowIfNullOrEmpty(keyVariable);
        _environment = environment;
        _storeVariable = storeVariable;
        _keyVariable = keyVariable;
    }

    /// <inheritdoc/>
    public string Name => _storeVariable;

    /// <inheritdoc/>
    public KeystorePassword? GetPassword(PasswordRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var store = _environment.GetVariable(_storeVariable);
        if (string.IsNullOrEmpty(store))
        {
            return null;
        }

        // A set MI_KEY_PASSWORD is used even when no separate key password was announced: setting it says so.
        var key = _environment.GetVariable(_keyVariable) is { Length: > 0 } set ? set : null;
        if (request.SeparateKeyPassword && key is null)
        {
            throw new PasswordException(PasswordErrorKind.Incomplete, PasswordsText.PasswordKeyVariableMissing(_keyVariable, _storeVariable));
        }

        return KeystorePassword.FromStrings(store, key);
    }
}
