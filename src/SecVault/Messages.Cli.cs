namespace SecVault;

/// <summary>Messages of the <c>mi</c> executable's frame: stream prefixes, usage errors and help texts.</summary>
internal static partial class Messages
{
    internal static string CliError(string message) => $"mi: error: {message}";

    internal static string CliWarning(string message) => $"mi: warning: {message}";

    internal static string CliHint(string hint) => $"mi: hint: {hint}";

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
}
