using BenchmarkDotNet.Running;
using SecVault.Diagnostics;
using SecVault.Exec;
using SecVault.Home;
using SecVault.Placeholders;
using SecVault.Synapse;
using SecVault.Vault;

namespace SecVault.Benchmarks;

/// <summary>Entry point: BenchmarkDotNet's switcher over every benchmark class in this assembly.</summary>
public static class Program
{
    /// <summary>Runs the benchmarks chosen by <paramref name="args"/> (e.g. <c>--filter *Rsa*</c>).</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
