using System.Text;
using SecVault.Toml;

namespace SecVault.Tests.Toml;

public sealed class TomlLeafTests
{
    private static IReadOnlyList<TomlLeaf> Leaves(string text) => DeploymentToml.Parse(Encoding.UTF8.GetBytes(text), "t").Leaves;

    [Fact]
    public void ConfigurationValue_formats_numbers_booleans_and_dates_invariantly()
    {
        var leaves = Leaves("i = 0x1F\nf = 1e3\ng = -0.25\nn = nan\np = -inf\nb = false\nd = 1979-05-27 07:32:00Z\nl = 07:32:00\n");

        Assert.Equal(["31", "1000", "-0.25", "nan", "-inf", "false", "1979-05-27 07:32:00Z", "07:32:00"], leaves.Select(l => l.ConfigurationValue));
        Assert.Equal(
            [TomlValueKind.Integer, TomlValueKind.Float, TomlValueKind.Float, TomlValueKind.Float, TomlValueKind.Float, TomlValueKind.Boolean, TomlValueKind.OffsetDateTime, TomlValueKind.LocalTime],
            leaves.Select(l => l.Kind));
    }

    [Fact]
    public void Value_holds_typed_values()
    {
        var leaves = Leaves("s = \"a\\tb\"\ni = 42\nb = true\nf = 2.5\n");

        Assert.Equal(["a\tb", 42L, true, 2.5], leaves.Select(l => l.Value));
        Assert.Equal("a\tb", leaves[0].StringValue);
        Assert.Null(leaves[1].StringValue);
    }

    [Fact]
    public void Line_and_column_count_unicode_scalars_and_ignore_the_bom()
    {
        var bytes = Encoding.UTF8.GetBytes("\uFEFFa = 1\n\"😀\" = \"x\"\n");
        var leaves = DeploymentToml.Parse(bytes, "t").Leaves;

        Assert.Equal([(1, 5), (2, 7)], leaves.Select(l => (l.Line, l.Column)));
        Assert.Equal(["a", "😀"], leaves.Select(l => l.DottedPath));
    }

    [Fact]
    public void ToString_names_the_path_but_not_the_value()
    {
        var leaf = Leaves("[secrets]\ndb = \"[hunter2]\"\n")[0];

        Assert.Equal("secrets.db (String) at 2:6", leaf.ToString());
    }
}
