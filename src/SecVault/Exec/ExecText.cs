using System.Globalization;

namespace SecVault.Exec;

/// <summary>Messages of <c>mi secret verify</c>, <c>resolve</c> and <c>exec</c>.</summary>
internal static partial class ExecText
{
    internal static string ExecNameCollision(string name, IReadOnlyList<string> aliases) =>
        $"aliases {string.Join(", ", aliases.Select(Messages.Quote))} all become environment variable {name}";

    internal static string ExecAlreadyDefined(string name, string alias) =>
        $"environment variable {name} (alias '{alias}') is already defined";

    internal static string ExecConflicts(IReadOnlyList<SecretVariableConflict> conflicts) => conflicts.Count == 1
        ? conflicts[0].ToString()
        : string.Create(CultureInfo.InvariantCulture, $"{conflicts.Count} conflicts: {conflicts[0]} (and {conflicts.Count - 1} more)");

    internal static string ExecConflictsHint(IReadOnlyList<SecretVariableConflict> conflicts) =>
        conflicts.Any(c => c.Error is SecretVariableError.Denied or SecretVariableError.InvalidName) ? ExecText.ExecRefusedHint
        : conflicts.Any(c => c.Error == SecretVariableError.HoldsNul) ? ExecText.ExecHoldsNulHint
        : conflicts.Any(c => c.Error == SecretVariableError.AlreadyDefined)
            ? "choose other names with --prefix, pick aliases with --only, or replace the variables with --override"
            : "choose other names with --prefix, or pick aliases with --only";
}
