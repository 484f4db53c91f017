using System.Globalization;
using CsCheck;
using SecVault.SecretOutput;
using YamlDotNet.RepresentationModel;

namespace SecVault.Tests.SecretOutput;

public sealed class YamlTextTests
{
    [Theory]
    [InlineData("")]
    [InlineData("yes")]
    [InlineData("No")]
    [InlineData("on")]
    [InlineData("y")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("123")]
    [InlineData("+12")]
    [InlineData("1_000")]
    [InlineData("0x1F")]
    [InlineData("0o17")]
    [InlineData("0b101")]
    [InlineData("017")]
    [InlineData("1e3")]
    [InlineData("1.5")]
    [InlineData(".5")]
    [InlineData(".inf")]
    [InlineData("-.Inf")]
    [InlineData(".NaN")]
    [InlineData("1:30")]
    [InlineData("2024-01-31")]
    [InlineData("<<")]
    [InlineData("=")]
    [InlineData("-")]
    [InlineData("a: b")]
    [InlineData("a #b")]
    [InlineData(" lead")]
    [InlineData("*ref")]
    [InlineData("@at")]
    public void NeedsQuotes_is_true_for_scalars_a_yaml_reader_would_misread(string value) => Assert.True(YamlText.NeedsQuotes(value));

    [Theory]
    [InlineData("db_password")]
    [InlineData("Tln6pynx+w==")]
    [InlineData("+abc/=")]
    [InlineData("-x")]
    [InlineData("a.b-c")]
    [InlineData("yesno")]
    [InlineData("/opt/keys/wso2carbon.jks")]
    [InlineData("5E:7A:C1")]
    public void NeedsQuotes_is_false_for_ordinary_plain_scalars(string value) => Assert.False(YamlText.NeedsQuotes(value));

    [Fact]
    public void Any_string_written_as_a_scalar_reads_back_unchanged()
    {
        string[] prefixes = ["", "yes", "1", "-", "0x", ".", "a: ", "#"];
        Gen.Select(Gen.String[Gen.Char[' ', '~'], 0, 12], Gen.Int[0, prefixes.Length - 1], (s, i) => prefixes[i] + s)
            .Sample(value =>
            {
                var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
                var emitter = YamlText.CreateEmitter(writer);
                YamlText.BeginDocument(emitter);
                YamlText.BeginMapping(emitter);
                YamlText.Scalar(emitter, "k");
                YamlText.Scalar(emitter, value);
                YamlText.EndMapping(emitter);
                YamlText.EndDocument(emitter);
                var stream = new YamlStream();
                stream.Load(new StringReader(writer.ToString()));
                var node = (YamlScalarNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("k")];
                return node.Value == value && (node.Style == YamlDotNet.Core.ScalarStyle.Plain) == !YamlText.NeedsQuotes(value)
                    || node.Style != YamlDotNet.Core.ScalarStyle.Plain && node.Value == value;
            });
    }
}
