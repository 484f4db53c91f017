namespace SecVault.Hosting;

/// <summary>The messages of SecVault.Hosting: each takes strings and numbers only, never a secret value.</summary>
internal static partial class HostingText
{
    internal static string Unexpected(string type) => $"unexpected failure ({type}); nothing more is known";

    /// <summary>The last-resort line: the exception's type name only, since an unknown exception's message may hold data.</summary>
    internal static string ToolUnexpected(string tool, string exceptionType) => $"{tool}: error: {Unexpected(exceptionType)}";
}
