namespace SecVault.Tools;

/// <summary>Help text both executables print the same way (compiled into each; see src/Executables.props).</summary>
internal static class ToolHelpText
{
    /// <summary>The exit codes paragraph that starts both help footers.</summary>
    internal const string ExitCodesHelp = """

        Exit codes:
          0    success
          1    failure (the problems are on standard error)
          2    usage error
          130  interrupted (Ctrl+C)
        """;
}
