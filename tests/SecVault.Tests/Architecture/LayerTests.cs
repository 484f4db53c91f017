using NetArchTest.Rules;

namespace SecVault.Tests.Architecture;

/// <summary>
/// The library's namespaces depend one way (README, "Layers"): a namespace may use only namespaces of a lower rank.
/// Primitives, then the models of an MI home, then the operations on it, then verification. A new edge that points
/// up or sideways fails here, naming the types.
/// </summary>
public sealed class LayerTests
{
    /// <summary>Every namespace of the library with its rank; the root namespace holds only the exception base type.</summary>
    public static TheoryData<string, int> Layers { get; } = new()
    {
        { "SecVault", 0 },
        { "SecVault.Diagnostics", 0 },
        { "SecVault.Hosting", 1 },
        { "SecVault.IO", 0 },
        { "SecVault.Ciphers", 1 },
        { "SecVault.Properties", 1 },
        { "SecVault.Toml", 1 },
        { "SecVault.Placeholders", 2 },
        { "SecVault.Keystores", 2 },
        { "SecVault.Home", 3 },
        { "SecVault.Passwords", 4 },
        { "SecVault.Resolution", 5 },
        { "SecVault.SecretOutput", 5 },
        { "SecVault.Exec", 4 },
        { "SecVault.Synapse", 6 },
        { "SecVault.Vault", 6 },
        { "SecVault.CliConfig", 6 },
        { "SecVault.Verification", 7 },
    };

    [Theory]
    [MemberData(nameof(Layers))]
    public void A_namespace_uses_only_namespaces_of_a_lower_rank(string name, int rank)
    {
        var forbidden = Layers
            .Select(row => ((string)row[0], (int)row[1]))
            .Where(other => other.Item1 != name && other.Item1 != "SecVault" && other.Item2 >= rank)
            .Select(other => other.Item1)
            .ToArray();

        var result = Types.InAssembly(typeof(SecVaultException).Assembly)
            .That().ResideInNamespaceMatching("^" + System.Text.RegularExpressions.Regex.Escape(name) + @"(\.Native)?$")
            .ShouldNot().HaveDependencyOnAny(forbidden)
            .GetResult();

        Assert.True(result.IsSuccessful, $"{name} (rank {rank}) uses a namespace of rank {rank} or above: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Every_namespace_of_the_library_has_a_rank()
    {
        var known = Layers.Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);
        var actual = typeof(SecVaultException).Assembly.GetTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(n => n.StartsWith("SecVault", StringComparison.Ordinal) && !n.EndsWith(".Native", StringComparison.Ordinal))
            .Distinct();

        Assert.All(actual, n => Assert.Contains(n, known));
    }

    [Fact]
    public void The_root_namespace_uses_no_other_namespace_of_the_library()
    {
        var result = Types.InAssembly(typeof(SecVaultException).Assembly)
            .That().ResideInNamespaceMatching("^SecVault$")
            .ShouldNot().HaveDependencyOnAny([.. Layers.Select(row => (string)row[0]).Where(n => n != "SecVault")])
            .GetResult();

        Assert.True(result.IsSuccessful, "the root namespace uses: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void The_check_sees_a_dependency_that_exists()
    {
        // Guards the rule above against a matcher that never matches: verification does use resolution.
        var result = Types.InAssembly(typeof(SecVaultException).Assembly)
            .That().ResideInNamespaceMatching(@"^SecVault\.Verification$")
            .ShouldNot().HaveDependencyOnAny("SecVault.Resolution")
            .GetResult();

        Assert.False(result.IsSuccessful);
    }
}
