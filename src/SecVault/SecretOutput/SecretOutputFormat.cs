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
}
