using SecVault.Resolution;

namespace SecVault.Synapse;

/// <summary>Synapse resolution on top of an MI home's resolver (Synapse builds on resolution, not the other way).</summary>
public static class MiHomeResolverExtensions
{
    /// <summary>A resolver of Synapse vault lookups sharing this MI home's secrets, identity key and variables.</summary>
    public static SynapseResolver CreateSynapseResolver(this MiHomeResolver resolver) => new(resolver);
}
