using System.Text;
using SecVault.Toml;
using static SecVault.Tests.Toml.TomlDocuments;

namespace SecVault.Tests.Toml;

/// <summary>
/// The document index behind <see cref="DeploymentToml"/> at its sizes: values past each growth step of its blocks,
/// enough keys that its hash slots collide, literal lengths around the 16 MiB packing bound, and the names it gives
/// nested paths in messages.
/// </summary>
public sealed class TomlIndexTests
{
    [Theory]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(65_536)]
    [InlineData(70_000)]
    public void Every_value_keeps_its_key_kind_and_line_past_each_growth_step(int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Append(Key(i)).Append(" = ").Append(i).Append('\n');
        }

        var leaves = Parse(text.ToString()).Leaves;

        Assert.Equal(count, leaves.Count);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(Key(i), leaves[i].DottedPath);
            Assert.Equal((long)i, leaves[i].Value);
            Assert.Equal(i + 1, leaves[i].Line);
        }
    }

    [Fact]
    public void Every_key_of_a_crowded_table_is_found_and_a_repeat_of_any_is_refused()
    {
        // 2,000 keys fill the slot table past several doublings, so entries share slots and are found by probing.
        const int count = 2_000;
        var text = new StringBuilder("[t]\n");
        for (var i = 0; i < count; i++)
        {
            text.Append('k').Append(i).Append(" = \"v").Append(i).Append("\"\n");
        }

        var toml = Parse(text.ToString());
        for (var i = 0; i < count; i++)
        {
            Assert.Equal("v" + i, toml.GetString("t", "k" + i));
        }

        Assert.Null(toml.GetLeaf("t", "k" + count));
        var e = Assert.Throws<TomlDocumentException>(() => Parse(text + "k1234 = 1\n"));
        Assert.Equal($"t.toml:{count + 2}:1: key 't.k1234' is defined twice (first at 1236:1)", e.Message);
    }

    [Fact]
    public void A_path_through_a_missing_table_or_a_value_finds_nothing()
    {
        var toml = Parse("a = 1\n[t]\nb = 2\n");

        Assert.Null(toml.FindLeaf(["missing", "a"], out var container));
        Assert.False(container);
        Assert.Null(toml.FindLeaf(["a", "a"], out container));
        Assert.False(container);
        Assert.Null(toml.FindLeaf(["t", "b", "b"], out container));
        Assert.False(container);
        Assert.NotNull(toml.FindLeaf(["t", "b"], out _));
    }

    [Theory]
    [InlineData(0xFFFFFE)]
    [InlineData(0xFFFFFF)]
    [InlineData(0x1000000)]
    public void A_literal_keeps_its_exact_length_around_the_16_MiB_packing_bound(int literalLength)
    {
        var content = new byte[4 + literalLength + 8];
        "a = "u8.CopyTo(content);
        content.AsSpan(4, literalLength).Fill((byte)'x');
        content[4] = (byte)'"';
        content[4 + literalLength - 1] = (byte)'"';
        "\nb = 'y'"u8.CopyTo(content.AsSpan(4 + literalLength));

        var toml = DeploymentToml.Parse(content, "t.toml");

        Assert.Equal(new TomlSpan(4, literalLength), toml.Leaves[0].LiteralSpan);
        Assert.Equal(literalLength - 2, toml.Leaves[0].StringValue!.Length);
        Assert.Equal("y", toml.Leaves[1].StringValue);
    }

    [Theory]
    [InlineData("a.b = 1\na.b = 2\n", "t.toml:2:3: key 'a.b' is defined twice (first at 1:3)")]
    [InlineData("[[x]]\n[x.y]\nz = 1\nz = 2\n", "t.toml:4:1: key 'x[0].y.z' is defined twice (first at 3:1)")]
    [InlineData("p = [{ q = [{ r = 1, r = 2 }] }]\n", "t.toml:1:22: key 'p[0].q[0].r' is defined twice (first at 1:15)")]
    public void A_message_names_the_path_with_array_elements_in_brackets(string text, string message)
    {
        Assert.Equal(message, Error(text));
    }

    private static string Key(int i) => "k" + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
}
