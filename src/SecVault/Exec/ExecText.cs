using System.Globalization;

namespace SecVault.Exec;

/// <summary>Messages of <c>mi secret verify</c>, <c>resolve</c> and <c>exec</c>.</summary>
internal static partial class ExecText
{
    internal static string ExecNameCollision(string name, IReadOnlyList<string> aliases) =>
        $"aliases {string.Join(", ", aliases.Select(Messages.Quote))} all become environment variable {name}";

    internal static string ExecAlreadyDefined(string name, string alias) =>
        $"environment variable {name} (alias '{alias}') is already defined";

    internal static string ExecConflicts(string first, int count) => count == 1
        ? first
        : string.Create(CultureInfo.InvariantCulture, $"{count} conflicts: {first} (and {count - 1} more)");

    internal const string ExecAlreadyDefinedHint = "choose other names with --prefix, pick aliases with --only, or replace the variables with --override";

    internal const string ExecCollisionHint = "choose other names with --prefix, or pick aliases with --only";
}
