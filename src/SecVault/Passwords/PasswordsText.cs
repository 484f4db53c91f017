namespace SecVault.Passwords;

/// <summary>The messages of SecVault.Passwords: each takes strings and numbers only, never a secret value.</summary>
internal static partial class PasswordsText
{
    internal const string PasswordStdinEmpty = "no keystore password: standard input is empty";

    internal const string PasswordStdinEmptyHint = "write the password as the first line of standard input";

    internal const string PromptEndOfInput = "input ended at a prompt; nothing was written";

    internal static string PromptTooManyTries(int tries) => $"no answer was accepted after {tries} tries; nothing was written";

    internal const string PasswordStdinNoKeyLine = "no private key password (second line) on standard input";

    internal const string PasswordStdinNoKeyLineHint = "write the private key password as the second line of standard input";

    internal static string PasswordStdinNoKeyLineFor(string keystore) =>
        $"no private key password for {keystore} on standard input (the line after its keystore password)";

    internal const string PasswordStdinNoKeyLineForHint = "write the private key password on the line after the keystore password";

    internal const string TheOldKeystore = "the old keystore";

    internal const string PasswordPromptEmpty = "The password is empty.";

    internal static string PasswordKeyVariableMissing(string keyVariable, string storeVariable) =>
        $"{storeVariable} is set but {keyVariable} is not, and a separate private key password is enabled";

    internal static string PasswordNotAvailable(string keystorePath) => $"no password for keystore {keystorePath}";

    internal const string PasswordNotAvailableHint =
        "give it on standard input (--password-stdin) or through the provider's PasswordProvider, in a password file in the MI home (password, password-tmp or password-persist), or in MI_KEYSTORE_PASSWORD";

    internal static string PasswordFileNotUtf8(string path) => $"password file {path} is not UTF-8";

    internal static string PasswordFileEmpty(string path) => $"password file {path} is empty";

    internal static string PasswordFileNoKeyLine(string path) => $"password file {path} has no private key password on line 2";

    internal static string PasswordFileNotDeleted(string path) => $"password file {path} could not be deleted";

    internal static string PasswordFileFailure(string path, string reason) => $"cannot consume password file {path}: {reason}";

    internal static string PasswordFileIsLink(string path) =>
        $"password file {path} is a symbolic link; a password file to be consumed must be the file itself, so it was left alone";

    internal static string PasswordFileNotPrivate(string path) =>
        $"password file {path} has other hard links or belongs to neither you nor the MI home's owner; it was left alone";

    internal const string PasswordFileNotPrivateHint =
        "make it a regular file with a single name, owned by you or the MI home's owner, or give the password another way";
}
