using SecVault.Home;
using SecVault.Hosting;
using SecVault.Testing;

namespace SecVault.Tests.Home;

public sealed class MiHomeTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string MakeHome(string name)
    {
        var home = _temp.Combine(name);
        Directory.CreateDirectory(Path.Combine(home, "conf"));
        File.WriteAllText(Path.Combine(home, "conf", "deployment.toml"), "[server]\n");
        return home;
    }

    private static DictionaryEnvironment Env(params (string Name, string Value)[] variables) =>
        new(variables.ToDictionary(v => v.Name, v => v.Value));

    [Fact]
    public void DisplayPathOf_names_a_file_inside_the_home_relative_to_it_with_slashes_and_any_other_by_its_path()
    {
        var path = MakeHome("display");
        var home = MiHome.FromPath(path, MiHomeSource.Option, path);
        var outside = _temp.Combine("elsewhere.xml");

        Assert.Equal("conf/deployment.toml", home.DisplayPathOf(Path.Combine(path, "conf", "deployment.toml")));
        Assert.Equal("repository/deployment/server/synapse-configs/a.xml", home.DisplayPathOf(path + "/repository/deployment/server/synapse-configs/a.xml"));
        Assert.Equal(outside, home.DisplayPathOf(outside));
    }

    [Fact]
    public void The_option_wins_over_every_other_source()
    {
        var option = MakeHome("option");
        var other = MakeHome("other");
        var home = MiHome.Discover(option, Env(("CARBON_HOME", other), ("MI_HOME", other)), other);
        Assert.Equal(option, home.Path);
        Assert.Equal(MiHomeSource.Option, home.Source);
    }

    [Fact]
    public void CARBON_HOME_comes_before_MI_HOME()
    {
        var carbon = MakeHome("carbon");
        var mi = MakeHome("mi");
        var home = MiHome.Discover(null, Env(("CARBON_HOME", carbon), ("MI_HOME", mi)), _temp.Path);
        Assert.Equal(carbon, home.Path);
        Assert.Equal(MiHomeSource.CarbonHomeVariable, home.Source);
    }

    [Fact]
    public void MI_HOME_is_used_when_CARBON_HOME_is_empty()
    {
        var mi = MakeHome("mi");
        var home = MiHome.Discover(null, Env(("CARBON_HOME", ""), ("MI_HOME", mi)), _temp.Path);
        Assert.Equal(MiHomeSource.MiHomeVariable, home.Source);
    }

    [Fact]
    public void The_current_folder_is_used_when_it_holds_conf_deployment_toml()
    {
        var current = MakeHome("current");
        var home = MiHome.Discover(null, Env(), current);
        Assert.Equal(current, home.Path);
        Assert.Equal(MiHomeSource.CurrentFolder, home.Source);
    }

    [Fact]
    public void The_parent_of_a_bin_folder_is_used_as_upstream_users_run_from_bin()
    {
        var mi = MakeHome("mi");
        var bin = Directory.CreateDirectory(Path.Combine(mi, "bin")).FullName;
        var home = MiHome.Discover(null, Env(), bin);
        Assert.Equal(mi, home.Path);
        Assert.Equal(MiHomeSource.ParentOfBinFolder, home.Source);
    }

    [Fact]
    public void A_folder_not_named_bin_does_not_search_its_parent()
    {
        var mi = MakeHome("mi");
        var tools = Directory.CreateDirectory(Path.Combine(mi, "tools")).FullName;
        var error = Assert.Throws<MiHomeException>(() => MiHome.Discover(null, Env(), tools));
        Assert.Equal("cannot find the MI home", error.Message);
        Assert.Equal("pass -Dcarbon.home=DIR or set CARBON_HOME", error.Hint);
    }

    [Fact]
    public void An_explicit_source_that_is_not_a_folder_is_an_error_without_fall_through()
    {
        var current = MakeHome("current");
        var missing = _temp.Combine("missing");
        var error = Assert.Throws<MiHomeException>(() => MiHome.Discover(null, Env(("CARBON_HOME", missing)), current));
        Assert.Contains("CARBON_HOME", error.Message, StringComparison.Ordinal);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_option_is_taken_from_the_current_folder()
    {
        MakeHome("rel");
        var home = MiHome.Discover("rel", Env(), _temp.Path);
        Assert.Equal(_temp.Combine("rel"), home.Path);
        Assert.Equal(Path.Combine(home.Path, "conf", "deployment.toml"), home.DeploymentTomlPath);
    }
}
