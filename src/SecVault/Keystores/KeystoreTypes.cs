using System.Diagnostics.CodeAnalysis;

namespace SecVault.Keystores;

/// <summary>Names of <see cref="KeystoreType"/> as Java and configuration files write them.</summary>
public static class KeystoreTypes
{
    /// <summary>The names <see cref="TryParse"/> accepts, in upper case.</summary>
    public static IReadOnlyList<string> AcceptedNames { get; } = ["JKS", "PKCS12", "P12", "PFX", "JCEKS"];

    /// <summary>Reads <c>JKS</c>, <c>PKCS12</c>, <c>P12</c>, <c>PFX</c> or <c>JCEKS</c> in any case, ignoring surrounding blanks.</summary>
    public static bool TryParse([NotNullWhen(true)] string? name, out KeystoreType type)
    {
        switch (name?.Trim().ToUpperInvariant())
        {
            case "JKS":
                type = KeystoreType.Jks;
                return true;
            case "PKCS12" or "P12" or "PFX":
                type = KeystoreType.Pkcs12;
                return true;
            case "JCEKS":
                type = KeystoreType.Jceks;
                return true;
            default:
                type = default;
                return false;
        }
    }

    /// <summary>Like <see cref="TryParse"/>, but an unknown name is a <see cref="KeystoreException"/> listing the accepted names.</summary>
    public static KeystoreType Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryParse(name, out var type)
            ? type
            : throw new KeystoreException(KeystoreErrorKind.UnknownFormat, KeystoresText.UnknownKeystoreTypeName(name));
    }

    /// <summary>The upper-case Java name: <c>JKS</c>, <c>PKCS12</c> or <c>JCEKS</c>.</summary>
    public static string ToJavaName(this KeystoreType type) => type switch
    {
        KeystoreType.Jks => "JKS",
        KeystoreType.Pkcs12 => "PKCS12",
        KeystoreType.Jceks => "JCEKS",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
