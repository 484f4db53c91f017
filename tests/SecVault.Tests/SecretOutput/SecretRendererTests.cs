using System.Text;
using SecVault.Properties;
using SecVault.SecretOutput;
using YamlDotNet.RepresentationModel;

namespace SecVault.Tests.SecretOutput;

public sealed class SecretRendererTests
{
    private static readonly EncryptedSecret[] Secrets =
    [
        new("zeta", "Zm9v+/=="),
        new("Alpha", "YmFy"),
        new("1_000", "12345"),
    ];

    [Fact]
    public void RenderConsole_writes_alias_colon_ciphertext_lines_in_input_order()
    {
        Assert.Equal("zeta : Zm9v+/==\nAlpha : YmFy\n1_000 : 12345\n", SecretRenderer.RenderConsole(Secrets));
    }

    [Fact]
    public void RenderProperties_escapes_keys_and_leaves_ciphertexts_as_they_are()
    {
        var text = Encoding.UTF8.GetString(SecretRenderer.RenderProperties([new("a b=c", "QQ=="), new("d", "Rg==")]));

        Assert.Equal("a\\ b\\=c = QQ==\nd = Rg==\n", text);
        var back = PropertiesReader.ReadUtf8(new MemoryStream(Encoding.UTF8.GetBytes(text)), "p");
        Assert.Equal(["a b=c", "d"], back.Select(e => e.Key));
        Assert.Equal(["QQ==", "Rg=="], back.Select(e => e.Value));
    }

    [Fact]
    public void RenderKubernetesSecret_sorts_keys_ordinally_and_quotes_ambiguous_scalars()
    {
        var text = Encoding.UTF8.GetString(SecretRenderer.RenderKubernetesSecret(Secrets, "wso2secret", null));

        Assert.Equal(
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: wso2secret\nstringData:\n  \"1_000\": \"12345\"\n  Alpha: YmFy\n  zeta: Zm9v+/==\ntype: Opaque\n",
            text);
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var data = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("stringData")];
        Assert.Equal("12345", ((YamlScalarNode)data.Children[new YamlScalarNode("1_000")]).Value);
    }

    [Theory]
    [InlineData("Bad_Name", null)]
    [InlineData("wso2secret", "a.b")]
    [InlineData("-x", null)]
    public void RenderKubernetesSecret_refuses_invalid_names(string name, string? ns)
    {
        Assert.Throws<ArgumentException>(() => SecretRenderer.RenderKubernetesSecret(Secrets, name, ns));
    }
}
