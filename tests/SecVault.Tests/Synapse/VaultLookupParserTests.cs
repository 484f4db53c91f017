using SecVault.Synapse;

namespace SecVault.Tests.Synapse;

public sealed class VaultLookupParserTests
{
    private const string Proxy =
        "<proxy name=\"p\" xmlns=\"http://ws.apache.org/ns/synapse\">\n" +
        "  <property name=\"a\" value=\"{wso2:vault-lookup('db_password')}\"/>\n" +
        "\t<property name=\"b\" expression=\"wso2:vault-lookup('API_KEY', 'ENV', 'true')\"/>\n" +
        "  <endpoint><address uri=\"http://h/{wso2:vault-lookup('x','FILE','false')}/y\"/></endpoint>\n" +
        "  <text>before {wso2:vault-lookup('in_text')} after</text>\n" +
        "</proxy>\n";

    [Fact]
    public void Find_returns_inline_tokens_and_xpath_calls_with_exact_spans()
    {
        var found = VaultLookupParser.Find(Proxy);

        Assert.Equal(
            [
                "{wso2:vault-lookup('db_password')}",
                "wso2:vault-lookup('API_KEY', 'ENV', 'true')",
                "{wso2:vault-lookup('x','FILE','false')}",
                "{wso2:vault-lookup('in_text')}",
            ],
            found.Select(l => Proxy.Substring(l.Start, l.Length)));
        Assert.Equal(
            [VaultLookupSite.InlineToken, VaultLookupSite.XPathCall, VaultLookupSite.InlineToken, VaultLookupSite.InlineToken],
            found.Select(l => l.Site));
    }

    [Fact]
    public void Find_gives_one_based_line_and_column()
    {
        var found = VaultLookupParser.Find(Proxy);

        Assert.Equal([(2, 29), (3, 33), (4, 36), (5, 16)], found.Select(l => (l.Line, l.Column)));
    }

    [Fact]
    public void Find_reads_the_arguments()
    {
        var found = VaultLookupParser.Find(Proxy);

        Assert.Equal(
            [("db_password", null, null, 1), ("API_KEY", "ENV", "true", 3), ("x", "FILE", "false", 3), ("in_text", null, null, 1)],
            found.Select(l => (l.Name, l.Type, l.EncryptedFlag, l.ArgumentCount)));
        Assert.All(found, l => Assert.Equal("wso2", l.Prefix));
        Assert.Equal(['"', '"', '"', null], found.Select(l => l.AttributeQuote));
    }

    [Fact]
    public void Entity_escaped_quotes_in_attributes_are_decoded_and_the_span_covers_the_raw_text()
    {
        const string xml = "<a>\n<p expression=\"wso2:vault-lookup(&apos;k&apos;, &quot;ENV&quot;, 'TRUE')\" v='{wso2:vault-lookup(&apos;z&apos;)}'/></a>";

        var found = VaultLookupParser.Find(xml);

        Assert.Equal(
            ["wso2:vault-lookup(&apos;k&apos;, &quot;ENV&quot;, 'TRUE')", "{wso2:vault-lookup(&apos;z&apos;)}"],
            found.Select(l => xml.Substring(l.Start, l.Length)));
        Assert.Equal(("k", "ENV", true), (found[0].Name, found[0].Type, found[0].IsEncrypted));
        Assert.Equal(("z", '\''), (found[1].Name, found[1].AttributeQuote));
        Assert.Equal([(2, 16), (2, 78)], found.Select(l => (l.Line, l.Column)));
    }

    [Fact]
    public void Double_quoted_literals_and_spaces_work_in_xpath_calls()
    {
        const string xml = "<p expression='concat(wso2:vault-lookup( \"a\" ), \"-\")'/>";

        var lookup = Assert.Single(VaultLookupParser.Find(xml));

        Assert.Equal(("a", "wso2:vault-lookup( \"a\" )"), (lookup.Name, xml.Substring(lookup.Start, lookup.Length)));
    }

    [Fact]
    public void Several_lookups_in_one_value_are_all_found()
    {
        const string xml = "<p value=\"{wso2:vault-lookup('a')}:{wso2:vault-lookup('b')}\"/>";

        Assert.Equal(["a", "b"], VaultLookupParser.Find(xml).Select(l => l.Name));
    }

    [Fact]
    public void Other_prefixes_are_returned_for_the_caller_to_warn()
    {
        var lookup = Assert.Single(VaultLookupParser.Find("<p value=\"{hashicorp:vault-lookup('path','field')}\"/>"));

        Assert.Equal(("hashicorp", false), (lookup.Prefix, lookup.IsWso2));
    }

    [Fact]
    public void Comments_and_processing_instructions_are_skipped_and_cdata_is_text()
    {
        const string xml = "<?xml version=\"1.0\"?><!-- {wso2:vault-lookup('old')} --><a><![CDATA[{wso2:vault-lookup('c')}]]></a>";

        var lookup = Assert.Single(VaultLookupParser.Find(xml));

        Assert.Equal(("c", xml.IndexOf("{wso2", xml.IndexOf("CDATA", StringComparison.Ordinal), StringComparison.Ordinal)), (lookup.Name, lookup.Start));
    }

    [Fact]
    public void A_call_outside_an_xpath_attribute_without_braces_is_plain_text()
    {
        Assert.Empty(VaultLookupParser.Find("<p value=\"wso2:vault-lookup('a')\">wso2:vault-lookup('b')</p>"));
    }

    [Theory]
    [InlineData("<t>{wso2:vault-lookup('a&amp;b')}</t>", "{wso2:vault-lookup('a&amp;b')}", "a&b")]
    [InlineData("<t>{wso2:vault-lookup('&lt;&gt;&quot;')}</t>", "{wso2:vault-lookup('&lt;&gt;&quot;')}", "<>\"")]
    [InlineData("<t>{wso2:vault-lookup('&#65;&#x42;&#X43;&#x1F600;')}</t>", "{wso2:vault-lookup('&#65;&#x42;&#X43;&#x1F600;')}", "ABC\U0001F600")]
    [InlineData("<t>&#123;wso2:vault-lookup('a')&#125;&amp;</t>", "&#123;wso2:vault-lookup('a')&#125;", "a")]
    [InlineData("<t>{wso2:vault-lookup('a & b;')}</t>", "{wso2:vault-lookup('a & b;')}", "a & b;")]
    [InlineData("<t>{wso2:vault-lookup('&#9;&#x;')}</t>", "{wso2:vault-lookup('&#9;&#x;')}", "\t&#x;")]
    [InlineData("<t>{wso2:vault-lookup('&#xD7FF;&#xE000;&#x10FFFF;&#xDFFF;')}</t>", "{wso2:vault-lookup('&#xD7FF;&#xE000;&#x10FFFF;&#xDFFF;')}", "\uD7FF\uE000\U0010FFFF&#xDFFF;")]
    [InlineData("&#123;wso2:vault-lookup('a')&#125;<t/>", "&#123;wso2:vault-lookup('a')&#125;", "a")]
    [InlineData("<t><![CDATA[x]]>{wso2:vault-lookup('a')}</t>", "{wso2:vault-lookup('a')}", "a")]
    [InlineData("<!DOCTYPE a [<!ENTITY e \"x\"> {wso2:vault-lookup('z')} ]><t>{wso2:vault-lookup('a')}</t>", "{wso2:vault-lookup('a')}", "a")]
    [InlineData("<p expression=\":vault-lookup('x') wso2:vault-lookup('a')\"/>", "wso2:vault-lookup('a')", "a")]
    [InlineData("<t>{wso2:vault-lookup('&nope;&#0;&#xD800;&#x110000;&#;&#x;&#-1;&#1a;&#')}</t>", "{wso2:vault-lookup('&nope;&#0;&#xD800;&#x110000;&#;&#x;&#-1;&#1a;&#')}", "&nope;&#0;&#xD800;&#x110000;&#;&#x;&#-1;&#1a;&#")]
    [InlineData("<t>{wso2:vault-lookup('&#x00000000041;')}</t>", "{wso2:vault-lookup('&#x00000000041;')}", "&#x00000000041;")]
    [InlineData("<t>{wso2:vault-lookup('&#x000000041;')}</t>", "{wso2:vault-lookup('&#x000000041;')}", "A")]
    [InlineData("<t><![CDATA[{wso2:vault-lookup('a&amp;')}", "{wso2:vault-lookup('a&amp;')}", "a&amp;")]
    [InlineData("<p x:expression=\"wso2:vault-lookup('a')\"/>", "wso2:vault-lookup('a')", "a")]
    [InlineData("<p xpath = 'wso2:vault-lookup(\"a\")'/>", "wso2:vault-lookup(\"a\")", "a")]
    [InlineData("<p\nsource\t=\n\"wso2:vault-lookup('a')\">", "wso2:vault-lookup('a')", "a")]
    [InlineData("<p checked a=b =\"x\" expression=\"wso2:vault-lookup('a')\"/>", "wso2:vault-lookup('a')", "a")]
    [InlineData("<p expression=\"wso2:vault-lookup('a')", "wso2:vault-lookup('a')", "a")]
    [InlineData("<p/>{wso2:vault-lookup('a')}<q></q>", "{wso2:vault-lookup('a')}", "a")]
    public void Markup_is_read_as_an_XML_parser_hands_text_to_Synapse_and_a_span_covers_the_raw_text(string xml, string span, string name)
    {
        var lookup = Assert.Single(VaultLookupParser.Find(xml));

        Assert.Equal((name, xml.IndexOf(span, StringComparison.Ordinal), span.Length), (lookup.Name, lookup.Start, lookup.Length));
    }

    [Fact]
    public void An_xpath_attribute_holds_inline_tokens_and_calls_each_found_once()
    {
        const string xml = "<p expression=\"{wso2:vault-lookup('a')} wso2:vault-lookup('b') {wso2:vault-lookup('c')}wso2:vault-lookup('d')\"/>";

        var found = VaultLookupParser.Find(xml);

        Assert.Equal(
            [("a", 15, VaultLookupSite.InlineToken), ("b", 40, VaultLookupSite.XPathCall), ("c", 63, VaultLookupSite.InlineToken), ("d", 87, VaultLookupSite.XPathCall)],
            found.Select(l => (l.Name, l.Start, l.Site)));
    }

    [Fact]
    public void Scan_finds_each_vault_decrypt_token_that_stays_on_one_line_with_its_raw_span_and_quote()
    {
        const string xml =
            "<a u=\"{wso2:vault-decrypt('c1')}@{wso2:vault-decrypt('c&#10;2')}{wso2:vault-decrypt('c&amp;3')}\">\n" +
            "{wso2:vault-decrypt('c4')}{x:vault-decrypt('c5')}{wso2:vault-decrypt('c6'\n)}{wso2:vault-decrypt('c7')}{wso2:vault-decrypt('\n')}{wso2:vault-decrypt('c8'</a>";

        var decrypts = VaultLookupParser.Scan(xml).Decrypts;

        Assert.Equal(
            [
                new VaultDecryptSite("c1", 6, 26, 1, 7, '"'),
                new VaultDecryptSite("c&3", 64, 31, 1, 65, '"'),
                new VaultDecryptSite("c4", 98, 26, 2, 1, null),
                new VaultDecryptSite("c7", 174, 26, 3, 3, null),
            ],
            decrypts);
    }

    [Fact]
    public void Scan_refuses_a_null_text()
    {
        Assert.Throws<ArgumentNullException>("xml", () => VaultLookupParser.Scan(null!));
    }

    [Theory]
    [InlineData("<p v=\"{wso2:vault-lookup('a')}\"/>")]
    [InlineData("<p v=\":vault-lookup('a')\"/>")]
    [InlineData("<p v=\"1x:vault-lookup('a')\"/>")]
    [InlineData("<p v=\"wso2:vault-lookup(a)\"/>")]
    [InlineData("<p v=\"wso2:vault-lookup\"/>")]
    [InlineData("<p expression=\"wso2:vault-lookup('a')\"/>")]
    [InlineData("<p>wso2:vault-lookup('a')</p>")]
    public void A_call_that_MI_would_not_leave_unresolved_by_mistake_is_no_brace_less_lookup(string xml)
    {
        Assert.Empty(VaultLookupParser.Scan(xml).BraceLess);
    }

    [Fact]
    public void Brace_less_calls_in_ordinary_attributes_are_listed_once_each_with_their_text_prefix_and_position()
    {
        const string xml =
            "<a>\n <p v=\"x wso2:vault-lookup( 'a' ) and x:vault-lookup('b', &quot;ENV&quot;)\" w='wso2:vault-lookup(\"x:vault-lookup(1)\")'/>\n" +
            "<q v=\":vault-lookup('c') {wso2:vault-lookup('d')}wso2:vault-lookup('e')\"/></a>";

        var braceLess = VaultLookupParser.Scan(xml).BraceLess;

        Assert.Equal(
            [
                new BraceLessLookup("wso2:vault-lookup( 'a' )", "wso2", 2, 10),
                new BraceLessLookup("x:vault-lookup('b', \"ENV\")", "x", 2, 39),
                new BraceLessLookup("wso2:vault-lookup(\"x:vault-lookup(1)\")", "wso2", 2, 80),
                new BraceLessLookup("wso2:vault-lookup('e')", "wso2", 3, 50),
            ],
            braceLess);
    }

    [Fact]
    public void Lines_counted_across_crlf_and_cr()
    {
        const string xml = "<a>\r\n<b/>\r<c v=\"{wso2:vault-lookup('q')}\"/></a>";

        var lookup = Assert.Single(VaultLookupParser.Find(xml));

        Assert.Equal((3, 7), (lookup.Line, lookup.Column));
    }

    [Theory]
    [InlineData("<p expression=\"wso2:vault-lookup($ctx:name)\"/>", SynapseLookupErrorKind.NonLiteralArgument)]
    [InlineData("<p expression=\"wso2:vault-lookup('a' , concat('b'))\"/>", SynapseLookupErrorKind.NonLiteralArgument)]
    [InlineData("<p expression=\"wso2:vault-lookup('a\"/>", SynapseLookupErrorKind.Malformed)]
    [InlineData("<p expression=\"wso2:vault-lookup()\"/>", SynapseLookupErrorKind.ArgumentCount)]
    [InlineData("<p expression=\"wso2:vault-lookup('a','ENV','true','x')\"/>", SynapseLookupErrorKind.ArgumentCount)]
    [InlineData("<p v=\"{wso2:vault-lookup('a','env','true')}\"/>", SynapseLookupErrorKind.UnknownType)]
    [InlineData("<p v=\"{ {wso2:vault-lookup('a')}\"/>", SynapseLookupErrorKind.Malformed)]
    [InlineData("<p v=\"{wso2:vault-lookup('a'), x('b')}\"/>", SynapseLookupErrorKind.Malformed)]
    public void Scan_reports_malformed_lookups_with_their_position(string xml, SynapseLookupErrorKind kind)
    {
        var scan = VaultLookupParser.Scan(xml);

        var problem = Assert.Single(scan.Problems);
        Assert.Empty(scan.Lookups);
        Assert.Equal((kind, 1), (problem.Kind, problem.Line));
        Assert.True(problem.Column > 1);
    }

    [Fact]
    public void Find_throws_the_first_problem_with_path_line_and_column()
    {
        const string xml = "<a>\n  <p v=\"{wso2:vault-lookup('s3cr3t','Env','true')}\"/></a>";

        var error = Assert.Throws<SynapseLookupException>(() => VaultLookupParser.Find(xml, "synapse-configs/default/proxy.xml"));

        Assert.Equal((SynapseLookupErrorKind.UnknownType, 2, 9), (error.Kind, error.Line, error.Column));
        Assert.StartsWith("synapse-configs/default/proxy.xml:2:9: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_keeps_good_lookups_beside_problems()
    {
        var scan = VaultLookupParser.Scan("<a v=\"{wso2:vault-lookup('ok')}\" expression=\"wso2:vault-lookup(1)\"/>");

        Assert.Equal("ok", Assert.Single(scan.Lookups).Name);
        Assert.Equal(SynapseLookupErrorKind.NonLiteralArgument, Assert.Single(scan.Problems).Kind);
    }
}
