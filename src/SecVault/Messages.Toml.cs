namespace SecVault;

/// <summary>Messages of the TOML editing layer (SecVault.Toml).</summary>
internal static partial class Messages
{
    internal static string TomlPosition(string path, int line, int column, string what) =>
        $"{path}:{line}:{column}: {what}";

    internal static string TomlFileTooLarge(string path, long size, long limit) =>
        $"{path}: the file is {size} bytes, over the limit of {limit} bytes";

    internal static string TomlInvalidUtf8 => "the file is not valid UTF-8";

    internal static string TomlDuplicateKey(string key, int firstLine, int firstColumn) =>
        $"key '{key}' is defined twice (first at {firstLine}:{firstColumn})";

    internal static string TomlSecretTooLarge(string alias, int length, int limit) =>
        $"the value of secret '{alias}' is {length} characters, over the limit of {limit}";

    internal const string TomlUnfinishedEscape = "the file ends inside a string escape sequence";

    internal const string TomlSyntaxHint = "fix the TOML syntax at the position shown";

    internal const string TomlUtf8Hint = "save the file as UTF-8";
}
