using SecVault.Keystores;

namespace SecVault.Tests.Keystores;

public sealed class KeystoreTypesTests
{
    [Theory]
    [InlineData("JKS", KeystoreType.Jks)]
    [InlineData("jks", KeystoreType.Jks)]
    [InlineData("PKCS12", KeystoreType.Pkcs12)]
    [InlineData("pkcs12", KeystoreType.Pkcs12)]
    [InlineData("P12", KeystoreType.Pkcs12)]
    [InlineData(" pfx ", KeystoreType.Pkcs12)]
    [InlineData("JceKS", KeystoreType.Jceks)]
    public void Parse_accepts_every_name_in_any_case(string name, KeystoreType expected)
    {
        Assert.True(KeystoreTypes.TryParse(name, out var parsed));
        Assert.Equal(expected, parsed);
        Assert.Equal(expected, KeystoreTypes.Parse(name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("BKS")]
    [InlineData("PKCS11")]
    public void Parse_reports_an_unknown_name_listing_the_accepted_ones(string name)
    {
        Assert.False(KeystoreTypes.TryParse(name, out _));
        var error = Assert.Throws<KeystoreException>(() => KeystoreTypes.Parse(name));

        Assert.Equal(KeystoreErrorKind.UnknownFormat, error.Kind);
        Assert.Equal($"unknown keystore type '{name}'; use JKS, PKCS12 (P12, PFX) or JCEKS", error.Message);
    }

    [Fact]
    public void AcceptedNames_lists_the_five_names_in_upper_case_and_each_parses()
    {
        Assert.Equal(["JKS", "PKCS12", "P12", "PFX", "JCEKS"], KeystoreTypes.AcceptedNames);
        Assert.All(KeystoreTypes.AcceptedNames, name => Assert.True(KeystoreTypes.TryParse(name, out _), name));
    }

    [Fact]
    public void TryParse_refuses_null_and_ToJavaName_refuses_a_value_outside_the_enum()
    {
        Assert.False(KeystoreTypes.TryParse(null, out var type));
        Assert.Equal(default, type);
        Assert.Throws<ArgumentOutOfRangeException>(() => ((KeystoreType)99).ToJavaName());
    }

    [Theory]
    [InlineData(KeystoreType.Jks, "JKS")]
    [InlineData(KeystoreType.Pkcs12, "PKCS12")]
    [InlineData(KeystoreType.Jceks, "JCEKS")]
    public void ToJavaName_writes_the_upper_case_Java_name_that_parses_back(KeystoreType type, string expected)
    {
        Assert.Equal(expected, type.ToJavaName());
        Assert.Equal(type, KeystoreTypes.Parse(type.ToJavaName()));
    }
}
