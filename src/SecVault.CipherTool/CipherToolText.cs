namespace SecVault.CipherTool;

/// <summary>The ciphertool executable's own text: help, option descriptions, prompts and its messages.</summary>
internal static partial class CipherToolText
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
          -Ddiagnose.padding[=true|false]        say why a ciphertext does not decrypt (default: only on a terminal)
          -help, -h, --help                      this text
        """;

    internal const string UsageHint = "run 'ciphertool -help' for the options";

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

    internal const string PlainTextPrompt = "[Enter Plain Text Value : ]";

    internal const string PlainTextAgainPrompt = "[Please Enter Value Again : ]";

    internal const string EncryptedValueIs = "Encrypted value is : ";

    internal const string SelectAliasPrompt = "Select the alias number to change (Enter to finish): ";

    internal const string RepeatValuePrompt = "Repeat the value : ";

    internal const string NoAliasesToChange = "[secrets] has no alias that can be changed";

    internal const string NotAnAliasNumber = "that is not one of the numbers listed (the answer is not shown: it may be a value)";
}
