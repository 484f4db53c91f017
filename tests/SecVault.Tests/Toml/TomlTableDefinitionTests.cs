using SecVault.Toml;
using static SecVault.Tests.Toml.TomlDocuments;

namespace SecVault.Tests.Toml;

/// <summary>
/// How a table comes to be and what may add to it afterwards (TOML 1.0, "Table" and "Array of Tables"): a [header]'s
/// prefix makes a table only implicitly, so a later header or dotted keys may still define it once; a table defined
/// by a header or by dotted keys stays closed to the other form; and a table keeps the [secrets] membership it was made
/// with, however it is defined later.
/// </summary>
public sealed class TomlTableDefinitionTests
{
    private static string[] Aliases(string text) => [.. Parse(text).Secrets.Select(s => s.Alias)];

    [Fact]
    public void Dotted_keys_define_a_table_named_only_by_a_header_prefix_and_may_then_extend_it_again()
    {
        Assert.Equal(
            "a:b:c:z=Integer:1 | a:b:d=Integer:2 | a:b:e=Integer:3",
            Read("[a.b.c]\nz = 1\n[a]\nb.d = 2\nb.e = 3"));
    }

    [Fact]
    public void A_header_defines_a_table_named_before_only_as_a_prefix_of_another_header()
    {
        Assert.Equal("x:y:z:a=Integer:1 | x:y:b=Integer:2", Read("[x.y.z]\na = 1\n[x.y]\nb = 2"));
    }

    [Fact]
    public void A_table_defined_by_dotted_keys_inside_secrets_stays_inside_secrets()
    {
        Assert.Equal(["b.c.x", "b.d", "b.e"], Aliases("[secrets.b.c]\nx = '[1]'\n[secrets]\nb.d = '[2]'\nb.e = '[3]'"));
    }

    [Fact]
    public void A_table_defined_by_its_header_inside_secrets_stays_inside_secrets()
    {
        Assert.Equal(["a.b.x", "a.y"], Aliases("[secrets.a.b]\nx = '[1]'\n[secrets.a]\ny = '[2]'"));
    }

    [Fact]
    public void Each_element_of_an_array_of_tables_takes_its_own_sub_table_header()
    {
        Assert.Equal(
            "a:0:b:x=Integer:1 | a:1:b:y=Integer:2",
            Read("[[a]]\n[a.b]\nx = 1\n[[a]]\n[a.b]\ny = 2"));
    }

    [Theory]
    [InlineData("[x.y.z]\n[x.y]\n[x]\ny.w = 1", "t.toml:4:1: key 'x.y' cannot be extended here: it is a table with its own [header] (defined at 2:4)")]
    [InlineData("[a.b]\n[a]\nb.c = 1", "t.toml:3:1: key 'a.b' cannot be extended here: it is a table with its own [header] (defined at 1:4)")]
    [InlineData("[a]\n[[a]]", "t.toml:2:3: key 'a' cannot be extended here: it is a table with its own [header] (defined at 1:2)")]
    [InlineData("a.b = 1\n[[a]]", "t.toml:2:3: key 'a' cannot be extended here: it is a table defined by dotted keys (defined at 1:1)")]
    [InlineData("[x.y.z]\n[x.y]\n[x.y]", "t.toml:3:4: key 'x.y' is defined twice (first at 2:4)")]
    [InlineData("[a]\nb = 1\n[a.b]", "t.toml:3:4: key 'a.b' is defined twice (first at 2:1)")]
    [InlineData("a.b.c = 1\n[a.b]", "t.toml:2:4: key 'a.b' is defined twice (first at 1:3)")]
    public void A_table_defined_once_cannot_be_defined_again_or_extended_by_the_other_form(string text, string message)
    {
        var error = Assert.Throws<TomlDocumentException>(() => Parse(text));

        Assert.Equal((TomlErrorKind.DuplicateKey, message), (error.Kind, error.Message));
    }

    [Fact]
    public void An_array_inside_a_secrets_array_is_part_of_that_one_entry()
    {
        var entry = Assert.Single(Parse("[secrets]\na = [['x'], 'y']").Secrets);

        Assert.Equal(("a", "array"), (entry.Alias, entry.ValueKind));
    }

    [Fact]
    public void A_secrets_array_entry_spans_its_literal_from_bracket_to_bracket()
    {
        var entry = Assert.Single(Parse("[secrets]\na = [1, 2] # c\n").Secrets);

        // "[secrets]\n" is 10 bytes and "a = " 4 more: the array starts at offset 14 and "[1, 2]" is 6 bytes.
        Assert.Equal((new TomlSpan(14, 6), 2, 5), (entry.LiteralSpan, entry.Line, entry.Column));
    }

    [Fact]
    public void GetLeaf_finds_elements_of_arrays_and_of_arrays_of_tables_by_their_index()
    {
        var toml = Parse("ports = [8290, 8253]\nm = [[1, 2], [3]]\n[[d]]\nid = 'x'\n[[d]]\nid = 'y'\n");

        Assert.Equal(
            ["8253", "2", "3", "y"],
            new[] { toml.GetLeaf("ports", "1"), toml.GetLeaf("m.0", "1"), toml.GetLeaf("m.1", "0"), toml.GetLeaf("d.1", "id") }.Select(l => l?.ConfigurationValue));
    }
}
