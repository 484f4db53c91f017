using SecVault.Diagnostics;
using SecVault.Exec;
using SecVault.Home;
using SecVault.Hosting;
using SecVault.Placeholders;
using SecVault.Synapse;
using SecVault.Vault;

namespace SecVault.Passwords;

/// <summary>Source 3 (a SecVault addition): <c>MI_KEYSTORE_PASSWORD</c> and, for a separate key password, <c>MI_KEY_PASSWORD</c>.</summary>
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

        string? key = null;
        if (request.SeparateKeyPassword)
        {
            key = _environment.GetVariable(KeyVariable)
                ?? throw new PasswordException(PasswordError.Incomplete, Messages.PasswordKeyVariableMissing(KeyVariable, StoreVariable));
        }

        return KeystorePassword.FromStrings(store, key);
    }
}
