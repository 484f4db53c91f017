using SecVault.Resolution;

namespace SecVault;

internal static partial class Messages
{
    internal static string ResolutionFailed(IReadOnlyList<Problem> problems)
    {
        var errors = problems.Where(p => p.Severity == ProblemSeverity.Error).ToList();
        return errors.Count switch
        {
            0 => "resolution failed",
            1 => errors[0].ToString(),
            _ => $"{errors.Count} problems: {errors[0]} (and {errors.Count - 1} more)",
        };
    }

    internal static string EmptyPlaceholderName(string placeholder) => $"{placeholder} has an empty name";

    internal static string EnvironmentVariableUndefined(string name) => $"environment variable {name} is not defined";

    internal static string SystemPropertyUndefined(string name) => $"system property {name} is not defined";

    internal static string SystemPropertyEmpty(string name) => $"system property {name} is empty";

    internal static string UnsupportedPlaceholder(string placeholder) => $"{placeholder}: unsupported placeholder ($ref{{}} is not implemented)";

    internal static string PlaceholderNotAllowedHere(string placeholder) => $"{placeholder}: only $env{{}} and $sys{{}} placeholders are allowed here";
}
