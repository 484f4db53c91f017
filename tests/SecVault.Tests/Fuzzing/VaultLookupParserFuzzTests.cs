using System.Text;
using CsCheck;

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
        Gen.String.Sample(text => { _ = FuzzInvariants.CheckSynapse(text); }, iter: 3000);
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
