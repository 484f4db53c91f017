using System.Security.Cryptography;
using System.Text;
using SecVault.IO;

namespace SecVault.Passwords;

/// <summary>
/// Source 2: the MI home's <c>password</c>, <c>password-tmp</c> and <c>password-persist</c> files (<c>.txt</c> on
/// Windows), in that order. Line 1 is the store password, line 2 the key password when a separate one is asked;
/// UTF-8, line terminators removed. When consuming: <c>password</c> and <c>password-tmp</c> are overwritten through the
/// descriptor that read them with as many zero bytes and deleted (upstream renames <c>password</c> to
/// <c>password-tmp</c> first; the end state is the same), <c>password-persist</c> is kept.
/// </summary>
public sealed class PasswordFileSource : IPasswordSource
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The most a password file may hold; more is not a password file.</summary>
    private const long MaxFileBytes = 64 * 1024;

    private readonly string _homePath;

    /// <summary>Reads the files in <paramref name="homePath"/>; <paramref name="consume"/> applies upstream's consume rules.</summary>
    public PasswordFileSource(string homePath, bool consume)
    {
        ArgumentException.ThrowIfNullOrEmpty(homePath);
        _homePath = homePath;
        Consume = consume;
    }

    /// <summary>True when files are consumed once read.</summary>
    public bool Consume { get; }

    /// <inheritdoc/>
    public string Name => "password file";

    /// <summary>The three file names in lookup order: <c>password</c>, <c>password-tmp</c>, <c>password-persist</c> (with <c>.txt</c> on Windows).</summary>
    public static IReadOnlyList<string> FileNames { get; } = OperatingSystem.IsWindows()
        ? ["password.txt", "password-tmp.txt", "password-persist.txt"]
        : ["password", "password-tmp", "password-persist"];

    /// <inheritdoc/>
    public KeystorePassword? GetPassword(PasswordRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var (name, i) in FileNames.Select((n, i) => (n, i)))
        {
            var path = Path.Combine(_homePath, name);
            if (!File.Exists(path) && !IsLink(path))
            {
                continue;
            }

            var consume = Consume && i < 2;
            using var file = Open(path, consume);
            var password = Read(file, path, request.SeparateKeyPassword);
            if (consume)
            {
                try
                {
                    Destroy(file, path);
                }
                catch
                {
                    password.Dispose();
                    throw;
                }
            }

            return password;
        }

        return null;
    }

    /// <summary>
    /// Reads the password file at <paramref name="path"/> (a tool's own option, such as <c>ciphertool
    /// -Dold.password.file</c>): line 1 is the password, with the rules of the MI home's files; the file is never consumed.
    /// </summary>
    /// <exception cref="PasswordException">The file cannot be read, is not UTF-8 or its first line is empty.</exception>
    public static KeystorePassword ReadFile(string path) => ReadFile(path, separateKey: false);

    /// <summary>
    /// Reads the password file at <paramref name="path"/> as <see cref="ReadFile(string)"/> does; with
    /// <paramref name="separateKey"/>, line 2 is the private key password and must be there.
    /// </summary>
    /// <exception cref="PasswordException">The file cannot be read, is not UTF-8, or a needed line is empty.</exception>
    public static KeystorePassword ReadFile(string path, bool separateKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            using var file = SecureFile.OpenRead(path);
            return Read(file, path, separateKey);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PasswordException(PasswordErrorKind.FileFailure, PasswordsText.PasswordFileFailure(path, ex.Message), path: path, innerException: ex);
        }
    }

    private static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;

    /// <summary>
    /// Opens a password file. One to be consumed (overwritten with zeros, then deleted) must be a regular file
    /// that is not a link, has one name only, and belongs to the caller or to the MI home's owner; anything else
    /// is refused and left alone, so a planted link or hard link can never turn the overwrite against another file.
    /// </summary>
    private SecureFile Open(string path, bool consume)
    {
        SecureFile? file = null;
        try
        {
            if (!consume)
            {
                return SecureFile.OpenRead(path);
            }

            if (IsLink(path))
            {
                throw new PasswordException(PasswordErrorKind.FileFailure, PasswordsText.PasswordFileIsLink(path), path: path);
            }

            file = SecureFile.OpenReadWrite(path);
            var home = SecureFile.OwnerOf(_homePath);
            var status = file.Status;
            if (!OperatingSystem.IsWindows()
                && (file.ResolvedPath != SafePath.Resolve(_homePath) + "/" + Path.GetFileName(path)
                    || status.LinkCount != 1
                    || (status.UserId != SecureFile.CallerId && status.UserId != home)))
            {
                throw new PasswordException(PasswordErrorKind.FileFailure, PasswordsText.PasswordFileNotPrivate(path), PasswordsText.PasswordFileNotPrivateHint, path: path);
            }

            var opened = file;
            file = null;
            return opened;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PasswordException(PasswordErrorKind.FileFailure, PasswordsText.PasswordFileFailure(path, ex.Message), path: path, innerException: ex);
        }
        finally
        {
            file?.Dispose();
        }
    }

    private static KeystorePassword Read(SecureFile file, string path, bool separateKey)
    {
        byte[] bytes = [];
        char[] chars = [];
        try
        {
            Try(() => bytes = file.ReadAll(MaxFileBytes), path);
            var start = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
            try
            {
                chars = new char[StrictUtf8.GetCharCount(bytes, start, bytes.Length - start)];
                StrictUtf8.GetChars(bytes, start, bytes.Length - start, chars, 0);
            }
            catch (DecoderFallbackException)
            {
                throw new PasswordException(PasswordErrorKind.FileFailure, PasswordsText.PasswordFileNotUtf8(path), path: path);
            }

            var store = Line(chars, 0, out var next);
            if (store is null || store.Length == 0)
            {
                throw new PasswordException(PasswordErrorKind.Incomplete, PasswordsText.PasswordFileEmpty(path), path: path);
            }

            char[]? key = null;
            if (separateKey)
            {
                key = Line(chars, next, out _);
                if (key is null || key.Length == 0)
                {
                    // Stryker disable once Statement: clears the store password before the error; nothing reads it after.
                    Array.Clear(store);
                    throw new PasswordException(PasswordErrorKind.Incomplete, PasswordsText.PasswordFileNoKeyLine(path), path: path);
                }
            }

            return new KeystorePassword(store, key);
        }
        finally
        {
            // Stryker disable once Statement: clears the file's bytes once read; nothing reads them after.
            CryptographicOperations.ZeroMemory(bytes);
            // Stryker disable once Statement: clears the decoded text once the passwords are copied out; nothing reads it after.
            Array.Clear(chars);
        }
    }

    /// <summary>The line starting at <paramref name="start"/> without its terminator, or null past the end.</summary>
    private static char[]? Line(char[] chars, int start, out int next)
    {
        if (start >= chars.Length)
        {
            next = start;
            return null;
        }

        var end = start;
        while (end < chars.Length && chars[end] is not ('\n' or '\r'))
        {
            end++;
        }

        next = end;
        if (next < chars.Length && chars[next] == '\r')
        {
            next++;
        }

        if (next < chars.Length && chars[next] == '\n')
        {
            next++;
        }

        return chars[start..end];
    }

    /// <summary>Overwrites the open file (the very inode checked) with zeros, flushes, then deletes its name.</summary>
    private static void Destroy(SecureFile file, string path)
    {
        Try(
            () =>
            {
                var length = file.Length;
                // Stryker disable once Linq: a larger buffer writes the same zeros, since each write is cut at the file's length.
                var zeros = new byte[Math.Min(length, 8192)];
                // Stryker disable once Equality: "<=" only adds a write of zero bytes at the end.
                for (long written = 0; written < length; written += zeros.Length)
                {
                    RandomAccess.Write(file.Handle, zeros.AsSpan(0, (int)Math.Min(zeros.Length, length - written)), written);
                }

                // Stryker disable once Statement: durability of the overwrite, observable only after a power loss.
                file.Flush();
                File.Delete(path);
            },
            path);
        if (File.Exists(path))
        {
            throw new PasswordException(PasswordErrorKind.FileFailure, PasswordsText.PasswordFileNotDeleted(path), path: path);
        }
    }

    private static void Try(Action action, string path)
    {
        try
        {
            action();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PasswordException(PasswordErrorKind.FileFailure, PasswordsText.PasswordFileFailure(path, ex.Message), path: path, innerException: ex);
        }
    }
}
