namespace SecVault.Placeholders;

/// <summary>The messages of SecVault.Placeholders: each takes strings and numbers only, never a secret value.</summary>
internal static partial class PlaceholdersText
{
    internal static string ReferenceNotAllowedInSecrets(string placeholder) =>
        $"{placeholder}: $ref{{}} is not resolved inside [secrets]; only $env{{}} and $sys{{}} are";
}
