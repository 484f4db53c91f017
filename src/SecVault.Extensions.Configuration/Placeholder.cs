namespace SecVault.Extensions.Configuration;
/// <summary>Reserved.</summary>
internal static class Placeholder;
