namespace SecVault.Cli;

/// <summary>Process exit codes of <c>mi</c> (spec README, Common rules).</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>A domain failure: nothing (or nothing more) was written.</summary>
    public const int Failure = 1;

    /// <summary>Wrong options or arguments.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted by Ctrl+C.</summary>
    public const int Interrupted = 130;
}
