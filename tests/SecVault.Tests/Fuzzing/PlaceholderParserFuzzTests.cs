using System.Text;
using CsCheck;

namespace SecVault.Tests.Fuzzing;

public sealed class PlaceholderParserFuzzTests
{
    private static readonly string[] Tokens = ["$secret{", "$env{", "$sys{", "$ref{", "$", "{", "}", "}}", " ", "\t", "\u0001", "a", "b.c", "é", "😀", "\n"];

    [Fact]
    public void Any_string_keeps_the_find_and_substitute_invariants()
    {
        // Gen.String includes lone surrogates, which UTF-8 input can never produce.
        Gen.String.Sample(text => { _ = FuzzInvariants.CheckPlaceholders(text); }, iter: 5000, threads: 1);
    }

    [Fact]
    public void Token_soup_keeps_the_find_and_substitute_invariants()
    {
        var found = FuzzInputs.TokenSoup(Tokens, 30).CountAccepted(input => FuzzInvariants.CheckPlaceholders(Encoding.UTF8.GetString(input)), iter: 5000);

        Assert.True(found > 1000, $"only {found} token-soup texts held a placeholder");
    }

    [Fact]
    public void Mutated_corpus_files_keep_the_find_and_substitute_invariants()
    {
        var found = FuzzInputs.MutatedSeeds("placeholders", Tokens).CountAccepted(input => FuzzInvariants.Check("placeholders", input), iter: 10000);

        Assert.True(found > 100, $"only {found} mutated texts held a placeholder");
    }
}
