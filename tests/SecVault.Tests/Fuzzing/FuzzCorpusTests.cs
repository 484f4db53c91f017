namespace SecVault.Tests.Fuzzing;

public sealed class FuzzCorpusTests
{
    public static TheoryData<string, string> Seeds()
    {
        var data = new TheoryData<string, string>();
        foreach (var target in FuzzInvariants.Targets)
        {
            foreach (var file in FuzzInputs.SeedFiles(target))
            {
                data.Add(target, Path.GetFileName(file));
            }
        }

        return data;
    }

    [Fact]
    public void Every_target_has_seeds()
    {
        Assert.All(FuzzInvariants.Targets, target => Assert.NotEmpty(FuzzInputs.SeedFiles(target)));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_seed_keeps_its_target_invariants(string target, string file)
    {
        var input = File.ReadAllBytes(Path.Combine(SecVault.Testing.Repo.Root, "fuzz", "corpus", target, file));

        var exception = Record.Exception(() => FuzzInvariants.Check(target, input));

        Assert.Null(exception);
    }

    [Fact]
    public void Most_seeds_are_accepted_so_the_deep_invariants_run()
    {
        foreach (var target in FuzzInvariants.Targets)
        {
            var seeds = FuzzInputs.SeedFiles(target);
            var accepted = seeds.Count(file => FuzzInvariants.Check(target, File.ReadAllBytes(file)));
            Assert.True(accepted * 2 > seeds.Length, $"{target}: only {accepted} of {seeds.Length} seeds accepted");
        }
    }
}
