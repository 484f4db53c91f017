using System.Diagnostics.CodeAnalysis;

namespace SecVault.Ciphers;

/// <summary>A Java RSA cipher transformation name and the padding it fixes (formats.md, Transformations).</summary>
public sealed class Transformation : IEquatable<Transformation>
{
    private const string OaepCliName = "RSA/ECB/OAEPWithSHA1AndMGF1Padding";
    private const string Pkcs1Name = "RSA/ECB/PKCS1Padding";

    private Transformation(string name, string cliName, RsaPadding padding)
    {
        Name = name;
        CliName = cliName;
        Padding = padding;
    }

    /// <summary>OAEP with SHA-1 and MGF1: <c>RSA/ECB/OAEPwithSHA1andMGF1Padding</c>.</summary>
    internal static Transformation OaepSha1 { get; } = new("RSA/ECB/OAEPwithSHA1andMGF1Padding", OaepCliName, RsaPadding.OaepSha1);

    /// <summary>PKCS#1 v1.5: <c>RSA/ECB/PKCS1Padding</c>.</summary>
    internal static Transformation Pkcs1 { get; } = new(Pkcs1Name, Pkcs1Name, RsaPadding.Pkcs1);

    /// <summary>The bare name <c>RSA</c>, which means PKCS#1 v1.5.</summary>
    internal static Transformation Rsa { get; } = new("RSA", Pkcs1Name, RsaPadding.Pkcs1);

    /// <summary>The default transformation: <see cref="OaepSha1"/>.</summary>
    public static Transformation Default => OaepSha1;

    /// <summary>Every name <see cref="Parse"/> accepts (in any case).</summary>
    internal static IReadOnlyList<string> AcceptedNames { get; } =
    [
        "RSA",
        "RSA/ECB/PKCS1Padding",
        "RSA/NONE/PKCS1Padding",
        "RSA/ECB/OAEPwithSHA1andMGF1Padding",
        "RSA/ECB/OAEPWithSHA-1AndMGF1Padding",
        "RSA/NONE/OAEPwithSHA1andMGF1Padding",
        "RSA/NONE/OAEPWithSHA-1AndMGF1Padding",
    ];

    /// <summary>The name as SecVault writes it: <c>RSA</c>, <c>RSA/ECB/PKCS1Padding</c> or <c>RSA/ECB/OAEPwithSHA1andMGF1Padding</c>.</summary>
    public string Name { get; }

    /// <summary>The upstream <c>mi</c> CLI spelling: <c>RSA/ECB/OAEPWithSHA1AndMGF1Padding</c> or <c>RSA/ECB/PKCS1Padding</c>.</summary>
    public string CliName { get; }

    /// <summary>The padding the name fixes.</summary>
    internal RsaPadding Padding { get; }

    /// <summary>The transformation with the other padding, as written by default (OAEP ⇄ <c>RSA/ECB/PKCS1Padding</c>).</summary>
    internal Transformation Other => Padding == RsaPadding.OaepSha1 ? Pkcs1 : OaepSha1;

    /// <summary>Reads an accepted name in any case (blanks around the <c>/</c>-separated parts ignored, as the JDK does).</summary>
    public static bool TryParse([NotNullWhen(true)] string? name, [NotNullWhen(true)] out Transformation? transformation)
    {
        transformation = null;
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        var parts = name.Split('/').Select(p => p.Trim().ToUpperInvariant()).ToArray();
        if (parts.Length == 1)
        {
            transformation = parts[0] == "RSA" ? Rsa : null;
        }
        else if (parts.Length == 3 && parts[0] == "RSA" && parts[1] is ("ECB" or "NONE"))
        {
            transformation = parts[2] switch
            {
                "PKCS1PADDING" => Pkcs1,
                "OAEPWITHSHA1ANDMGF1PADDING" or "OAEPWITHSHA-1ANDMGF1PADDING" => OaepSha1,
                _ => null,
            };
        }

        return transformation is not null;
    }

    /// <summary>Like <see cref="TryParse"/>, but a blank or unknown name is a <see cref="CipherException"/> listing the accepted names.</summary>
    public static Transformation Parse(string? name)
    {
        if (TryParse(name, out var transformation))
        {
            return transformation;
        }

        var message = string.IsNullOrWhiteSpace(name)
            ? CiphersText.TransformationBlank(AcceptedNames)
            : CiphersText.TransformationUnknown(name, AcceptedNames);
        throw new CipherException(CipherErrorKind.UnknownTransformation, message);
    }

    /// <summary>The largest secret in bytes for a key of <paramref name="keySizeBits"/>: k − 11 for PKCS#1, k − 42 for OAEP.</summary>
    internal int MaxPlaintextBytes(int keySizeBits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keySizeBits, 512);
        var keyBytes = (keySizeBits + 7) / 8;
        return keyBytes - (Padding == RsaPadding.OaepSha1 ? 42 : 11);
    }

    /// <summary>Equality by <see cref="Name"/>.</summary>
    public bool Equals(Transformation? other) => other is not null && string.Equals(Name, other.Name, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Transformation);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);

    /// <summary>The <see cref="Name"/>.</summary>
    public override string ToString() => Name;
}
