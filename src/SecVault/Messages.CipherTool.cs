using SecVault.Vault;

namespace SecVault;

/// <summary>Messages of the <c>ciphertool</c> executable; none takes a password or a value.</summary>
internal static partial class Messages
{
    internal const string CipherToolUsage = """
        Usage: ciphertool [OPTIONS] -Dconfigure   encrypt plain [secrets] values, write secret-conf.properties
               ciphertool [OPTIONS] -Dchange      replace chosen [secrets] values interactively
               ciphertool [OPTIONS] -Drotate -Dold.alias=A   re-encrypt every [secrets] value from alias A to the selected alias
               ciphertool [OPTIONS]               encrypt one value and print it
               ciphertool -help

        Options:
          -Dcarbon.home=DIR                      the MI home (else CARBON_HOME, MI_HOME, the current folder)
          -Dpassword.stdin                       read the keystore password from the first line of standard input
          -Dpassword=PW                          the keystore password (visible to other users: avoid)
          -Dorg.wso2.CipherTransformation=T      RSA/ECB/OAEPwithSHA1andMGF1Padding (default) or RSA/ECB/PKCS1Padding;
                                                 with -Dsymmetric AES/GCM/NoPadding (default), AES or AES/ECB/PKCS5Padding
          -Dsymmetric                            AES with the secret key at the keystore's alias (a PKCS12 keystore)
          -Dsymmetric -Dkey.based.encryption=true  AES-256 with a key given instead of the password (64 hex digits)
          -Dcarbon.config.dir.path=DIR           folder of deployment.toml (default <MI home>/conf)
          -Ddeployment.config.file.path=FILE     path of deployment.toml (wins over the folder)
          -help, -h, --help                      this text
        """;

    internal const string UsageHint = "run 'ciphertool -help' for the options";

    internal static string UnknownOption(string option) => $"unknown option '{option}'";

    internal static string NotAnOption(string argument) => $"unexpected argument '{argument}'; options start with -D";

    internal static string UnsupportedOption(string option) => $"option '{option}' is not supported by SecVault";

    internal static string OptionNeedsValue(string option) => $"option '{option}' needs a value: {option}=VALUE";

    internal static string ConflictingOptions(string first, string second) => $"options '{first}' and '{second}' cannot be used together";

    internal const string PasswordOptionVisible = "-Dpassword= is visible to other users of this machine; prefer -Dpassword.stdin";

    internal const string NoPasswordNoTerminal = "no keystore password: standard input is not a terminal";

    internal const string NoPasswordNoTerminalHint = "use -Dpassword.stdin";

    internal const string NoPasswordOnStdin = "no keystore password: standard input is empty";

    internal const string NoPasswordOnStdinHint = "write the password as the first line of standard input";

    internal const string NoPasswordEntered = "no keystore password entered";

    internal const string ChangeNeedsTerminal = "-Dchange needs a terminal: standard input is not one";

    internal const string ChangeNeedsTerminalHint = "run it in an interactive shell, or edit [secrets] and run -Dconfigure";

    internal const string NoValueOnStdin = "no value to encrypt: standard input is empty";

    internal const string NoValueEntered = "no value entered";

    internal const string ValuesDoNotMatch = "Values do not match.";

    internal const string ValueEmptyTryAgain = "The value is empty.";

    internal const string TooManyTries = "values did not match after 3 tries; nothing was written";

    internal static string PasswordPrompt(KeystoreRole role) =>
        $"[Please Enter {(role == KeystoreRole.Internal ? "Internal" : "Primary")} KeyStore Password of Carbon Server : ]";

    internal const string PlainTextPrompt = "[Enter Plain Text Value : ]";

    internal const string PlainTextAgainPrompt = "[Please Enter Value Again : ]";

    internal const string EncryptedValueIs = "Encrypted value is : ";

    internal const string SelectAliasPrompt = "Select the alias number to change (Enter to finish): ";

    internal static string NewValuePrompt(string alias) => $"Enter new plain text value for {alias} : ";

    internal const string RepeatValuePrompt = "Repeat the value : ";

    internal static string AliasListLine(int number, string alias, bool dynamic) =>
        dynamic ? $"  {number,3}) {alias} (dynamic, cannot be changed)" : $"  {number,3}) {alias}";

    internal const string NoAliasesToChange = "[secrets] has no alias that can be changed";

    internal static string NotAnAliasNumber(string answer) => $"'{answer}' is not one of the numbers listed";

    internal static string DynamicNotChangeable(string alias) => $"'{alias}' is dynamic and cannot be changed";

    internal static string UsingKeystore(KeystoreRole role, string location, string type, string alias) =>
        $"using the {RoleName(role)} keystore {location} ({type}, alias {alias})";

    internal static string Unexpected(string type) => $"unexpected failure ({type}); nothing more is known";

    private static string RoleName(KeystoreRole role) => role switch
    {
        KeystoreRole.Internal => "internal",
        KeystoreRole.Primary => "primary",
        _ => "default",
    };
}
