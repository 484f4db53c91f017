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
    /// The one reader of a password on standard input: the store password is the first line of
    /// <paramref name="reader"/> (the key password the second when a separate one is asked), read once; later requests
    /// get copies. Line terminators are removed; an empty line or end of input is no password
    /// (<see cref="PasswordErrorKind.Incomplete"/>).
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
                        var store = Line(reader, PasswordsText.PasswordStdinEmpty, PasswordsText.PasswordStdinEmptyHint);
                        var key = request.SeparateKeyPassword ? Line(reader, PasswordsText.PasswordStdinNoKeyLine, PasswordsText.PasswordStdinNoKeyLineHint) : null;
                        read = KeystorePassword.FromStrings(store, key);
                    }

                    return read.Copy();
                }
            },
            "standard input");
    }

    /// <summary>
    /// The next lines of <paramref name="reader"/>, for a second keystore after the first one's lines (a rotation's old
    /// keystore): the store password is the next line, the key password the line after it when a separate one is asked.
    /// Unlike <see cref="FromReader"/>, an empty line or end of input is no password from this source (null: the next
    /// source is tried); a missing key line is <see cref="PasswordErrorKind.Incomplete"/>, naming <paramref name="keystore"/>.
    /// Read once; later requests get copies.
    /// </summary>
    public static ExplicitPasswordSource FromNextLines(TextReader reader, string keystore)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrEmpty(keystore);
        KeystorePassword? read = null;
        var done = false;
        var gate = new object();
        return new ExplicitPasswordSource(
            request =>
            {
                lock (gate)
                {
                    if (!done)
                    {
                        done = true;
                        var store = reader.ReadLine();
                        if (!string.IsNullOrEmpty(store))
                        {
                            var key = request.SeparateKeyPassword
                                ? Line(reader, PasswordsText.PasswordStdinNoKeyLineFor(keystore), PasswordsText.PasswordStdinNoKeyLineForHint)
                                : null;
                            read = KeystorePassword.FromStrings(store, key);
                        }
                    }

                    return read?.Copy();
                }
            },
            "standard input");
    }

    /// <summary>Reads the store password from <paramref name="reader"/> as <see cref="FromReader"/> does, for a keystore that has no path yet.</summary>
    public static KeystorePassword ReadStorePassword(TextReader reader) =>
        FromReader(reader).GetPassword(new PasswordRequest(string.Empty, SeparateKeyPassword: false))!;

    private static string Line(TextReader reader, string missing, string hint)
    {
        var line = reader.ReadLine();
        return string.IsNullOrEmpty(line) ? throw new PasswordException(PasswordErrorKind.Incomplete, missing, hint) : line;
    }

    /// <inheritdoc/>
    public KeystorePassword? GetPassword(PasswordRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _provider(request);
    }
}
