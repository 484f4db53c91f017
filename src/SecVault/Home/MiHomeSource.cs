namespace SecVault.Home;

/// <summary>Where the MI home was found, in the order the sources are tried.</summary>
public enum MiHomeSource
{
    /// <summary>The <c>-Dcarbon.home</c> option or <c>--home</c>.</summary>
    Option,

    /// <summary>The <c>CARBON_HOME</c> environment variable.</summary>
    CarbonHomeVariable,

    /// <summary>The <c>MI_HOME</c> environment variable.</summary>
    MiHomeVariable,

    /// <summary>The current folder, which holds <c>conf/deployment.toml</c>.</summary>
    CurrentFolder,

    /// <summary>The parent of the current folder, which is named <c>bin</c>.</summary>
    ParentOfBinFolder,
}
