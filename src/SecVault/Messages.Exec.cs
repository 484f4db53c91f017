namespace SecVault;

/// <summary>Messages of both tools' last-resort handler.</summary>
internal static partial class Messages
{
    /// <summary>The last-resort line: the exception's type name only, since an unknown exception's message may hold data.</summary>
    internal static string ToolUnexpected(string tool, string exceptionType) => $"{tool}: error: {Unexpected(exceptionType)}";
}
