using System.Text;
using CsCheck;
using SecVault.Synapse;

namespace SecVault.Tests.Fuzzing;

public sealed class VaultLookupParserFuzzTests
{
    private static readonly string[] Tokens =
    [
        "<a", "<p ", ">", "/>", "</a>", "{", "}", "wso2:", "x:", "vault-lookup(", "'", "\"", "(", ")", ",", " ", "\n", "\r", "name",
        "ENV", "FILE", "true", "$ctx:n", "concat(", "&apos;", "&quot;", "&#x27;", "&#39;", "&amp;", "&", ";", "<![CDATA[", "]]>",
        "<!--", "-->", "<?pi ", "?>", "<!DOCTYPE a>", " expression=\"", " xpath='", " value=\"", " source='", "=", "é", "\u2028",
        "{wso2:vault-lookup('a')}", "{wso2:vault-lookup('b','ENV','true')}", "wso2:vault-lookup('c', 'FILE', 'false')",
        "<p value=\"{wso2:vault-lookup('d')}\"/>", "<p expression=\"wso2:vault-lookup('e')\"/>", "<t>{x:vault-lookup('f')}</t>",
    ];

    [Fact]
    public void Any_string_scans_without_throwing_and_within_bounds()
    {
        Gen.String.Sample(text => { _ = FuzzInvariants.CheckSynapse(text); }, iter: 3000, threads: 1);
    }

    [Fact]
    public void Lookups_placed_in_generated_xml_are_found_exactly_where_they_were_put()
    {
        // Element text from characters that start no markup and no lookup, with lookups inserted at known places.
        var filler = Gen.String[Gen.Char["abc XYZ 019\n\t.,;=()/é"], 0, 20];
        var lookup = Gen.Select(Gen.String[Gen.Char["abcdefxyz0189_"], 1, 12], Gen.Bool, Gen.Bool);
        var found = 0;
        Gen.Select(filler, lookup, filler).Array[0, 6].Sample(parts =>
        {
            var xml = new StringBuilder("<proxy name=\"p\">\n<log>");
            var expected = new List<(string Name, int Args, int Start, int Length, int Line, int Column)>();
            foreach (var (before, (name, threeArgs, encrypted), after) in parts)
            {
                xml.Append(before);
                var token = threeArgs
                    ? $"{{wso2:vault-lookup('{name}','ENV','{(encrypted ? "true" : "false")}')}}"
                    : $"{{wso2:vault-lookup('{name}')}}";
                var start = xml.Length;
                var text = xml.ToString();
                var line = text.Count(c => c == '\n') + 1;
                var column = start - (text.LastIndexOf('\n') + 1) + 1;
                expected.Add((name, threeArgs ? 3 : 1, start, token.Length, line, column));
                xml.Append(token).Append(after);
            }

            xml.Append("</log>\n</proxy>\n");
            var scan = VaultLookupParser.Scan(xml.ToString());

            Assert.Empty(scan.Problems);
            Assert.Equal(expected, scan.Lookups.Select(l => (l.Name, l.ArgumentCount, l.Start, l.Length, l.Line, l.Column)));
            Assert.All(scan.Lookups.Zip(parts), p => Assert.Equal(p.Second.Item2.Item2 && p.Second.Item2.Item3, p.First.IsEncrypted));
            Interlocked.Add(ref found, expected.Count);
        }, iter: 1000, threads: 1);

        Assert.True(found > 1000, $"only {found} lookups were placed");
    }

    [Fact]
    public void Token_soup_scans_without_throwing_and_within_bounds()
    {
        var found = FuzzInputs.TokenSoup(Tokens, 50).CountAccepted(input => FuzzInvariants.CheckSynapse(Encoding.UTF8.GetString(input)), iter: 4000);

        Assert.True(found > 0, "no token-soup text held a lookup");
    }

    [Fact]
    public void Mutated_corpus_files_scan_without_throwing_and_within_bounds()
    {
        var found = FuzzInputs.MutatedSeeds("synapse", Tokens).CountAccepted(input => FuzzInvariants.Check("synapse", input), iter: 3000);

        Assert.True(found > 1000, $"only {found} mutated files held a lookup");
    }
}
