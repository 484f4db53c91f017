using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SecVault.SecretOutput;

/// <summary>
/// Reads back a Kubernetes Secret in the form <see cref="SecretRenderer.RenderKubernetesSecret"/> writes (name, optional
/// namespace, <c>stringData</c>, <c>type: Opaque</c>); any other field is refused, so rewriting it loses nothing.
/// </summary>
internal static class KubernetesSecretReader
{
    private static readonly string[] TopKeys = ["apiVersion", "kind", "metadata", "stringData", "type"];

    private static readonly string[] MetadataKeys = ["name", "namespace"];

    /// <summary>The Secret's name, namespace and <c>stringData</c> entries (with their lines), in file order.</summary>
    /// <exception cref="SecretInputException">The bytes are not such a Secret.</exception>
    public static (string Name, string? Namespace, IReadOnlyList<SecretInputEntry> Entries) Read(byte[] content, string displayPath)
    {
        var yaml = new YamlStream();
        try
        {
            yaml.Load(new StringReader(new UTF8Encoding(false, true).GetString(content)));
        }
        catch (Exception e) when (e is YamlException or DecoderFallbackException or InvalidOperationException)
        {
            // YamlDotNet's scanner throws InvalidOperationException, not YamlException, on an unclosed flow sequence
            // followed by more keys ("key: [a" and a next line).
            throw Refuse(displayPath, e switch
            {
                YamlException y => $"line {y.Start.Line}: not valid YAML",
                DecoderFallbackException => "not UTF-8",
                _ => "not valid YAML",
            });
        }

        if (yaml.Documents.Count != 1 || yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw Refuse(displayPath, "not one YAML mapping");
        }

        RequireOnly(root, TopKeys, displayPath);
        if (Scalar(root, "kind", displayPath) != "Secret" || Scalar(root, "apiVersion", displayPath) != "v1")
        {
            throw Refuse(displayPath, "kind is not Secret (v1)");
        }

        if (root.Children.ContainsKey(new YamlScalarNode("type")) && Scalar(root, "type", displayPath) != "Opaque")
        {
            throw Refuse(displayPath, "type is not Opaque");
        }

        if (!root.Children.TryGetValue(new YamlScalarNode("metadata"), out var metadataNode) || metadataNode is not YamlMappingNode metadata)
        {
            throw Refuse(displayPath, "no metadata mapping");
        }

        RequireOnly(metadata, MetadataKeys, displayPath);
        var name = Scalar(metadata, "name", displayPath) ?? throw Refuse(displayPath, "no metadata.name");
        var kubernetesNamespace = Scalar(metadata, "namespace", displayPath);
        if (!root.Children.TryGetValue(new YamlScalarNode("stringData"), out var dataNode) || dataNode is not YamlMappingNode data)
        {
            throw Refuse(displayPath, "no stringData mapping");
        }

        var entries = new List<SecretInputEntry>(data.Children.Count);
        foreach (var (key, value) in data.Children)
        {
            if (key is not YamlScalarNode { Value: { Length: > 0 } alias } || value is not YamlScalarNode { Value: { Length: > 0 } ciphertext })
            {
                throw Refuse(displayPath, $"line {key.Start.Line}: a stringData entry that is not a key and a value");
            }

            entries.Add(new SecretInputEntry(alias, ciphertext, (int)key.Start.Line));
        }

        return (name, kubernetesNamespace, entries);
    }

    private static void RequireOnly(YamlMappingNode mapping, string[] allowed, string displayPath)
    {
        foreach (var key in mapping.Children.Keys)
        {
            if (key is not YamlScalarNode { Value: { } text } || !allowed.Contains(text, StringComparer.Ordinal))
            {
                throw Refuse(displayPath, $"line {key.Start.Line}: a field 'mi secret create' does not write");
            }
        }
    }

    private static string? Scalar(YamlMappingNode mapping, string key, string displayPath) =>
        !mapping.Children.TryGetValue(new YamlScalarNode(key), out var node) ? null
        : node is YamlScalarNode scalar ? scalar.Value
        : throw Refuse(displayPath, $"{key} is not a single value");

    private static SecretInputException Refuse(string displayPath, string reason) =>
        new(SecretInputErrorKind.UnknownFileForm, SecretOutputText.RotateNotAKubernetesSecret(displayPath, reason), displayPath);
}
