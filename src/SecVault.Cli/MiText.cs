using SecVault.Tools;

namespace SecVault.Cli;

/// <summary>The mi executable's own text: help, option descriptions, prompts and its messages.</summary>
internal static partial class MiText
{
    /// <summary>The tool name that starts every diagnostic line.</summary>
    internal const string Tool = "mi";

    internal const string CliProgressEncrypting = "encrypting";

    internal const string CliProgressDecrypting = "decrypting";

    internal static string CliHelpHint(string commandPath) => $"run '{commandPath} --help'";

    internal static string CliUnknownOption(string option) => $"unknown option '{option}'";

    // The text after -D is not echoed: a malformed one may be a value typed without its name.
    internal static string CliBadSystemProperty(int position) =>
        $"-D number {position} is not NAME=VALUE with a non-empty NAME";

    internal const string CliRootDescription = "SecVault mi: the WSO2 Micro Integrator CLI's secret commands";

    internal const string CliSecretDescription = "Encrypt secrets for Micro Integrator and check or use them";

    internal const string CliIgnoredFlag = "Accepted for compatibility with the upstream mi CLI; has no effect";

    internal const string CliInitDescription =
        "Check a keystore and store its certificate for 'mi secret create' (no password is stored)";

    internal const string CliInitKeystoreOption = "Keystore file (prompted for when omitted)";

    internal const string CliInitTypeOption = "JKS, PKCS12 (P12, PFX) or JCEKS; default guessed from the content, then the extension";

    internal const string CliInitAliasOption = "Alias of the key or certificate to encrypt with";

    internal const string CliInitPasswordStdinOption = "Read the keystore password from the first line of standard input";

    internal const string CliCreateDescription = "Encrypt secrets with the certificate stored by 'mi secret init'";

    internal const string CliCreateFormatArgument = "Legacy output form: console, file or k8 (same as -o)";

    internal const string CliCreateOutputOption = "Output: console (default), file or k8";

    internal const string CliCreateFromFileOption = "Encrypt every entry of a UTF-8 .properties file (alias = secret)";

    internal const string CliCreateCipherOption = "RSA/ECB/OAEPWithSHA1AndMGF1Padding (default) or RSA/ECB/PKCS1Padding";

    internal const string CliCreateOutOption =
        "Output file for file and k8 (default ./security/wso2-secrets.properties or ./security/wso2-secrets.yaml)";

    internal const string CliCreateNameOption = "k8 only: the Secret's name (default wso2secret)";

    internal const string CliCreateNamespaceOption = "k8 only: the Secret's namespace (default none)";

    internal const string CliInitKeystorePrompt = "Enter Key Store location: ";

    internal static string CliInitTypePrompt(string guess) => $"Enter Key Store type [{guess}]: ";

    internal const string CliInitAliasPrompt = "Enter Key alias: ";

    internal const string CliInitUnknownTypeAnswer = "Unknown keystore type; use JKS, PKCS12 (P12, PFX) or JCEKS, or press Enter for the guess.";

    internal const string CliInitPasswordPrompt = "Enter Key Store password: ";

    internal const string CliInitKeystoreEmpty = "Key Store location must not be empty.";

    internal const string CliInitAliasEmpty = "Key alias must not be empty.";

    internal static string CliInitMissingOption(string option) => $"{option} is required when standard input is not a terminal";

    internal static string CliInitMissingOptionHint(string option) => $"give {option}, or run 'mi secret init' in a terminal";

    internal const string CliInitNoPasswordSource = "no terminal to ask for the keystore password";

    internal const string CliInitNoPasswordSourceHint = "pipe the password with --password-stdin, or run 'mi secret init' in a terminal";

    internal static string CliInitCertificateExpired(string alias, string date) =>
        $"the certificate of alias '{alias}' expired on {date}; encryption still works, but consider a new key";

    internal static string CliInitFolderOpen(string folder) =>
        $"{folder} is open to other users; restrict it with 'chmod 700 {folder}'";

    internal const string CliInitCompleted = "Key Store initialization completed.";

    internal static string CliInitSummary(string file, string keystore, string type, string alias, int keySizeBits, string sha256, string notAfter) =>
        $"  config:      {file}\n  keystore:    {keystore} ({type})\n  alias:       {alias}\n  key size:    {keySizeBits} bits\n  SHA-256:     {sha256}\n  expires:     {notAfter}";

    internal const string CliCreateTerminal = "terminal";

    internal const string CliCreateAliasPrompt = "Enter plain alias for secret: ";

    internal const string CliCreateSecretPrompt = "Enter plain text secret: ";

    internal const string CliCreateRepeatPrompt = "Repeat plain text secret: ";

    internal const string CliCreateAliasEmpty = "Alias must not be empty.";

    internal const string CliCreateSecretEmpty = "Secret must not be empty.";

    internal const string CliCreateSecretsDiffer = "Entered secret values did not match.";

    internal static string CliCreateUnknownFormat(string name) => $"unknown output form '{name}'; use console, file or k8";

    internal static string CliCreateFormatConflict(string positional, string option) =>
        $"output form '{positional}' conflicts with -o '{option}'";

    internal const string CliCreateCipherHint = "use RSA/ECB/OAEPWithSHA1AndMGF1Padding (default) or RSA/ECB/PKCS1Padding";

    internal const string CliCreateOutNeedsFile = "--out needs -o file or -o k8";

    internal const string CliCreateEmptyOut = "--out must not be empty";

    internal static string CliCreateKubernetesOnly(string option) => $"{option} needs -o k8";

    internal static string CliCreatePropertiesWritten(string path) => $"Secret properties file created in {path}";

    internal static string CliCreateKubernetesWritten(string path) => $"Kubernetes secret file created in {path}";

    internal const string CliMiHomeNotFoundHint = "pass --home DIR or set CARBON_HOME";

    internal const string MiHelpFooter = ToolHelpText.ExitCodesHelp + """

          'mi secret exec' returns its command's exit code.

        Environment variables:
          MI_KEYSTORE_PASSWORD   keystore password for verify, resolve and exec (after --password-stdin and the MI home's password files),
                                 and for rotate the password of the keystore stored by init (after --password-stdin)
          MI_OLD_KEYSTORE_PASSWORD  rotate: the password of --old-keystore (after line 2 of --password-stdin)
          MI_OLD_KEY_PASSWORD    rotate: the old private key's password, when it differs (with MI_OLD_KEYSTORE_PASSWORD)
          MI_KEY_PASSWORD        private key password, when it differs from the keystore password
          MI_CLI_HOME            folder of keystore_info.yaml for init, create and rotate (default ~/.wso2mi/security)
          CARBON_HOME, MI_HOME   the MI home when --home is not given
          SECVAULT_NATIVE_RSA    0 turns off the OpenSSL fast path on Linux
          NO_COLOR               set (not empty): no colour in error, warning and hint lines
        Colour and progress lines appear only when standard error is a terminal.
        """;

    internal const string CliAllowFileLookupsOutsideRootOption =
        "Let FILE and DOCKER vault lookups read files outside their root (through ../ or a symbolic link)";

    internal const string CliDiagnosePaddingOption =
        "Say why a ciphertext does not decrypt (the other padding, not UTF-8); on by default only on a terminal, as it is a padding oracle";

    internal const string CliExecEmptyCommand = "the command to run is empty";
}
