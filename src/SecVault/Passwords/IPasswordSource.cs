namespace SecVault.Passwords;

/// <summary>
/// A source of the identity keystore's password (upstream's secret callback handler). Returns null when it has no
/// password to give, so the next source is tried; throws <see cref="PasswordException"/> when it has one but fails.
/// </summary>
public interface IPasswordSource
{
    /// <summary>A short name for messages, such as <c>password file</c>.</summary>
    string Name { get; }

    /// <summary>The password (the caller disposes it), or null when this source has none.</summary>
    KeystorePassword? GetPassword(PasswordRequest request);
}

/// <summary>What a password is asked for.</summary>
/// <param name="KeystorePath">The keystore's path, for messages.</param>
/// <param name="SeparateKeyPassword">True when the private-key password differs from the store password and must be given too.</param>
public sealed record PasswordRequest(string KeystorePath, bool SeparateKeyPassword);
