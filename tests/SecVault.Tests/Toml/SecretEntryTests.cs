using System.Text;
using SecVault.Toml;

namespace SecVault.Tests.Toml;

public sealed class SecretEntryTests
{
    private static SecretEntry Entry(string literal) =>
        DeploymentToml.Parse(Encoding.UTF8.GetBytes("[secrets]\nk = " + literal + "\n"), "t").Secrets.Single();

    [Theory]
    [InlineData("\"[a[b]c]\"", nameof(SecretClass.Plain), "a[b]c")]
    [InlineData("\"[pa]ss]\"", nameof(SecretClass.Plain), "pa]ss")]
    [InlineData("\"[]\"", nameof(SecretClass.Encrypted), null)]
    [InlineData("\"]x[\"", nameof(SecretClass.Encrypted), null)]
    [InlineData("\"\"", nameof(SecretClass.Encrypted), null)]
    [InlineData("\"[$env{X}]\"", nameof(SecretClass.Dynamic), null)]
    [InlineData("'$sys{a.b}'", nameof(SecretClass.Dynamic), null)]
    [InlineData("\"pre[ x ]post\"", nameof(SecretClass.Plain), " x ")]
    [InlineData("[\"[x]\"]", nameof(SecretClass.Invalid), null)]
    public void Class_follows_the_first_matching_row(string literal, string expected, string? plainText)
    {
        var entry = Entry(literal);

        Assert.Equal(Enum.Parse<SecretClass>(expected), entry.Class);
        Assert.Equal(plainText, entry.PlainText);
    }

    [Fact]
    public void A_quoted_key_gives_its_unquoted_text_as_alias()
    {
        var entry = Entry("\"[v]\"");
        var quoted = DeploymentToml.Parse(Encoding.UTF8.GetBytes("[secrets]\n\"a b\\u0041\" = '[v]'\n"), "t").Secrets.Single();

        Assert.False(entry.IsDotted);
        Assert.Equal("a bA", quoted.Alias);
        Assert.Equal("string", quoted.ValueKind);
    }

    // MI renders cipher-text.properties as "alias=value" lines and loads it with java.util.Properties (ISO-8859-1):
    // a key ends at whitespace, '=' or ':', '\\' escapes, a leading '#' or '!' makes a comment. Checked with
    // ../shared/peers/mi-runtime: each of these aliases is "not in the cipher-text.properties that the library loaded".
    [Theory]
    [InlineData("\"a b\"", " ")]
    [InlineData("\"a=b\"", "=")]
    [InlineData("\"a:b\"", ":")]
    [InlineData("\"a\\\\b\"", "\\")]
    [InlineData("\"#a\"", "#")]
    [InlineData("\"!a\"", "!")]
    [InlineData("\"a\\tb\"", "\t")]
    [InlineData("\"p\u00e4ss\"", "\u00e4")]
    [InlineData("\"\"", "")]
    [InlineData("a", null)]
    [InlineData("\"a#b!c.d-e_f\"", null)]
    public void An_alias_java_properties_cannot_carry_names_its_first_flaw(string key, string? flaw)
    {
        var entry = DeploymentToml.Parse(Encoding.UTF8.GetBytes("[secrets]\n" + key + " = '[v]'\n"), "t").Secrets.Single();

        Assert.Equal(flaw, entry.PropertiesKeyFlaw);
    }

    [Fact]
    public void ToString_names_alias_and_class_but_not_the_value()
    {
        var entry = Entry("\"[hunter2]\"");

        Assert.Equal("k (Plain) at 2:5", entry.ToString());
    }
}
