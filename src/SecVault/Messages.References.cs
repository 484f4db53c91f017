namespace SecVault;

/// <summary>Messages about <c>$ref{}</c> placeholders; they name keys, never values.</summary>
internal static partial class Messages
{
    internal static string ReferenceDangling(string placeholder, string key) =>
        $"{placeholder}: no key {key} in deployment.toml, and MI has no default for it";

    internal static string ReferenceCycle(IEnumerable<string> keys) =>
        $"reference cycle: {string.Join(" -> ", keys)}";

    internal static string ReferenceNotAValue(string placeholder, string key) =>
        $"{placeholder}: {key} is a table or an array; only a single value can be referenced";

    internal static string ReferenceIntoSecrets(string placeholder, string alias) =>
        $"{placeholder}: refers into [secrets]; use $secret{{{alias}}} for the decrypted value";

    internal static string ReferenceNotAllowedInSecrets(string placeholder) =>
        $"{placeholder}: $ref{{}} is not resolved inside [secrets]; only $env{{}} and $sys{{}} are";

    internal static string VerifyVaultKeyDefaulted(string key, string fallback) =>
        $"the line {key} is missing (a file written by Carbon's cipher tool); the runtime uses the default {fallback}";

    internal const string CliMiHomeNotFoundHint = "pass --home DIR or set CARBON_HOME";

    private const string ExitCodesHelp = """

        Exit codes:
          0    success
          1    failure (the problems are on standard error)
          2    usage error
          130  interrupted (Ctrl+C)
        """;

    internal const string MiHelpFooter = ExitCodesHelp + """

          'mi secret exec' returns its command's exit code.

        Environment variables:
          MI_KEYSTORE_PASSWORD   keystore password for verify, resolve and exec (after --password-stdin and the MI home's password files)
          MI_KEY_PASSWORD        private key password, when it differs from the keystore password
          MI_CLI_HOME            folder of keystore_info.yaml for init and create (default ~/.wso2mi/security)
          CARBON_HOME, MI_HOME   the MI home when --home is not given
          SECVAULT_NATIVE_RSA    0 turns off the OpenSSL fast path on Linux
          NO_COLOR               set (not empty): no colour in error, warning and hint lines
        Colour and progress lines appear only when standard error is a terminal.
        """;

    internal const string CipherToolHelpFooter = ExitCodesHelp + """


        Environment variables:
          CARBON_HOME, MI_HOME   the MI home when -Dcarbon.home is not given
          SECVAULT_NATIVE_RSA    0 turns off the OpenSSL fast path on Linux
          NO_COLOR               set (not empty): no colour in error, warning and hint lines
        ciphertool takes the keystore password only from -Dpassword.stdin, -Dpassword= or the terminal;
        MI_KEYSTORE_PASSWORD and MI_KEY_PASSWORD are read by 'mi secret' and the IConfiguration provider, not here.
        Colour appears only when standard error is a terminal.
        """;
}
