using System.Text.RegularExpressions;

namespace SecVault.SecretOutput;

/// <summary>The Kubernetes name rules a Secret manifest must follow (apimachinery validation).</summary>
public static partial class KubernetesNames
{
    /// <summary>The default Secret name.</summary>
    public const string DefaultSecretName = "wso2secret";

    /// <summary>A DNS subdomain (RFC 1123): lower-case alphanumerics, <c>-</c> and <c>.</c>, at most 253 characters.</summary>
    public static bool IsDnsSubdomain(string? name) => name is { Length: > 0 and <= 253 } && DnsSubdomain().IsMatch(name);

    /// <summary>A DNS label (RFC 1123): lower-case alphanumerics and <c>-</c>, at most 63 characters.</summary>
    public static bool IsDnsLabel(string? name) => name is { Length: > 0 and <= 63 } && DnsLabel().IsMatch(name);

    /// <summary>A Secret data key: <c>[-._a-zA-Z0-9]+</c>, at most 253 characters, not <c>.</c>, <c>..</c> or starting with <c>..</c>.</summary>
    public static bool IsSecretKey(string? key) =>
        key is { Length: > 0 and <= 253 } && SecretKey().IsMatch(key) && key != "." && !key.StartsWith("..", StringComparison.Ordinal);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^[-._a-zA-Z0-9]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SecretKey();
}
