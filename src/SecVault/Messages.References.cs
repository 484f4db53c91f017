namespace SecVault;

/// <summary>Messages about <c>$ref{}</c> placeholders; they name keys, never values.</summary>
internal static partial class Messages
{
    internal static string ReferenceDangling(string placeholder, string key) =>
        $"{placeholder}: no key {key} in deployment.toml, and MI has no default for it";

    internal static string ReferenceCycle(IEnumerable<string> keys) =>
        $"reference cycle: {string.Join(" -> ", keys)}";

    internal static string ReferenceNotAValue(string placeholder, string key) =>
        $"{placeholder}: {key} is a table or an array; only a single value can be referenced";

    internal static string ReferenceIntoSecrets(string placeholder, string alias) =>
        $"{placeholder}: refers into [secrets]; use $secret{{{alias}}} for the decrypted value";

    internal static string ReferenceNotAllowedInSecrets(string placeholder) =>
        $"{placeholder}: $ref{{}} is not resolved inside [secrets]; only $env{{}} and $sys{{}} are";

    internal static string VerifyVaultKeyDefaulted(string key, string fallback) =>
        $"the line {key} is missing (a file written by Carbon's cipher tool); the runtime uses the default {fallback}";
}
