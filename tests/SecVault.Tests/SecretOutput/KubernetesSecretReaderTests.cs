using System.Text;
using SecVault.SecretOutput;

namespace SecVault.Tests.SecretOutput;

public sealed class KubernetesSecretReaderTests
{
    private const string Created = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: vault\n  namespace: prod\nstringData:\n  db_password: AAAA\n  api.key: BBBB\ntype: Opaque\n";

    [Fact]
    public void The_form_create_writes_gives_name_namespace_and_entries_with_their_lines()
    {
        var (name, kubernetesNamespace, entries) = KubernetesSecretReader.Read(Encoding.UTF8.GetBytes(Created), "s.yaml");

        Assert.Equal("vault", name);
        Assert.Equal("prod", kubernetesNamespace);
        Assert.Equal([("db_password", "AAAA", 7), ("api.key", "BBBB", 8)], entries.Select(e => (e.Alias, e.Secret, e.Line)));
    }

    [Fact]
    public void Namespace_and_type_are_optional()
    {
        var text = Created.Replace("  namespace: prod\n", string.Empty, StringComparison.Ordinal).Replace("type: Opaque\n", string.Empty, StringComparison.Ordinal);

        var (name, kubernetesNamespace, entries) = KubernetesSecretReader.Read(Encoding.UTF8.GetBytes(text), "s.yaml");

        Assert.Equal("vault", name);
        Assert.Null(kubernetesNamespace);
        Assert.Equal(["db_password", "api.key"], entries.Select(e => e.Alias));
    }

    [Theory]
    [InlineData("type: Opaque\n", "type: Opaque\ndata:\n  x: eQ==\n", "line 10: a field 'mi secret create' does not write")]
    [InlineData("kind: Secret\n", "kind: ConfigMap\n", "kind is not Secret (v1)")]
    [InlineData("kind: Secret\n", "", "kind is not Secret (v1)")]
    [InlineData("apiVersion: v1\n", "apiVersion: v2\n", "kind is not Secret (v1)")]
    [InlineData("apiVersion: v1\n", "", "kind is not Secret (v1)")]
    [InlineData("kind: Secret\n", "kind: [Secret]\n", "kind is not a single value")]
    [InlineData("type: Opaque\n", "type: kubernetes.io/tls\n", "type is not Opaque")]
    [InlineData("type: Opaque\n", "type: [Opaque]\n", "type is not a single value")]
    [InlineData("metadata:\n  name: vault\n  namespace: prod\n", "", "no metadata mapping")]
    [InlineData("metadata:\n  name: vault\n  namespace: prod\n", "metadata: vault\n", "no metadata mapping")]
    [InlineData("  name: vault\n", "", "no metadata.name")]
    [InlineData("  name: vault\n", "  name: {a: b}\n", "name is not a single value")]
    [InlineData("  namespace: prod\n", "  namespace: prod\n  uid: x\n", "line 6: a field 'mi secret create' does not write")]
    [InlineData("stringData:\n  db_password: AAAA\n  api.key: BBBB\n", "", "no stringData mapping")]
    [InlineData("stringData:\n  db_password: AAAA\n  api.key: BBBB\n", "stringData: AAAA\n", "no stringData mapping")]
    [InlineData("  api.key: BBBB\n", "  api.key: \"\"\n", "line 8: a stringData entry that is not a key and a value")]
    [InlineData("  api.key: BBBB\n", "  api.key: [BBBB]\n", "line 8: a stringData entry that is not a key and a value")]
    [InlineData("  api.key: BBBB\n", "  \"\": BBBB\n", "line 8: a stringData entry that is not a key and a value")]
    public void A_Secret_other_than_create_writes_is_refused_with_the_reason(string part, string replacement, string reason)
    {
        var text = Created.Replace(part, replacement, StringComparison.Ordinal);
        Assert.NotEqual(Created, text);

        AssertRefused(Encoding.UTF8.GetBytes(text), reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("- a\n- b\n")]
    [InlineData("just text\n")]
    [InlineData("apiVersion: v1\n---\nkind: Secret\n")]
    public void Anything_but_one_YAML_mapping_is_refused(string text) =>
        AssertRefused(Encoding.UTF8.GetBytes(text), "not one YAML mapping");

    [Fact]
    public void Invalid_YAML_is_refused_with_its_line()
    {
        var text = Created.Replace("  api.key: BBBB\n", "  api.key: 'BBBB\n", StringComparison.Ordinal);

        AssertRefused(Encoding.UTF8.GetBytes(text), "line 8: not valid YAML");
    }

    [Fact]
    public void An_unclosed_flow_sequence_followed_by_more_keys_is_refused_as_invalid_YAML()
    {
        // YamlDotNet's scanner throws InvalidOperationException on this rather than its YamlException.
        var text = Created.Replace("  api.key: BBBB\n", "  api.key: [BBBB\n", StringComparison.Ordinal);

        AssertRefused(Encoding.UTF8.GetBytes(text), "not valid YAML");
    }

    [Fact]
    public void Bytes_that_are_not_UTF8_are_refused()
    {
        var bytes = Encoding.UTF8.GetBytes(Created.Replace("AAAA", "A\u00e9A", StringComparison.Ordinal));
        bytes[Array.IndexOf(bytes, (byte)0xC3)] = 0xFF;

        AssertRefused(bytes, "not UTF-8");
    }

    private static void AssertRefused(byte[] bytes, string reason)
    {
        var e = Assert.Throws<SecretInputException>(() => KubernetesSecretReader.Read(bytes, "s.yaml"));

        Assert.Equal(SecretInputErrorKind.UnknownFileForm, e.Kind);
        Assert.Equal("s.yaml", e.InputName);
        Assert.Equal($"s.yaml is not a Kubernetes Secret as 'mi secret create -o k8' writes it: {reason}", e.Message);
    }
}
