using SecVault.Synapse;

namespace SecVault.Tests.Synapse;

/// <summary>The grammar of a vault lookup, one row a form: what parses, what each error says, and where it is reported.</summary>
public sealed class VaultLookupParserGrammarTests
{
    private const string Malformed = "malformed vault-lookup call; expected prefix:vault-lookup('name'[, 'TYPE', 'true|false'])";

    private const string Unclosed = "malformed vault-lookup call: no ')' closes its arguments; expected prefix:vault-lookup('name'[, 'TYPE', 'true|false'])";

    // <p expression="…"/>: a call at the value's start is at offset 15, column 16; <t>…</t>: a token is at offset 3, column 4.
    [Theory]
    [InlineData("<p expression=\"wso2:vault-lookup('a')\"/>", "wso2:vault-lookup('a')", "a", null, null, 1, "wso2")]
    [InlineData("<p expression='wso2:vault-lookup(\"a\")'/>", "wso2:vault-lookup(\"a\")", "a", null, null, 1, "wso2")]
    [InlineData("<p expression=\"wso2:vault-lookup ( 'a' , 'ENV' , 'true' ) \"/>", "wso2:vault-lookup ( 'a' , 'ENV' , 'true' )", "a", "ENV", "true", 3, "wso2")]
    [InlineData("<p expression=\"wso2:vault-lookup(\n'a',\t'FILE',\r\n'false')\"/>", "wso2:vault-lookup(\n'a',\t'FILE',\r\n'false')", "a", "FILE", "false", 3, "wso2")]
    [InlineData("<p expression=\"wso2:vault-lookup('a','DOCKER','TRUE')\"/>", "wso2:vault-lookup('a','DOCKER','TRUE')", "a", "DOCKER", "TRUE", 3, "wso2")]
    [InlineData("<p expression=\"wso2:vault-lookup('a','REG')\"/>", "wso2:vault-lookup('a','REG')", "a", "REG", null, 2, "wso2")]
    [InlineData("<p expression=\"wso2:vault-lookup('')\"/>", "wso2:vault-lookup('')", "", null, null, 1, "wso2")]
    [InlineData("<p expression=\"wso2:vault-lookup('it&quot;s')\"/>", "wso2:vault-lookup('it&quot;s')", "it\"s", null, null, 1, "wso2")]
    [InlineData("<p expression=\"wso2:vault-lookup(&quot;it's&quot;)\"/>", "wso2:vault-lookup(&quot;it's&quot;)", "it's", null, null, 1, "wso2")]
    [InlineData("<p expression=\"x-1.y_z:vault-lookup('a')\"/>", "x-1.y_z:vault-lookup('a')", "a", null, null, 1, "x-1.y_z")]
    [InlineData("<p expression=\"_p:vault-lookup('a')\"/>", "_p:vault-lookup('a')", "a", null, null, 1, "_p")]
    [InlineData("<p expression=\"é\u0301:vault-lookup('a')\"/>", "é\u0301:vault-lookup('a')", "a", null, null, 1, "é\u0301")]
    [InlineData("<p expression=\"x\u00B7wso2:vault-lookup('a')\"/>", "x\u00B7wso2:vault-lookup('a')", "a", null, null, 1, "x\u00B7wso2")]
    [InlineData("<p expression=\"x\u0387wso2:vault-lookup('a')\"/>", "x\u0387wso2:vault-lookup('a')", "a", null, null, 1, "x\u0387wso2")]
    [InlineData("<p expression=\"x:vault-lookup('a','env','yes')\"/>", "x:vault-lookup('a','env','yes')", "a", "env", "yes", 3, "x")]
    [InlineData("<t>{wso2:vault-lookup('a')}</t>", "{wso2:vault-lookup('a')}", "a", null, null, 1, "wso2")]
    [InlineData("<t>{ wso2:vault-lookup('a' ,\t'ENV', 'false')}</t>", "{ wso2:vault-lookup('a' ,\t'ENV', 'false')}", "a", "ENV", "false", 3, "wso2")]
    [InlineData("<t>{wso2:vault-lookup('a','b')}</t>", "{wso2:vault-lookup('a','b')}", "a", "b", null, 2, "wso2")]
    [InlineData("<t>{wso2:vault-lookup('a b, c')}</t>", "{wso2:vault-lookup('a b, c')}", "a b, c", null, null, 1, "wso2")]
    public void A_well_formed_call_gives_its_arguments_prefix_and_exact_span(
        string xml, string span, string name, string? type, string? flag, int count, string prefix)
    {
        var scan = VaultLookupParser.Scan(xml);

        Assert.Empty(scan.Problems);
        var lookup = Assert.Single(scan.Lookups);
        var start = xml.IndexOf(span, StringComparison.Ordinal);
        Assert.Equal((start, span.Length, 1, start + 1), (lookup.Start, lookup.Length, lookup.Line, lookup.Column));
        Assert.Equal((name, type, flag, count, prefix), (lookup.Name, lookup.Type, lookup.EncryptedFlag, lookup.ArgumentCount, lookup.Prefix));
    }

    [Theory]
    [InlineData("<p expression=\"wso2:vault-lookup()\"/>", SynapseLookupErrorKind.ArgumentCount, "vault-lookup takes one to three arguments, not 0")]
    [InlineData("<p expression=\"wso2:vault-lookup( \t)\"/>", SynapseLookupErrorKind.ArgumentCount, "vault-lookup takes one to three arguments, not 0")]
    [InlineData("<p expression=\"wso2:vault-lookup('a','b','c','d')\"/>", SynapseLookupErrorKind.ArgumentCount, "vault-lookup takes one to three arguments, not 4")]
    [InlineData("<p expression=\"wso2:vault-lookup(a)\"/>", SynapseLookupErrorKind.NonLiteralArgument, "vault-lookup argument 1 is not a string literal")]
    [InlineData("<p expression=\"wso2:vault-lookup('a', $b)\"/>", SynapseLookupErrorKind.NonLiteralArgument, "vault-lookup argument 2 is not a string literal")]
    [InlineData("<p expression=\"wso2:vault-lookup('a','b' , 3)\"/>", SynapseLookupErrorKind.NonLiteralArgument, "vault-lookup argument 3 is not a string literal")]
    [InlineData("<p expression=\"wso2:vault-lookup('a' = 'b')\"/>", SynapseLookupErrorKind.NonLiteralArgument, "vault-lookup argument 1 is not a string literal")]
    [InlineData("<p expression=\"wso2:vault-lookup('a', 'b' 'c')\"/>", SynapseLookupErrorKind.NonLiteralArgument, "vault-lookup argument 2 is not a string literal")]
    [InlineData("<p expression=\"wso2:vault-lookup('it''s')\"/>", SynapseLookupErrorKind.NonLiteralArgument, "vault-lookup argument 1 is not a string literal")]
    [InlineData("<p expression=\"wso2:vault-lookup('a' \"/>", SynapseLookupErrorKind.Malformed, Unclosed)]
    [InlineData("<p expression=\"wso2:vault-lookup('a',\"/>", SynapseLookupErrorKind.Malformed, Unclosed)]
    [InlineData("<p expression=\"wso2:vault-lookup( \"/>", SynapseLookupErrorKind.Malformed, Unclosed)]
    [InlineData("<p expression=\"wso2:vault-lookup('a)\"/>", SynapseLookupErrorKind.Malformed, Malformed)]
    [InlineData("<t>{wso2:vault-lookup('a') + 'b')}</t>", SynapseLookupErrorKind.Malformed, Malformed)]
    [InlineData("<t>{1:vault-lookup('a')}</t>", SynapseLookupErrorKind.Malformed, Malformed)]
    [InlineData("<t>{:vault-lookup('a')}</t>", SynapseLookupErrorKind.Malformed, Malformed)]
    [InlineData("<t>{a b:vault-lookup('a')}</t>", SynapseLookupErrorKind.Malformed, Malformed)]
    [InlineData("<t>{wso2:vault-lookup('a', b')}</t>", SynapseLookupErrorKind.NonLiteralArgument, "vault-lookup argument 2 is not a string literal")]
    [InlineData("<t>{wso2:vault-lookup('a', ')}</t>", SynapseLookupErrorKind.Malformed, Malformed)]
    [InlineData("<t>{wso2:vault-lookup('a','b','c','d')}</t>", SynapseLookupErrorKind.ArgumentCount, "vault-lookup takes one to three arguments, not 4")]
    public void A_call_that_does_not_parse_is_one_problem_with_its_kind_and_whole_message_at_its_start(string xml, SynapseLookupErrorKind kind, string message)
    {
        var scan = VaultLookupParser.Scan(xml);

        Assert.Empty(scan.Lookups);
        var start = xml.StartsWith("<t>", StringComparison.Ordinal) ? 3 : 15;
        Assert.Equal(new SynapseLookupProblem(kind, start, 1, start + 1, message), Assert.Single(scan.Problems));
    }

    [Theory]
    [InlineData("env")]
    [InlineData("Reg")]
    [InlineData("File")]
    [InlineData("docker")]
    [InlineData(" ENV")]
    [InlineData("ENV ")]
    [InlineData("")]
    public void A_three_argument_wso2_lookup_whose_type_is_not_written_exactly_so_is_an_unknown_type(string type)
    {
        var xml = $"<p expression=\"wso2:vault-lookup('a','{type}','false')\"/><t>{{wso2:vault-lookup('a','{type}','true')}}</t>";

        var scan = VaultLookupParser.Scan(xml);

        var message = $"vault-lookup type '{type}' is unknown; use REG, ENV, FILE or DOCKER (case-sensitive)";
        var token = xml.IndexOf("<t>", StringComparison.Ordinal) + 3;
        Assert.Empty(scan.Lookups);
        Assert.Equal(
            [
                new SynapseLookupProblem(SynapseLookupErrorKind.UnknownType, 15, 1, 16, message),
                new SynapseLookupProblem(SynapseLookupErrorKind.UnknownType, token, 1, token + 1, message),
            ],
            scan.Problems);
    }

    [Theory]
    [InlineData("<t>{wso2:vault-lookup(\"a\")}</t>")]
    [InlineData("<t>{wso2:vault-lookup('a') }</t>")]
    [InlineData("<t>{wso2:vault-lookup ('a')}</t>")]
    [InlineData("<t>{wso2:vault-lookup('a\n')}</t>")]
    [InlineData("<t>{wso2:vault-lookup('\n')}</t>")]
    [InlineData("<t>{wso2:vault-lookup('a\u2028')}</t>")]
    [InlineData("<t>{wso2:vault-lookup('a')</t>")]
    [InlineData("<t>wso2:vault-lookup('a')</t>")]
    [InlineData("<p expression=\"wso2:vault-lookupx('a')\"/>")]
    [InlineData("<p expression=\"wso2:vault-lookup\"/>")]
    [InlineData("<p expression=\"1wso2:vault-lookup('a')\"/>")]
    [InlineData("<p expression=\":vault-lookup('a')\"/>")]
    [InlineData("<p path=\"wso2:vault-lookup(1)\"/>")]
    [InlineData("<!-- <p expression=\"wso2:vault-lookup(1)\"/> -->")]
    [InlineData("<?pi {wso2:vault-lookup('a')}?>")]
    [InlineData("<!DOCTYPE a [<!ENTITY e \"{wso2:vault-lookup('a')}\">]><a/>")]
    [InlineData("</a {wso2:vault-lookup('a')}>")]
    public void Text_that_is_no_call_gives_neither_a_lookup_nor_a_problem(string xml)
    {
        var scan = VaultLookupParser.Scan(xml);

        Assert.Equal((0, 0), (scan.Lookups.Count, scan.Problems.Count));
    }

    [Fact]
    public void A_problem_is_placed_at_the_raw_text_after_entities_and_on_later_lines()
    {
        const string xml = "<a>\r\n  <p expression=\"&quot;x&quot; = wso2:vault-lookup(1)\"/>\n<t>\n\t{wso2:vault-lookup('a','b','c','d')}</t></a>";

        var scan = VaultLookupParser.Scan(xml);

        Assert.Equal(
            [
                new SynapseLookupProblem(SynapseLookupErrorKind.NonLiteralArgument, 38, 2, 34, "vault-lookup argument 1 is not a string literal"),
                new SynapseLookupProblem(SynapseLookupErrorKind.ArgumentCount, 67, 4, 2, "vault-lookup takes one to three arguments, not 4"),
            ],
            scan.Problems);
    }

    [Fact]
    public void Find_throws_the_first_problem_with_the_path_line_column_and_whole_message()
    {
        const string xml = "<a>\n<p expression=\"wso2:vault-lookup('a'\"/>\n<p expression=\"wso2:vault-lookup()\"/></a>";

        var error = Assert.Throws<SynapseLookupException>(() => VaultLookupParser.Find(xml, "api/A.xml"));
        var unnamed = Assert.Throws<SynapseLookupException>(() => VaultLookupParser.Find(xml));

        Assert.Equal((SynapseLookupErrorKind.Malformed, "api/A.xml", 2, 16), (error.Kind, error.Path, error.Line, error.Column));
        Assert.Equal($"api/A.xml:2:16: {Unclosed}", error.Message);
        Assert.Equal(((string?)null, $"line 2, column 16: {Unclosed}"), (unnamed.Path, unnamed.Message));
    }
}
