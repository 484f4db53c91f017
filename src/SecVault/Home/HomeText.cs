namespace SecVault.Home;

/// <summary>Messages of SecVault.Home.</summary>
internal static partial class HomeText
{
    internal const string MiHomeNotFound = "cannot find the MI home";

    internal const string MiHomeNotFoundHint = "pass -Dcarbon.home=DIR or set CARBON_HOME";

    internal static string MiHomeMissing(string source, string path) => $"no MI home at {path} (given by {source}): not a folder";

    internal const string SourceOption = "the command line";

    internal const string SourceCarbonHomeVariable = "CARBON_HOME";

    internal const string SourceMiHomeVariable = "MI_HOME";

    internal const string SourceCurrentFolder = "the current folder";

    internal const string SourceParentOfBinFolder = "the parent of the current bin folder";

}
