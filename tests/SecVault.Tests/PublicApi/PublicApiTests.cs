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
}
