using System.Text;
using SecVault.Hosting;

namespace SecVault.Exec;

/// <summary>One <c>[secrets]</c> alias and the environment variable <c>mi secret exec</c> gives it.</summary>
internal sealed record SecretVariable(string Alias, string Name);

/// <summary>
/// How <c>mi secret exec</c> names its variables (mi-secret.md, exec): <c>&lt;prefix&gt;&lt;alias&gt;</c> with every
/// character outside <c>[A-Za-z0-9_]</c> replaced by <c>_</c>; a name on the <see cref="ExportDenylist"/>, one that
/// starts with a digit, two aliases on one name, or a name the environment already defines (unless overriding), are
/// conflicts reported together before anything starts.
/// </summary>
internal static class SecretVariables
{
    /// <summary>The variable name for <paramref name="alias"/> under <paramref name="prefix"/>.</summary>
    public static string Name(string prefix, string alias)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentException.ThrowIfNullOrEmpty(alias);
        var name = new StringBuilder(prefix.Length + alias.Length);
        // One underscore per character (Unicode scalar), so a character outside the BMP is not doubled.
        foreach (var rune in (prefix + alias).EnumerateRunes())
        {
            name.Append(rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value == '_') ? (char)rune.Value : '_');
        }

        return name.ToString();
    }

    /// <summary>
    /// Why <paramref name="name"/> can never be exported (<see cref="SecretVariableErrorKind.Denied"/> or
    /// <see cref="SecretVariableErrorKind.InvalidName"/>), or null when it can.
    /// </summary>
    public static SecretVariableErrorKind? Refusal(string name) =>
        ExportDenylist.Find(name) is not null ? SecretVariableErrorKind.Denied
        : !ExportDenylist.IsPortableName(name) ? SecretVariableErrorKind.InvalidName
        : null;

    /// <summary>True when an environment variable can carry <paramref name="secret"/> unchanged (it holds no NUL).</summary>
    public static bool CanCarry(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return !secret.Contains('\0', StringComparison.Ordinal);
    }

    /// <summary>
    /// The variables for <paramref name="aliases"/> (in order, duplicates dropped); throws
    /// <see cref="SecretVariableException"/> listing every conflict. Denied and invalid names are refused whatever
    /// <paramref name="overrideExisting"/> says.
    /// </summary>
    public static IReadOnlyList<SecretVariable> Plan(IEnumerable<string> aliases, string prefix, IEnvironment environment, bool overrideExisting)
    {
        ArgumentNullException.ThrowIfNull(aliases);
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(environment);
        var variables = aliases.Distinct(StringComparer.Ordinal).Select(a => new SecretVariable(a, Name(prefix, a))).ToList();
        var conflicts = new List<SecretVariableConflict>();
        foreach (var group in variables.GroupBy(v => v.Name, StringComparer.Ordinal))
        {
            if (Refusal(group.Key) is { } refusal)
            {
                // Each alias is named on its own line: the fix (--prefix, --only) is per alias.
                conflicts.AddRange(group.Select(v => new SecretVariableConflict(refusal, v.Name, [v.Alias])));
            }
            else if (group.Skip(1).Any())
            {
                conflicts.Add(new SecretVariableConflict(SecretVariableErrorKind.NameCollision, group.Key, [.. group.Select(v => v.Alias)]));
            }
            else if (!overrideExisting && environment.GetVariable(group.Key) is not null)
            {
                // Stryker disable once Linq: the group holds exactly one variable here (the branch above takes larger ones).
                conflicts.Add(new SecretVariableConflict(SecretVariableErrorKind.AlreadyDefined, group.Key, [group.Single().Alias]));
            }
        }

        return conflicts.Count > 0 ? throw new SecretVariableException(conflicts) : variables;
    }

    /// <summary>
    /// Throws <see cref="SecretVariableException"/> naming every alias in <paramref name="variables"/> whose secret in
    /// <paramref name="secrets"/> an environment variable cannot carry, rather than let the child see it cut short.
    /// </summary>
    public static void CheckValues(IReadOnlyList<SecretVariable> variables, IReadOnlyDictionary<string, string> secrets)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(secrets);
        var conflicts = variables.Where(v => !CanCarry(secrets[v.Alias]))
            .Select(v => new SecretVariableConflict(SecretVariableErrorKind.HoldsNul, v.Name, [v.Alias])).ToList();
        if (conflicts.Count > 0)
        {
            throw new SecretVariableException(conflicts);
        }
    }
}
