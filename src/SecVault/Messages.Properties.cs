namespace SecVault;

/// <summary>Messages of the .properties reader and writer.</summary>
internal static partial class Messages
{
    internal static string PropertiesMalformedUnicodeEscape(string path, int line) =>
        $"{path}:{line}: malformed \\uXXXX escape";

    internal static string PropertiesInvalidUtf8(string path, int line) => $"{path}:{line}: invalid UTF-8";

    internal static string PropertiesLineTooLong(string path, int line, long maxBytes) =>
        $"{path}:{line}: line is longer than {maxBytes} bytes";
}
