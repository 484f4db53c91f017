using Microsoft.Extensions.Configuration;

namespace SecVault.Extensions.Configuration;

/// <summary>Adds an MI home's deployment.toml, placeholders resolved, to an <see cref="IConfigurationBuilder"/>.</summary>
public static class MiDeploymentTomlConfigurationExtensions
{
    /// <summary>
    /// Adds <c>&lt;miHome&gt;/conf/deployment.toml</c> with every <c>$secret{}</c>, <c>$env{}</c> and <c>$sys{}</c>
    /// resolved; keys are the TOML paths joined by <c>:</c> (<c>keystore:tls:password</c>, <c>datasource:0:id</c>).
    /// </summary>
    public static IConfigurationBuilder AddMiDeploymentToml(this IConfigurationBuilder builder, string miHome, Action<MiDeploymentTomlOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(miHome);
        var options = new MiDeploymentTomlOptions();
        configure?.Invoke(options);
        return builder.Add(new MiDeploymentTomlConfigurationSource(Path.GetFullPath(miHome), options));
    }
}

/// <summary>The configuration source for an MI home's deployment.toml.</summary>
public sealed class MiDeploymentTomlConfigurationSource : IConfigurationSource
{
    /// <summary>Creates the source for <paramref name="miHome"/>.</summary>
    public MiDeploymentTomlConfigurationSource(string miHome, MiDeploymentTomlOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(miHome);
        ArgumentNullException.ThrowIfNull(options);
        MiHome = miHome;
        Options = options;
    }

    /// <summary>The MI home's path.</summary>
    public string MiHome { get; }

    /// <summary>The options.</summary>
    public MiDeploymentTomlOptions Options { get; }

    /// <inheritdoc/>
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new MiDeploymentTomlConfigurationProvider(this);
}
