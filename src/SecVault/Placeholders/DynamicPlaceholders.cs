using SecVault.Diagnostics;

namespace SecVault.Placeholders;

/// <summary>
/// Substitution of <c>$env{}</c> and <c>$sys{}</c> in one string, with upstream's rules: an undefined variable or an
/// undefined or empty property is a problem, an empty variable is accepted; every other placeholder is a problem here.
/// </summary>
internal static class DynamicPlaceholders
{
    /// <summary>
    /// Returns the text with its <c>$env{}</c>/<c>$sys{}</c> placeholders replaced, or null when any could not be
    /// (each reason is passed to <paramref name="report"/> with the placeholder at fault).
    /// </summary>
    public static string? Substitute(string text, VariableSources sources, Action<Placeholder, string> report)
    {
        var failed = false;
        var result = PlaceholderParser.Substitute(text, placeholder =>
        {
            var (value, problem) = Lookup(placeholder, sources);
            if (problem is not null)
            {
                failed = true;
                report(placeholder, problem);
            }

            return value;
        });
        return failed ? null : result;
    }

    /// <summary>The value of one <c>$env{}</c> or <c>$sys{}</c> placeholder, or the problem that prevents it.</summary>
    public static (string? Value, string? Problem) Lookup(Placeholder placeholder, VariableSources sources)
    {
        if (placeholder.IsEmptyName)
        {
            return (null, DiagnosticsText.EmptyPlaceholderName(placeholder.Text));
        }

        switch (placeholder.Kind)
        {
            case PlaceholderKind.Env:
                var variable = sources.Environment.GetVariable(placeholder.Name);
                return variable is null ? (null, DiagnosticsText.EnvironmentVariableUndefined(placeholder.Name)) : (variable, null);
            case PlaceholderKind.Sys:
                if (!sources.SystemProperties.TryGetValue(placeholder.Name, out var property))
                {
                    return (null, DiagnosticsText.SystemPropertyUndefined(placeholder.Name));
                }

                return property.Length == 0 ? (null, DiagnosticsText.SystemPropertyEmpty(placeholder.Name)) : (property, null);
            case PlaceholderKind.Ref:
                // Only [secrets] values reach here with a $ref{}; elsewhere ConfigReferences resolves it.
                return (null, PlaceholdersText.ReferenceNotAllowedInSecrets(placeholder.Text));
            default:
                return (null, DiagnosticsText.PlaceholderNotAllowedHere(placeholder.Text));
        }
    }
}
