using PublicApiGenerator;
using SecVault.Testing;

namespace SecVault.Tests.PublicApi;

/// <summary>
/// The library's public API is a snapshot checked into the repository: any change to it shows up in review as a diff of
/// SecVault.approved.txt. To accept a change, run the tests with SECVAULT_ACCEPT_API=1 and commit the file.
/// </summary>
public sealed class PublicApiTests
{
    private static readonly string Approved = Path.Combine(Repo.Root, "tests", "SecVault.Tests", "PublicApi", "SecVault.approved.txt");

    [Fact]
    public void The_public_API_matches_the_approved_snapshot()
    {
        var actual = typeof(SecVaultException).Assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false })
            .ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("SECVAULT_ACCEPT_API") == "1")
        {
            File.WriteAllText(Approved, actual);
        }

        Assert.True(File.Exists(Approved), $"{Approved} is missing; run the tests once with SECVAULT_ACCEPT_API=1");
        Assert.Equal(File.ReadAllText(Approved).ReplaceLineEndings("\n"), actual);
    }

    [Fact]
    public void Every_public_type_has_a_row_saying_why_in_docs_public_api()
    {
        // The first cell of each table row of docs/public-api.md names types (`Ns.Type`, `Type`); each public type of the
        // library must be named there, so a type cannot become public without a stated reason.
        var named = File.ReadLines(Path.Combine(Repo.Root, "docs", "public-api.md"))
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .SelectMany(line => line.Split('|')[1].Split('`').Where((_, i) => i % 2 == 1))
            .Select(name => name[(name.LastIndexOf('.') + 1)..])
            .ToHashSet(StringComparer.Ordinal);

        var missing = typeof(SecVaultException).Assembly.GetExportedTypes().Select(type => type.Name).Where(name => !named.Contains(name)).Order(StringComparer.Ordinal);

        Assert.Empty(missing);
        Assert.Contains("MiHomeResolver", named);
    }
}
