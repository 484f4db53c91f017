using System.Runtime.CompilerServices;

namespace SecVault.Tests.Architecture;

/// <summary>The executables use the library only through its public API: no internals are opened to them.</summary>
public sealed class ToolBoundaryTests
{
    [Fact]
    public void The_library_opens_its_internals_to_no_executable()
    {
        var friends = typeof(SecVaultException).Assembly.GetCustomAttributes(typeof(InternalsVisibleToAttribute), inherit: false)
            .Cast<InternalsVisibleToAttribute>()
            .Select(a => a.AssemblyName)
            .ToList();

        Assert.Contains("SecVault.Tests", friends);
        Assert.DoesNotContain("ciphertool", friends);
        Assert.DoesNotContain("mi", friends);
    }
}
