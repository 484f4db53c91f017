using SecVault.Synapse;

namespace SecVault.Tests.Synapse;

public sealed class SynapseXmlTests
{
    private const string Ns = SynapseXml.SecureVaultNamespace;

    [Fact]
    public void Read_finds_each_secretAlias_element_with_its_attribute_position_and_the_content_MI_replaces()
    {
        var xml =
            $"<data xmlns:svns=\"{Ns}\">\r\n" +
            " <config>\r\n" +
            "  <property name=\"p\" svns:secretAlias=\"a\">old<!-- c --><![CDATA[x>y]]><?pi ?></property>\r\n" +
            "  <property svns:secretAlias='b' note=\"1>0\" other='2>1'/>\r\n" +
            "  <property name=\"q\" secretAlias=\"c\">plain</property>\r\n" +
            " </config>\r\n" +
            "</data>";

        var structure = SynapseXml.Read(xml);

        Assert.Null(structure.Malformed);
        Assert.Equal(
            [
                new SecretAliasSite("a", "svns:secretAlias", 3, 22, "property")
                {
                    ContentStart = xml.IndexOf("old", StringComparison.Ordinal),
                    ContentLength = "old<!-- c --><![CDATA[x>y]]><?pi ?>".Length,
                },
                new SecretAliasSite("b", "svns:secretAlias", 4, 13, "property")
                {
                    ContentStart = xml.IndexOf("/>", StringComparison.Ordinal),
                    ContentLength = 2,
                    SelfClosing = true,
                },
            ],
            structure.SecretAliases);
    }

    [Fact]
    public void Read_gives_a_secretAlias_element_inside_another_its_own_content_in_document_order()
    {
        var xml = $"<a xmlns:s=\"{Ns}\"><b s:secretAlias=\"x\"><c>v</c><b s:secretAlias=\"y\">inner</b><b>z</b>tail</b></a>";

        var structure = SynapseXml.Read(xml);

        var outerStart = xml.IndexOf("<c>", StringComparison.Ordinal);
        int Column(string attribute) => xml.IndexOf(attribute, StringComparison.Ordinal) + 1;
        Assert.Equal(
            [
                new SecretAliasSite("x", "s:secretAlias", 1, Column("s:secretAlias=\"x\""), "b") { ContentStart = outerStart, ContentLength = xml.LastIndexOf("</b>", StringComparison.Ordinal) - outerStart },
                new SecretAliasSite("y", "s:secretAlias", 1, Column("s:secretAlias=\"y\""), "b") { ContentStart = xml.IndexOf("inner", StringComparison.Ordinal), ContentLength = 5 },
            ],
            structure.SecretAliases);
    }

    [Fact]
    public void Read_places_content_after_characters_outside_the_basic_plane_tabs_and_a_quote_in_the_text()
    {
        var xml = $"<a xmlns:s=\"{Ns}\">\t\U0001F600\t\"<b s:secretAlias=\"x\">v</b></a>";

        var site = Assert.Single(SynapseXml.Read(xml).SecretAliases);

        Assert.Equal((xml.IndexOf(">v<", StringComparison.Ordinal) + 1, 1), (site.ContentStart, site.ContentLength));
    }

    [Fact]
    public void Malformed_XML_gives_the_parsers_position_and_reason_with_every_quoted_fragment_masked_and_keeps_the_aliases_before_it()
    {
        var xml = $"<a xmlns:s=\"{Ns}\">\n<p s:secretAlias=\"x\"><p s:secretAlias=\"y\"/></p>\n<s3cr3t>\n</a>";

        var structure = SynapseXml.Read(xml);

        Assert.Equal(new MalformedXml(4, 3, "The '…' start tag on line 3 position 2 does not match the end tag of '…'"), structure.Malformed);
        Assert.Equal(["x", "y"], structure.SecretAliases.Select(a => a.Alias));
    }

    [Fact]
    public void A_document_type_declaration_is_ignored_not_refused()
    {
        var xml = $"<!DOCTYPE data [<!ELEMENT data ANY>]>\n<data xmlns:s=\"{Ns}\"><?pi x?><!-- c --><p s:secretAlias=\"x\">v</p></data>";

        var structure = SynapseXml.Read(xml);

        Assert.Null(structure.Malformed);
        Assert.Equal("x", Assert.Single(structure.SecretAliases).Alias);
    }

    [Theory]
    [InlineData("", 0, 0, "Root element is missing")]
    [InlineData("<a>\n<b c='1' c='2'/></a>", 2, 10, "'…' is a duplicate attribute name")]
    [InlineData("<a>&nope;</a>", 1, 5, "Reference to undeclared entity '…'")]
    [InlineData("<a/><b/>", 1, 6, "There are multiple root elements")]
    public void Malformed_XML_reasons_are_the_parsers_without_position_or_quoted_text(string xml, int line, int column, string reason)
    {
        Assert.Equal(new MalformedXml(line, column, reason), SynapseXml.Read(xml).Malformed);
    }
}
