using SecVault.Ciphers;

namespace SecVault.Tests.Ciphers;

public sealed class TransformationTests
{
    [Theory]
    [InlineData("RSA", "RSA", nameof(RsaPadding.Pkcs1))]
    [InlineData("rsa", "RSA", nameof(RsaPadding.Pkcs1))]
    [InlineData("RSA/ECB/PKCS1Padding", "RSA/ECB/PKCS1Padding", nameof(RsaPadding.Pkcs1))]
    [InlineData("rsa/none/pkcs1padding", "RSA/ECB/PKCS1Padding", nameof(RsaPadding.Pkcs1))]
    [InlineData("RSA/ECB/OAEPwithSHA1andMGF1Padding", "RSA/ECB/OAEPwithSHA1andMGF1Padding", nameof(RsaPadding.OaepSha1))]
    [InlineData("RSA/ECB/OAEPWithSHA1AndMGF1Padding", "RSA/ECB/OAEPwithSHA1andMGF1Padding", nameof(RsaPadding.OaepSha1))]
    [InlineData("RSA/ECB/OAEPWithSHA-1AndMGF1Padding", "RSA/ECB/OAEPwithSHA1andMGF1Padding", nameof(RsaPadding.OaepSha1))]
    [InlineData("RSA/NONE/OAEPWithSHA-1AndMGF1Padding", "RSA/ECB/OAEPwithSHA1andMGF1Padding", nameof(RsaPadding.OaepSha1))]
    [InlineData(" RSA / ECB / OAEPWithSHA1AndMGF1Padding ", "RSA/ECB/OAEPwithSHA1andMGF1Padding", nameof(RsaPadding.OaepSha1))]
    public void Parse_accepts_the_Java_names_in_any_case_and_writes_them_canonically(string name, string written, string padding)
    {
        var t = Transformation.Parse(name);

        Assert.Equal(written, t.Name);
        Assert.Equal(Enum.Parse<RsaPadding>(padding), t.Padding);
        Assert.True(Transformation.TryParse(name, out var again));
        Assert.Equal(t, again);
    }

    [Fact]
    public void Every_accepted_name_parses()
    {
        Assert.All(Transformation.AcceptedNames, name => Assert.True(Transformation.TryParse(name, out _), name));
    }

    [Theory]
    [InlineData("RSA/ECB/OAEPWithSHA-256AndMGF1Padding")]
    [InlineData("AES/GCM/NoPadding")]
    [InlineData("RSA/ECB/NoPadding")]
    [InlineData("RSA/CBC/PKCS1Padding")]
    [InlineData("RSA/ECB")]
    [InlineData("AES")]
    public void Parse_reports_an_unknown_name_listing_the_accepted_ones(string name)
    {
        var error = Assert.Throws<CipherException>(() => Transformation.Parse(name));

        Assert.Equal(CipherErrorKind.UnknownTransformation, error.Kind);
        Assert.Equal($"unknown transformation '{name}'; use one of: RSA, RSA/ECB/PKCS1Padding, RSA/NONE/PKCS1Padding, RSA/ECB/OAEPwithSHA1andMGF1Padding, RSA/ECB/OAEPWithSHA-1AndMGF1Padding, RSA/NONE/OAEPwithSHA1andMGF1Padding, RSA/NONE/OAEPWithSHA-1AndMGF1Padding", error.Message);
        Assert.False(Transformation.TryParse(name, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_reports_a_blank_name_instead_of_falling_back_to_PKCS1(string? name)
    {
        var error = Assert.Throws<CipherException>(() => Transformation.Parse(name));

        Assert.Equal(CipherErrorKind.UnknownTransformation, error.Kind);
        Assert.Equal("no transformation given; use one of: RSA, RSA/ECB/PKCS1Padding, RSA/NONE/PKCS1Padding, RSA/ECB/OAEPwithSHA1andMGF1Padding, RSA/ECB/OAEPWithSHA-1AndMGF1Padding, RSA/NONE/OAEPwithSHA1andMGF1Padding, RSA/NONE/OAEPWithSHA-1AndMGF1Padding", error.Message);
    }

    [Theory]
    [InlineData(2048, 214, 245)]
    [InlineData(3072, 342, 373)]
    [InlineData(4096, 470, 501)]
    public void MaxPlaintextBytes_is_k_minus_42_for_OAEP_and_k_minus_11_for_PKCS1(int bits, int oaep, int pkcs1)
    {
        Assert.Equal(oaep, Transformation.OaepSha1.MaxPlaintextBytes(bits));
        Assert.Equal(pkcs1, Transformation.Pkcs1.MaxPlaintextBytes(bits));
        Assert.Equal(pkcs1, Transformation.Rsa.MaxPlaintextBytes(bits));
    }

    [Fact]
    public void CliName_uses_the_upstream_mi_spelling_and_Default_is_OAEP()
    {
        Assert.Equal("RSA/ECB/OAEPWithSHA1AndMGF1Padding", Transformation.OaepSha1.CliName);
        Assert.Equal("RSA/ECB/PKCS1Padding", Transformation.Rsa.CliName);
        Assert.Same(Transformation.OaepSha1, Transformation.Default);
        Assert.NotEqual(Transformation.Rsa, Transformation.Pkcs1);
        Assert.Equal(Transformation.Pkcs1, Transformation.OaepSha1.Other);
        Assert.Equal("RSA", Transformation.Rsa.ToString());
    }

    [Fact]
    public void MaxPlaintextBytes_refuses_a_key_below_512_bits()
    {
        Assert.Equal("keySizeBits", Assert.Throws<ArgumentOutOfRangeException>(() => Transformation.OaepSha1.MaxPlaintextBytes(511)).ParamName);
        Assert.Equal(53, Transformation.Pkcs1.MaxPlaintextBytes(512));
    }

    [Fact]
    public void A_transformation_equals_one_of_the_same_name_and_never_null()
    {
        Assert.True(Transformation.Parse("rsa/none/pkcs1padding").Equals(Transformation.Pkcs1));
        Assert.False(Transformation.Pkcs1.Equals((Transformation?)null));
        Assert.False(Transformation.Pkcs1.Equals((object?)null));
    }
}
