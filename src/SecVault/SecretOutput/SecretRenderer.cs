using System.Globalization;
using System.Text;
using SecVault.Ciphers;
using SecVault.IO;
using SecVault.Properties;

namespace SecVault.SecretOutput;

/// <summary>The three outputs of <c>mi secret create</c> (mi-secret.md and formats.md).</summary>
public static class SecretRenderer
{
    /// <summary>The default file of <c>-o file</c>, relative to the current folder.</summary>
    public static string DefaultPropertiesPath { get; } = Path.Combine("security", "wso2-secrets.properties");

    /// <summary>The default file of <c>-o k8</c>, relative to the current folder.</summary>
    public static string DefaultKubernetesPath { get; } = Path.Combine("security", "wso2-secrets.yaml");

    /// <summary>Console output: <c>alias : ciphertext</c> per line (LF), in input order.</summary>
    public static string RenderConsole(IEnumerable<EncryptedSecret> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var text = new StringBuilder();
        foreach (var secret in secrets)
        {
            text.Append(secret.Alias).Append(" : ").Append(secret.Ciphertext).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>File output: <c>key = ciphertext</c> lines, keys escaped as .properties keys, UTF-8, no header.</summary>
    internal static byte[] RenderProperties(IEnumerable<EncryptedSecret> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        return PropertiesWriter.WriteKeyValueLines(secrets.Select(s => KeyValuePair.Create(s.Alias, s.Ciphertext)));
    }

    /// <summary>
    /// Encrypts <paramref name="batch"/> with <paramref name="encryptor"/> a batch at a time and writes the file output
    /// to <paramref name="path"/> atomically (its folder made when missing), as <see cref="RenderProperties"/> renders
    /// it: each ciphertext goes from the encryptor's buffer to the file without a string made of it, so memory does not
    /// grow with the number of secrets beyond the input itself. Returns warnings about the write.
    /// </summary>
    /// <exception cref="IOException">The file cannot be written safely.</exception>
    /// <exception cref="CipherException">A secret is over the limit of the key and padding; nothing is written.</exception>
    public static IReadOnlyList<string> WritePropertiesFile(string path, SecretBatch batch, SecretEncryptor encryptor, IProgress<WorkProgress>? progress = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(encryptor);

        // Before the folder is made or anything is looked at: a secret too long for the key touches nothing.
        batch.CheckLengths(encryptor);
        var full = Path.GetFullPath(path);
        AtomicFile.CreateFolder(Path.GetDirectoryName(full)!);
        return AtomicFile.Write(full, output => batch.EncryptInBatches(encryptor, (alias, ciphertext) => PropertiesWriter.WriteKeyValueLine(output, alias, ciphertext), progress));
    }

    /// <summary>
    /// A Kubernetes Secret manifest: <c>apiVersion</c>, <c>kind</c>, <c>metadata</c> (name, optional namespace),
    /// <c>stringData</c> with ordinally sorted keys, <c>type: Opaque</c>; two-space indent, LF, final newline.
    /// </summary>
    /// <exception cref="ArgumentException">An invalid name, namespace or Secret key.</exception>
    public static byte[] RenderKubernetesSecret(IEnumerable<EncryptedSecret> secrets, string name, string? kubernetesNamespace)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        if (KubernetesNames.Problem(name, kubernetesNamespace) is { } problem)
        {
            throw new ArgumentException(problem, KubernetesNames.IsDnsSubdomain(name) ? nameof(kubernetesNamespace) : nameof(name));
        }

        var sorted = secrets.OrderBy(s => s.Alias, StringComparer.Ordinal).ToList();
        foreach (var secret in sorted)
        {
            if (!KubernetesNames.IsSecretKey(secret.Alias))
            {
                throw new ArgumentException(SecretOutputText.CreateInvalidKubernetesKey("input", 0, secret.Alias), nameof(secrets));
            }
        }

        var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = YamlText.CreateEmitter(writer);
        YamlText.BeginDocument(emitter);
        YamlText.BeginMapping(emitter);
        Field("apiVersion", "v1");
        Field("kind", "Secret");
        YamlText.Scalar(emitter, "metadata");
        YamlText.BeginMapping(emitter);
        Field("name", name);
        if (kubernetesNamespace is not null)
        {
            Field("namespace", kubernetesNamespace);
        }

        YamlText.EndMapping(emitter);
        YamlText.Scalar(emitter, "stringData");
        YamlText.BeginMapping(emitter);
        foreach (var secret in sorted)
        {
            Field(secret.Alias, secret.Ciphertext);
        }

        YamlText.EndMapping(emitter);
        Field("type", "Opaque");
        YamlText.EndMapping(emitter);
        YamlText.EndDocument(emitter);
        return Encoding.UTF8.GetBytes(writer.ToString());

        void Field(string key, string value)
        {
            YamlText.Scalar(emitter, key);
            YamlText.Scalar(emitter, value);
        }
    }

    /// <summary>
    /// Writes rendered output to <paramref name="path"/> atomically (its folder made when missing), under the file-system
    /// rule; returns warnings about the write (other hard links, an in-place rewrite).
    /// </summary>
    /// <exception cref="IOException">The file cannot be written safely.</exception>
    public static IReadOnlyList<string> WriteFile(string path, byte[] content)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(content);
        var full = Path.GetFullPath(path);
        AtomicFile.CreateFolder(Path.GetDirectoryName(full)!);
        return AtomicFile.Write(full, content);
    }
}
