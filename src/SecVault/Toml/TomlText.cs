namespace SecVault.Toml;

/// <summary>Messages of the TOML layer. None quotes source text: even one character of it may belong to a secret.</summary>
internal static class TomlText
{
    internal static string Position(string path, int line, int column, string what) => $"{path}:{line}:{column}: {what}";

    internal static string FileTooLarge(string path, long size, long limit) =>
        $"{path}: the file is {size} bytes, over the limit of {limit} bytes";

    internal const string InvalidUtf8 = "the file is not valid UTF-8";

    internal static string DuplicateKey(string key, int firstLine, int firstColumn) =>
        $"key '{key}' is defined twice (first at {firstLine}:{firstColumn})";

    internal static string NotExtensible(string key, string what, int firstLine, int firstColumn) =>
        $"key '{key}' cannot be extended here: it is {what} (defined at {firstLine}:{firstColumn})";

    internal static string SecretTooLarge(string alias, long length, long limit) =>
        $"the value of secret '{alias}' is {length} bytes, over the limit of {limit}";

    internal static string TooDeep(int limit) => $"tables, arrays and inline tables are nested deeper than {limit} levels";

    internal static string AliasTooLong(int length, int limit) => $"a [secrets] alias of {length} characters, over the limit of {limit}";

    internal const string AValue = "a value";
    internal const string AnInlineTable = "an inline table, which is complete where it is written";
    internal const string AnArray = "an array, which is complete where it is written";
    internal const string AnArrayOfTables = "an array of tables";
    internal const string ATableWithHeader = "a table with its own [header]";
    internal const string ATableOfDottedKeys = "a table defined by dotted keys";

    internal const string ExpectedKey = "expected a key (letters, digits, '_', '-', or a quoted key)";
    internal const string ExpectedEquals = "expected '=' after the key";
    internal const string ExpectedValue = "expected a value (a quoted string, number, boolean, date, array or inline table)";
    internal const string ExpectedLineEnd = "expected the end of the line";
    internal const string ExpectedHeaderEnd = "expected ']' to close the table header";
    internal const string ExpectedArrayHeaderEnd = "expected ']]' to close the array-of-tables header";
    internal const string ExpectedArraySeparator = "expected ',' or ']' in the array";
    internal const string ExpectedInlineSeparator = "expected ',' or '}' in the inline table (an inline table stays on one line)";
    internal const string TrailingCommaInInlineTable = "an inline table cannot end with a comma";
    internal const string UnclosedArray = "the array is not closed";
    internal const string LoneCarriageReturn = "a carriage return must be followed by a line feed";
    internal const string ControlCharacter = "a control character must be escaped (or is not allowed here)";
    internal const string UnclosedString = "the string is not closed on its line";
    internal const string UnclosedMultiLineString = "the multi-line string is not closed";
    internal const string TooManyQuotes = "too many quotes close the multi-line string";
    internal const string MultiLineKey = "a key cannot be a multi-line string";
    internal const string InvalidEscape = "invalid escape sequence (allowed: \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX)";
    internal const string InvalidCodePoint = "the escape is not a Unicode scalar value";
    internal const string InvalidNumber = "invalid number";
    internal const string LeadingZero = "a number cannot have leading zeros";
    internal const string MisplacedUnderscore = "an underscore in a number must stand between two digits";
    internal const string IntegerOutOfRange = "the integer does not fit in 64 bits";
    internal const string InvalidDate = "invalid date or time (expected YYYY-MM-DD, HH:MM:SS, or both with an optional offset)";
    internal const string ValueNotEnded = "unexpected characters after the value";

    internal const string SyntaxHint = "fix the TOML syntax at the position shown";

    internal const string Utf8Hint = "save the file as UTF-8";
}
