using SecVault.Tools;
using SecVault.Vault;

namespace SecVault.CipherTool;

/// <summary>The ciphertool executable's own text: help, option descriptions, prompts and its messages.</summary>
internal static partial class CipherToolText
{
    internal const string CipherToolUsage = """
        Usage: ciphertool [OPTIONS] -Dconfigure   encrypt plain [secrets] values, write secret-conf.properties
               ciphertool [OPTIONS] -Dchange      replace chosen [secrets] values interactively
               ciphertool [OPTIONS] -Drotate -Dold.alias=A   re-encrypt every [secrets] value from alias A to the selected alias
               ciphertool [OPTIONS] -Drotate -Dold.keystore=PATH [-Dold.alias=A]   ... from a key of another keystore
               ciphertool [OPTIONS]               encrypt one value and print it
               ciphertool -help

        Options:
          -Dcarbon.home=DIR                      the MI home (else CARBON_HOME, MI_HOME, the current folder)
          -Dpassword.stdin                       read the keystore password from the first line of standard input
          -Dpassword=PW                          the keystore password (visible to other users: avoid)
          -Dkey.password=true                    the private key has its own password (as MI's switch): line 2 of
                                                 -Dpassword.stdin, or a prompt; read by -Dconfigure and -Drotate
          -Dorg.wso2.CipherTransformation=T      RSA/ECB/OAEPwithSHA1andMGF1Padding (default) or RSA/ECB/PKCS1Padding;
                                                 with -Dsymmetric AES/GCM/NoPadding (default), AES or AES/ECB/PKCS5Padding
          -Dsymmetric                            AES with the secret key at the keystore's alias (a PKCS12 keystore)
          -Dsymmetric -Dkey.based.encryption=true  AES-256 with a key given instead of the password (64 hex digits)
          -Dold.alias=A                          -Drotate: the alias of the old key (default with -Dold.keystore: the new alias)
          -Dold.keystore=PATH                    -Drotate: the keystore of the old key (default: the vault's own keystore)
          -Dold.keystore.type=TYPE               JKS, PKCS12 or JCEKS (default: read from the file)
          -Dold.mode=rsa|symmetric               -Drotate: what the old key is (default: the new key's mode)
          -Dold.password.file=FILE               -Drotate: the old keystore's password is the first line of FILE
          -Dold.key.password=true                -Drotate: the old private key has its own password (line 2 of the
                                                 file, the line after the old store password on stdin,
                                                 MI_OLD_KEY_PASSWORD, or a prompt)
          -Dcarbon.config.dir.path=DIR           folder of deployment.toml (default <MI home>/conf)
          -Ddeployment.config.file.path=FILE     path of deployment.toml (wins over the folder)
          -Ddiagnose.padding[=true|false]        say why a ciphertext does not decrypt (default: only on a terminal)
          -help, -h, --help                      this text
        """;

    internal const string UsageHint = "run 'ciphertool -help' for the options";

    internal const string ProgressEncrypting = "encrypting";

    internal const string PasswordOptionVisible = "-Dpassword= is visible to other users of this machine; prefer -Dpassword.stdin";

    internal const string NoPasswordNoTerminal = "no keystore password: standard input is not a terminal";

    internal const string NoPasswordNoTerminalHint = "use -Dpassword.stdin";

    internal const string NoKeyPasswordNoTerminal = "no private key password (-Dkey.password=true): standard input is not a terminal";

    internal const string NoKeyPasswordNoTerminalHint = "use -Dpassword.stdin with the keystore password on line 1 and the key password on line 2";

    internal const string PasswordEmptyTryAgain = "The password is empty.";

    internal const string KeyPasswordHint =
        "if the private key has its own password, add -Dkey.password=true (with -Dpassword.stdin the key password is line 2)";

    internal const string KeyPasswordPrompt = "[Please Enter the Private Key Password : ]";

    internal static string KeyPasswordNotSymmetric(string option) =>
        $"option '{option}' cannot be used with -Dsymmetric: MI opens a secret key with the keystore password";

    internal const string ChangeNeedsTerminal = "-Dchange needs a terminal: standard input is not one";

    internal const string ChangeNeedsTerminalHint = "run it in an interactive shell, or edit [secrets] and run -Dconfigure";

    internal const string NoValueOnStdin = "no value to encrypt: standard input is empty";

    internal const string NoValueEntered = "no value entered";

    internal const string ValuesDoNotMatch = "Values do not match.";

    internal const string ValueEmptyTryAgain = "The value is empty.";

    internal const string PlainTextPrompt = "[Enter Plain Text Value : ]";

    internal const string PlainTextAgainPrompt = "[Please Enter Value Again : ]";

    internal const string EncryptedValueIs = "Encrypted value is : ";

    internal const string SelectAliasPrompt = "Select the alias number to change (Enter to finish): ";

    internal const string RepeatValuePrompt = "Repeat the value : ";

    internal const string NoAliasesToChange = "[secrets] has no alias that can be changed";

    internal const string NotAnAliasNumber = "that is not one of the numbers listed (the answer is not shown: it may be a value)";

    internal const string CipherToolHelpFooter = ToolHelpText.ExitCodesHelp + """

        Environment variables:
          CARBON_HOME, MI_HOME   the MI home when -Dcarbon.home is not given
          SECVAULT_NATIVE_RSA    0 turns off the OpenSSL fast path on Linux
          NO_COLOR               set (not empty): no colour in error, warning and hint lines
          MI_OLD_KEYSTORE_PASSWORD  -Drotate -Dold.keystore: the old keystore's password, when neither
                                 -Dold.password.file nor the line after the vault's on -Dpassword.stdin gives it
          MI_OLD_KEY_PASSWORD    the old private key's password, when it differs from the old keystore's
                                 (with -Dold.key.password=true also line 2 of the file or the line after
                                 the old store password on stdin)
        ciphertool takes the keystore password only from -Dpassword.stdin, -Dpassword= or the terminal;
        MI_KEYSTORE_PASSWORD and MI_KEY_PASSWORD are read by 'mi secret' and the IConfiguration provider, not here.
        Colour appears only when standard error is a terminal.
        """;

    internal static string DiagnosePaddingValue(string option) => $"option '{option}' takes true or false";

    internal const string SymmetricChangeUnsupported = "-Dchange is not supported with -Dsymmetric";

    internal const string SymmetricChangeUnsupportedHint = "write the new value as \"[value]\" in [secrets] and run -Dsymmetric -Dconfigure";

    internal const string UsingKeyBasedKey = "using a key-based AES-256 key (key.based.symmetric.encryption); no keystore is read";

    internal const string EncryptionKeyPrompt = "[Please enter the encryption key : ]";

    internal const string EncryptionKeyAgainPrompt = "[Please enter the encryption key again : ]";

    internal const string TheEncryptionKey = "(the encryption key given)";


    internal const string RotateNeedsOldAlias = "-Drotate needs -Dold.alias=ALIAS (the alias the secrets are encrypted with now) or -Dold.keystore=PATH";

    internal const string OldPasswordNeedsOldKeystore = "-Dold.password.file needs -Dold.keystore=PATH: the old key of the vault's own keystore opens with its password";

    internal const string OldPasswordEnvironment = "MI_OLD_KEYSTORE_PASSWORD";

    internal const string NoOldPasswordNoTerminal = "no password for the old keystore (-Dold.keystore): standard input is not a terminal";

    internal const string NoOldPasswordHint = "give it with -Dold.password.file=FILE, on -Dpassword.stdin after the vault keystore's line(s), or in MI_OLD_KEYSTORE_PASSWORD";

    internal const string OldPasswordPrompt = "[Please Enter the KeyStore Password of the old keystore : ]";

    internal const string OldKeyPasswordPrompt = "[Please Enter the Private Key Password of the old keystore : ]";

    internal const string OldKeyPasswordNeedsOldKeystore = "-Dold.key.password needs -Dold.keystore=PATH: the old key of the vault's own keystore opens with its password";

    internal static string OldOptionNeedsRotate(string option) => $"option '{option}' needs -Drotate";

    internal static string OldModeValue(string option) => $"option '{option}' takes rsa or symmetric";

    internal static string OldKeystoreTypeValue(string option, string value) =>
        $"option '{option}': unknown keystore type '{value}'; use {string.Join(", ", SecVault.Keystores.KeystoreTypes.AcceptedNames)}";

    internal static string UsingOldKey(string path, string type, string alias, string mode) => $"rotating from the {mode} key '{alias}' of {path} ({type})";

    internal const string RotateKeyBasedUnsupported = "-Drotate is not supported with -Dkey.based.encryption: give the new key to -Dconfigure after decrypting the old values";

    internal static string UsingMiHome(string path, string source) => $"using the MI home {path} (from {source})";

    internal static string UnknownOption(string option) => $"unknown option '{option}'";

    internal static string NotAnOption(int position) =>
        $"argument {position} is not an option; options start with -D (the argument is not shown: it may be a password)";

    internal static string UnsupportedOption(string option) => $"option '{option}' is not supported by SecVault";

    internal static string OptionNeedsValue(string option) => $"option '{option}' needs a value: {option}=VALUE";

    internal static string ConflictingOptions(string first, string second) => $"options '{first}' and '{second}' cannot be used together";

    internal static string PasswordPrompt(KeystoreRole role) =>
        $"[Please Enter {(role == KeystoreRole.Internal ? "Internal" : "Primary")} KeyStore Password of Carbon Server : ]";

    internal static string NewValuePrompt(string alias) => $"Enter new plain text value for {alias} : ";

    internal static string AliasListLine(int number, string alias, bool dynamic) =>
        dynamic ? $"  {number,3}) {alias} (dynamic, cannot be changed)" : $"  {number,3}) {alias}";

    internal static string DynamicNotChangeable(string alias) => $"'{alias}' is dynamic and cannot be changed";

    internal static string UsingKeystore(KeystoreRole role, string location, string type, string alias) =>
        $"using the {RoleName(role)} keystore {location} ({type}, alias {alias})";

    private static string RoleName(KeystoreRole role) => role switch
    {
        KeystoreRole.Internal => "internal",
        KeystoreRole.Primary => "primary",
        _ => "default",
    };
}
