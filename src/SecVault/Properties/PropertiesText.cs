namespace SecVault.Properties;

/// <summary>The messages of SecVault.Properties: each takes strings and numbers only, never a secret value.</summary>
internal static partial class PropertiesText
{
    internal static string PropertiesMalformedUnicodeEscape(string path, int line) =>
        $"{path}:{line}: malformed \\uXXXX escape";

    internal static string PropertiesInvalidUtf8(string path, int line) => $"{path}:{line}: invalid UTF-8";

    internal static string PropertiesLineTooLong(string path, int line, long maxBytes) =>
        $"{path}:{line}: line is longer than {maxBytes} bytes";
}
