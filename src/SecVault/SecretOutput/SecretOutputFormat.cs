using System.Diagnostics.CodeAnalysis;

namespace SecVault.SecretOutput;

/// <summary>Where <c>mi secret create</c> puts its ciphertexts.</summary>
public enum SecretOutputFormat
{
    /// <summary><c>alias : ciphertext</c> lines on standard output.</summary>
    Console,

    /// <summary>A <c>key = value</c> .properties file.</summary>
    File,

    /// <summary>A Kubernetes Secret manifest (<c>k8</c>).</summary>
    Kubernetes,
}

/// <summary>Names of <see cref="SecretOutputFormat"/> on the command line.</summary>
public static class SecretOutputFormats
{
    /// <summary>The accepted names: <c>console</c>, <c>file</c>, <c>k8</c>.</summary>
    internal static IReadOnlyList<string> AcceptedNames { get; } = ["console", "file", "k8"];

    /// <summary>Reads <c>console</c>, <c>file</c> or <c>k8</c> in any case.</summary>
    public static bool TryParse([NotNullWhen(true)] string? name, out SecretOutputFormat format)
    {
        switch (name?.Trim().ToUpperInvariant())
        {
            case "CONSOLE":
                format = SecretOutputFormat.Console;
                return true;
            case "FILE":
                format = SecretOutputFormat.File;
                return true;
            case "K8":
                format = SecretOutputFormat.Kubernetes;
                return true;
            default:
                format = default;
                return false;
        }
    }

    /// <summary>The command-line name.</summary>
    internal static string ToName(this SecretOutputFormat format) => format switch
    {
        SecretOutputFormat.Console => "console",
        SecretOutputFormat.File => "file",
        SecretOutputFormat.Kubernetes => "k8",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
