namespace SecVault.Home;

/// <summary>Messages of SecVault.Home.</summary>
internal static partial class HomeText
{
    internal const string MiHomeNotFound = "cannot find the MI home";

    internal const string MiHomeNotFoundHint = "pass -Dcarbon.home=DIR or set CARBON_HOME";

    internal static string MiHomeMissing(string source, string path) => $"no MI home at {path} (given by {source}): not a folder";

    internal static string MiHomeSourceName(MiHomeSource source) => source switch
    {
        MiHomeSource.Option => "the command line",
        MiHomeSource.CarbonHomeVariable => "CARBON_HOME",
        MiHomeSource.MiHomeVariable => "MI_HOME",
        MiHomeSource.CurrentFolder => "the current folder",
        MiHomeSource.ParentOfBinFolder => "the parent of the current bin folder",
        _ => source.ToString(),
    };

}
