namespace SecVault.Passwords;

/// <summary>Source 1: a password given explicitly, by a delegate (the provider's <c>PasswordProvider</c>) or standard input.</summary>
public sealed class ExplicitPasswordSource : IPasswordSource
{
    private readonly Func<PasswordRequest, KeystorePassword?> _provider;

    /// <summary>Uses <paramref name="provider"/>, called each time a password is needed.</summary>
    public ExplicitPasswordSource(Func<PasswordRequest, KeystorePassword?> provider, string name = "explicit password")
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(name);
        _provider = provider;
        Name = name;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>
    /// Reads the store password from the first line of <paramref name="reader"/> (and the key password from the
    /// second when a separate one is asked), once; later requests get copies. Line terminators are removed.
    /// </summary>
    public static ExplicitPasswordSource FromReader(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        KeystorePassword? read = null;
        var gate = new object();
        return new ExplicitPasswordSource(
            request =>
            {
                lock (gate)
                {
                    if (read is null)
                    {
                        var store = reader.ReadLine() ?? throw new PasswordException(PasswordError.Incomplete, PasswordsText.PasswordStdinEmpty);
                        var key = request.SeparateKeyPassword
                            ? reader.ReadLine() ?? throw new PasswordException(PasswordError.Incomplete, PasswordsText.PasswordStdinNoKeyLine)
                            : null;
                        read = KeystorePassword.FromStrings(store, key);
                    }

                    return read.Copy();
                }
            },
            "standard input");
    }

    /// <inheritdoc/>
    public KeystorePassword? GetPassword(PasswordRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _provider(request);
    }
}
