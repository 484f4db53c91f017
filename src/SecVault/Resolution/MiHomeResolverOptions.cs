using SecVault.Hosting;
using SecVault.Passwords;

namespace SecVault.Resolution;

/// <summary>How <see cref="MiHomeResolver"/> finds variables, properties, the keystore password and secrets.</summary>
public sealed class MiHomeResolverOptions
{
    /// <summary>Environment variables for <c>$env{}</c>, ENV lookups and <c>MI_KEYSTORE_PASSWORD</c>; default the process environment.</summary>
    public IEnvironment Environment { get; set; } = ProcessEnvironment.Instance;

    /// <summary>System properties (<c>-D</c>) over the built-ins of <see cref="Home.SystemProperties.For"/>.</summary>
    public IDictionary<string, string> SystemProperties { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Password source 1 (standard input, a delegate), tried before the password files; null for none.</summary>
    public IPasswordSource? PasswordSource { get; set; }

    /// <summary>The console whose terminal is prompted as the last password source; null never prompts.</summary>
    public IConsole? PromptConsole { get; set; }

    /// <summary>Consume the MI home's password files as the server does (default false, as the CLI commands).</summary>
    public bool ConsumePasswordFiles { get; set; }

    /// <summary>The private key has its own password (line 2 of a password file, <c>MI_KEY_PASSWORD</c>, a second prompt).</summary>
    public bool SeparateKeyPassword { get; set; }

    /// <summary>A custom secret repository used instead of <c>[secrets]</c>; null for <see cref="DeploymentTomlSecretRepository"/>.</summary>
    public ISecretRepository? SecretRepository { get; set; }

    /// <summary>
    /// Lets FILE and DOCKER vault lookups read files outside their root (through <c>../</c> or a symbolic link leading
    /// out); default false, so a Synapse artifact cannot read whatever the caller can.
    /// </summary>
    public bool AllowFileLookupsOutsideRoot { get; set; }

    /// <summary>
    /// Reports why a ciphertext does not decrypt (the other padding, bytes that are not UTF-8); default false, so every
    /// such failure has one message and the messages are no padding oracle. Turn it on only for a trusted operator.
    /// </summary>
    public bool DiagnosePadding { get; set; }

    /// <summary>Receives how many <c>[secrets]</c> values are decrypted so far when many are decrypted at once.</summary>
    public IProgress<WorkProgress>? Progress { get; set; }

    internal MiHomeResolverOptions Clone(bool? consume = null)
    {
        var copy = new MiHomeResolverOptions
        {
            Environment = Environment,
            PasswordSource = PasswordSource,
            PromptConsole = PromptConsole,
            ConsumePasswordFiles = consume ?? ConsumePasswordFiles,
            SeparateKeyPassword = SeparateKeyPassword,
            SecretRepository = SecretRepository,
            AllowFileLookupsOutsideRoot = AllowFileLookupsOutsideRoot,
            DiagnosePadding = DiagnosePadding,
            Progress = Progress,
        };
        foreach (var (name, value) in SystemProperties)
        {
            copy.SystemProperties[name] = value;
        }

        return copy;
    }
}
