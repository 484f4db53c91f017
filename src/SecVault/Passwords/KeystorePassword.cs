namespace SecVault.Passwords;

/// <summary>
/// A keystore's store password and optional separate private-key password, held in char arrays that
/// <see cref="Dispose"/> zeroes.
/// </summary>
public sealed class KeystorePassword : IDisposable
{
    private readonly char[] _store;
    private readonly char[]? _key;
    private bool _disposed;

    /// <summary>Takes ownership of <paramref name="store"/> and <paramref name="key"/> (null: the key password is the store password).</summary>
    public KeystorePassword(char[] store, char[]? key = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _key = key;
    }

    /// <summary>The store password.</summary>
    public ReadOnlySpan<char> Store
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _store;
        }
    }

    /// <summary>The private-key password: the separate one when given, else the store password.</summary>
    public ReadOnlySpan<char> Key
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _key ?? _store;
        }
    }

    /// <summary>True when a separate private-key password was given.</summary>
    public bool HasSeparateKey => _key is not null;

    /// <summary>Creates a password from strings (copied; the strings themselves cannot be zeroed).</summary>
    public static KeystorePassword FromStrings(string store, string? key = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        return new KeystorePassword(store.ToCharArray(), key?.ToCharArray());
    }

    /// <summary>An independent copy the caller disposes.</summary>
    public KeystorePassword Copy()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new KeystorePassword((char[])_store.Clone(), (char[]?)_key?.Clone());
    }

    /// <summary>Zeroes the passwords.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Array.Clear(_store);
        if (_key is not null)
        {
            Array.Clear(_key);
        }
    }
}
