namespace SecVault.Exec;

/// <summary>Messages of <c>mi secret exec</c>'s safety checks (and their <c>verify</c> warnings) and of both tools' last-resort handler.</summary>
internal static partial class ExecText
{
    internal static string ExecDenied(string name, string alias, string reason) =>
        $"alias '{alias}' would set environment variable {name}, which {reason}; mi secret exec never exports it";

    internal static string ExecInvalidName(string name, string alias) =>
        $"alias '{alias}' would set environment variable {name}, which is not a portable variable name (it starts with a digit)";

    internal static string ExecHoldsNul(string alias) =>
        $"the secret of alias '{alias}' holds a NUL character, which an environment variable cannot carry";

    internal const string ExecRefusedHint = "put a prefix on every name with --prefix (for example --prefix APP_), or leave those aliases out with --only";

    internal const string ExecHoldsNulHint = "create the secret again without NUL characters, or leave the alias out with --only";

    internal static string VerifyExecDenied(string name, string reason) =>
        $"mi secret exec refuses this alias unless --prefix is given: environment variable {name} {reason}";

    internal static string VerifyExecInvalidName(string name) =>
        $"mi secret exec refuses this alias unless --prefix is given: {name} is not a portable variable name (it starts with a digit)";

    internal const string VerifyExecHoldsNul = "the secret holds a NUL character; mi secret exec refuses to export it";


    internal static string DeniedLoader(string pattern) => $"changes how programs load code ({pattern})";

    internal static string DeniedShell(string pattern) => $"changes what shells run ({pattern})";

    internal static string DeniedConfigurationLocation(string pattern) => $"moves where programs read their configuration ({pattern})";

    internal static string DeniedRuntime(string pattern) => $"makes a language runtime load code ({pattern})";

    internal static string DeniedNetwork(string pattern) => $"changes which certificates are trusted or where traffic goes ({pattern})";

    internal static string DeniedToolCommand(string pattern) => $"names a command that tools run ({pattern})";

    internal static string DeniedOwn(string pattern) => $"is read by SecVault itself ({pattern})";
}
