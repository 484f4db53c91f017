using System.Text.RegularExpressions;

namespace SecVault.SecretOutput;

/// <summary>The Kubernetes name rules a Secret manifest must follow (apimachinery validation).</summary>
public static partial class KubernetesNames
{
    /// <summary>The default Secret name.</summary>
    public const string DefaultSecretName = "wso2secret";

    /// <summary>A DNS subdomain (RFC 1123): lower-case alphanumerics, <c>-</c> and <c>.</c>, at most 253 characters.</summary>
    internal static bool IsDnsSubdomain(string? name) => name is { Length: <= 253 } && DnsSubdomain().IsMatch(name);

    /// <summary>A DNS label (RFC 1123): lower-case alphanumerics and <c>-</c>, at most 63 characters.</summary>
    internal static bool IsDnsLabel(string? name) => name is { Length: <= 63 } && DnsLabel().IsMatch(name);

    /// <summary>
    /// What is wrong with a Secret's <paramref name="name"/> and <paramref name="kubernetesNamespace"/> (either may be
    /// null: not given), as one line naming the value; null when both are valid.
    /// </summary>
    public static string? Problem(string? name, string? kubernetesNamespace) =>
        name is not null && !IsDnsSubdomain(name) ? SecretOutputText.CreateInvalidSecretName(name)
        : kubernetesNamespace is not null && !IsDnsLabel(kubernetesNamespace) ? SecretOutputText.CreateInvalidNamespace(kubernetesNamespace)
        : null;

    /// <summary>A Secret data key: <c>[-._a-zA-Z0-9]+</c>, at most 253 characters, not <c>.</c>, <c>..</c> or starting with <c>..</c>.</summary>
    internal static bool IsSecretKey(string? key) =>
        key is { Length: <= 253 } && SecretKey().IsMatch(key) && key != "." && !key.StartsWith("..", StringComparison.Ordinal);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^[-._a-zA-Z0-9]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SecretKey();
}
