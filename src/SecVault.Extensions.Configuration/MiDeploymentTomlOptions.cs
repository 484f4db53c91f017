using SecVault.Hosting;
using SecVault.Passwords;

namespace SecVault.Extensions.Configuration;

/// <summary>Options of <see cref="MiDeploymentTomlConfigurationExtensions.AddMiDeploymentToml"/>.</summary>
public sealed class MiDeploymentTomlOptions
{
    /// <summary>When true, a missing MI home or deployment.toml gives an empty configuration instead of an error.</summary>
    public bool Optional { get; set; }

    /// <summary>Watch deployment.toml and secret-conf.properties and reload on change; a failed reload keeps the last good data.</summary>
    public bool ReloadOnChange { get; set; }

    /// <summary>How long changes must settle before a reload (default 250 ms).</summary>
    public TimeSpan ReloadDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>System properties for <c>$sys{}</c>, over the MI launcher's built-ins.</summary>
    public IDictionary<string, string> SystemProperties { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Password source 1: gives the keystore password (null: try the next source). The caller's object is disposed after use.</summary>
    public Func<PasswordRequest, KeystorePassword?>? PasswordProvider { get; set; }

    /// <summary>Keep the MI home's password files (upstream <c>-Dpersist.password=true</c>); default false consumes them as the server does.</summary>
    public bool PersistPassword { get; set; }

    /// <summary>The private key has its own password.</summary>
    public bool SeparateKeyPassword { get; set; }

    /// <summary>Prompt on the terminal as the last password source; null (default) prompts only when standard input is a terminal.</summary>
    public bool? AllowPrompt { get; set; }

    /// <summary>Expose each decrypted <c>[secrets]</c> value as <c>secrets:&lt;alias&gt;</c>.</summary>
    public bool IncludeSecretsSection { get; set; }

    /// <summary>Environment variables for <c>$env{}</c> and <c>MI_KEYSTORE_PASSWORD</c>; default the process environment.</summary>
    public IEnvironment Environment { get; set; } = ProcessEnvironment.Instance;

    /// <summary>Called with the exception of a failed reload (the last good data is kept).</summary>
    public Action<Exception>? OnLoadException { get; set; }
}
