using System.ComponentModel;
using SecVault.Diagnostics;
using SecVault.Hosting;

namespace SecVault.Exec;

/// <summary>
/// <c>mi secret exec</c> as two steps a host calls: <see cref="Prepare"/> names and decrypts the secrets (every name
/// checked before a password is asked), <see cref="Run"/> starts the command with them as environment variables.
/// </summary>
public static class SecretExec
{
    /// <summary>
    /// The environment variables for <paramref name="aliases"/> (all of <paramref name="allAliases"/> when null):
    /// names planned with <paramref name="prefix"/>, values decrypted by <paramref name="decrypt"/>, both checked.
    /// </summary>
    /// <param name="aliases">The aliases to pass, or null for all.</param>
    /// <param name="allAliases">Every alias of [secrets], in file order.</param>
    /// <param name="prefix">The prefix of every variable name.</param>
    /// <param name="environment">The environment the command would inherit.</param>
    /// <param name="overrideExisting">Replace variables the environment already defines.</param>
    /// <param name="decrypt">Decrypts the chosen aliases (e.g. <c>MiHomeResolver.DecryptSecrets</c>); called after the names pass.</param>
    /// <exception cref="SecretVariableException">A name or a value cannot be passed; every conflict is listed.</exception>
    /// <exception cref="SecVaultResolutionException">A secret does not decrypt.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> Prepare(
        IReadOnlyList<string>? aliases,
        IReadOnlyList<string> allAliases,
        string prefix,
        IEnvironment environment,
        bool overrideExisting,
        Func<IReadOnlyList<string>?, IReadOnlyDictionary<string, string>> decrypt)
    {
        ArgumentNullException.ThrowIfNull(allAliases);
        ArgumentNullException.ThrowIfNull(decrypt);
        var variables = SecretVariables.Plan(aliases ?? allAliases, prefix, environment, overrideExisting);
        var secrets = decrypt(aliases);
        SecretVariables.CheckValues(variables, secrets);
        return [.. variables.Select(v => new KeyValuePair<string, string>(v.Name, secrets[v.Alias]))];
    }

    /// <summary>
    /// Runs <paramref name="commandLine"/> in <paramref name="workingFolder"/> with <paramref name="variables"/> added to
    /// this process's environment (the keystore password variables removed), standard streams inherited, SIGINT and
    /// SIGTERM forwarded; returns its exit code.
    /// </summary>
    /// <exception cref="Win32Exception">The command cannot be started.</exception>
    public static int Run(IReadOnlyList<string> commandLine, string workingFolder, IEnumerable<KeyValuePair<string, string>> variables) =>
        ChildProcess.Run(commandLine, workingFolder, variables);
}
