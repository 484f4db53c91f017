using System.Text;
using SecVault.Hosting;

namespace SecVault.Exec;

/// <summary>One <c>[secrets]</c> alias and the environment variable <c>mi secret exec</c> gives it.</summary>
internal sealed record SecretVariable(string Alias, string Name);

/// <summary>
/// How <c>mi secret exec</c> names its variables (mi-secret.md, exec): <c>&lt;prefix&gt;&lt;alias&gt;</c> with every
/// character outside <c>[A-Za-z0-9_]</c> replaced by <c>_</c>; two aliases on one name, or a name the environment
/// already defines (unless overriding), are conflicts reported together before anything starts.
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
    /// The variables for <paramref name="aliases"/> (in order, duplicates dropped); throws
    /// <see cref="SecretVariableException"/> listing every conflict.
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
            if (group.Skip(1).Any())
            {
                conflicts.Add(new SecretVariableConflict(SecretVariableError.NameCollision, group.Key, [.. group.Select(v => v.Alias)]));
            }
            else if (!overrideExisting && environment.GetVariable(group.Key) is not null)
            {
                conflicts.Add(new SecretVariableConflict(SecretVariableError.AlreadyDefined, group.Key, [group.Single().Alias]));
            }
        }

        return conflicts.Count > 0 ? throw new SecretVariableException(conflicts) : variables;
    }
}
