using System.Globalization;

namespace SecVault.Cli;

/// <summary>The mi executable's own text: help, option descriptions, prompts and its messages.</summary>
internal static partial class MiText
{
    internal const string CliVerifyDescription = "Check an MI home's secrets, placeholders and Synapse vault lookups without starting it";

    internal const string CliResolveDescription = "Print deployment.toml (or a Synapse artifact) with every placeholder resolved, secrets masked";

    internal const string CliExecDescription = "Run a command with the decrypted [secrets] values in its environment";

    internal const string CliHomeOption = "The MI home (default: CARBON_HOME, MI_HOME, the current folder, or the parent of bin)";

    internal const string CliPasswordStdinOption = "Read the keystore password from the first line of standard input (with -Dkey.password=true, the private-key password from the second)";

    internal const string CliConsumePasswordFileOption = "Consume the MI home's password file as the server does (default: keep it for the server)";

    internal const string CliVerifySynapseOption = "A Synapse or data-service artifact, or a folder of them (.xml, .dbs), to check instead of the home's own synapse-configs, dataservices and carbonapps folders (repeatable)";

    internal const string CliVerifyStrictOption = "Exit 1 on warnings too";

    internal const string CliResolveSynapseOption = "Print this Synapse or data-service artifact with its vault lookups, vault-decrypt tokens and secretAlias elements resolved instead of deployment.toml";

    internal const string CliResolveFormatOption = "toml (default): the file edited in place; flat: one 'key = value' line per configuration key";

    internal const string CliResolveShowSecretsOption = "Print substituted secrets instead of ********";

    internal const string CliExecOnlyOption = "Only these aliases, comma-separated (repeatable; default: every alias)";

    internal const string CliExecPrefixOption = "Prepended to each variable name (default: none)";

    internal const string CliExecOverrideOption = "Replace variables the environment already defines";

    internal const string CliExecCommandArgument = "The command to run and its arguments (after --)";

    internal static string CliVerifyCounts(int errors, int warnings) =>
        string.Create(CultureInfo.InvariantCulture, $"{errors} {Plural(errors, "error")}, {warnings} {Plural(warnings, "warning")}");

    internal static string CliResolveUnknownFormat(string name) => $"unknown format '{name}'; use toml or flat";

    internal const string CliResolveFormatWithSynapse = "--format applies to deployment.toml, not to --synapse";

    internal const string CliExecEmptyOnly = "--only names an empty alias";

    internal static string CliExecCannotStart(string command, string reason) => $"cannot start '{command}': {reason}";

    private static string Plural(int count, string word) => count == 1 ? word : word + "s";
}
