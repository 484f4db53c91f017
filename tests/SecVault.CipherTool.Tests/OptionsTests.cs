using SecVault.Ciphers;

namespace SecVault.CipherTool.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void No_mode_option_means_single_value_mode_with_the_OAEP_default()
    {
        var options = Options.Parse([]);
        Assert.Equal(CipherToolMode.SingleValue, options.Mode);
        Assert.Equal(Transformation.OaepSha1, options.Transformation);
        Assert.Null(options.Password);
        Assert.False(options.PasswordFromStdin);
    }

    [Fact]
    public void Option_names_match_in_any_case()
    {
        var options = Options.Parse(["-DCONFIGURE", "-DCarbon.Home=/x", "-DPASSWORD.STDIN", "-Dorg.wso2.ciphertransformation=rsa/ecb/pkcs1padding"]);
        Assert.Equal(CipherToolMode.Configure, options.Mode);
        Assert.Equal("/x", options.CarbonHome);
        Assert.True(options.PasswordFromStdin);
        Assert.Equal(Transformation.Pkcs1, options.Transformation);
    }

    [Theory]
    [InlineData("-Ddiagnose.padding", true)]
    [InlineData("-Ddiagnose.padding=TRUE", true)]
    [InlineData("-Ddiagnose.padding=false", false)]
    public void Diagnose_padding_is_true_bare_or_as_given_and_unset_by_default(string arg, bool expected)
    {
        Assert.Null(Options.Parse([]).DiagnosePadding);
        Assert.Equal(expected, Options.Parse([arg]).DiagnosePadding);
        Assert.Equal("option '-Ddiagnose.padding' takes true or false", Assert.Throws<UsageException>(() => Options.Parse(["-Ddiagnose.padding=yes"])).Message);
    }

    [Fact]
    public void A_repeated_option_takes_its_last_value()
    {
        var options = Options.Parse(["-Dcarbon.home=/a", "-Dcarbon.home=/b", "-Dpassword=one", "-Dpassword=two"]);
        Assert.Equal("/b", options.CarbonHome);
        Assert.Equal("two", options.Password);
    }

    [Theory]
    [InlineData("-Dpassword=a=b=c", "a=b=c")]
    [InlineData("-Dpassword=", "")]
    [InlineData("-Dpassword= spaced ", " spaced ")]
    [InlineData("-Dpassword", "")]
    public void The_password_is_everything_after_the_first_equals_sign_verbatim(string arg, string expected)
    {
        Assert.Equal(expected, Options.Parse([arg]).Password);
    }

    [Fact]
    public void The_config_folder_and_file_options_are_kept()
    {
        var options = Options.Parse(["-Dcarbon.config.dir.path=/conf", "-Ddeployment.config.file.path=/conf/x.toml"]);
        Assert.Equal("/conf", options.ConfigFolder);
        Assert.Equal("/conf/x.toml", options.DeploymentFile);
    }

    [Theory]
    [InlineData("-Dconfigure", "-Dchange")]
    [InlineData("-Dpassword=x", "-Dpassword.stdin")]
    public void Conflicting_options_are_a_usage_error_naming_both(string first, string second)
    {
        var e = Assert.Throws<UsageException>(() => Options.Parse([first, second]));
        Assert.Contains(first.Split('=')[0], e.Message, StringComparison.Ordinal);
        Assert.Contains(second, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-Dsecurity.jce.provider=BC")]
    public void Upstream_options_SecVault_leaves_out_are_named_as_not_supported(string arg)
    {
        var e = Assert.Throws<UsageException>(() => Options.Parse([arg]));
        Assert.Contains("not supported by SecVault", e.Message, StringComparison.Ordinal);
        Assert.Contains(arg.Split('=')[0], e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "-Dsymmetric" }, "Symmetric", "AES/GCM/NoPadding")]
    [InlineData(new[] { "-Dsymmetric=true", "-Dorg.wso2.CipherTransformation=AES" }, "Symmetric", "AES")]
    [InlineData(new[] { "-Dsymmetric", "-Dkey.based.encryption=true" }, "KeyBased", "AES/GCM/NoPadding")]
    [InlineData(new[] { "-DSYMMETRIC", "-Dorg.wso2.CipherTransformation=AES/ECB/PKCS5Padding" }, "Symmetric", "AES/ECB/PKCS5Padding")]
    public void Symmetric_switches_choose_the_mode_and_an_aes_algorithm(string[] args, string mode, string algorithm)
    {
        var options = Options.Parse(args);

        Assert.Equal(mode, options.EncryptionMode.ToString());
        Assert.Equal(algorithm, options.SymmetricAlgorithm);
    }

    [Fact]
    public void Rotate_takes_the_old_alias_and_without_it_is_a_usage_error_naming_the_option()
    {
        var options = Options.Parse(["-Drotate", "-Dold.alias=old-key", "-Dsymmetric"]);
        var e = Assert.Throws<UsageException>(() => Options.Parse(["-Drotate"]));

        Assert.Equal(CipherToolMode.Rotate, options.Mode);
        Assert.Equal("old-key", options.OldAlias);
        Assert.Contains("-Dold.alias", e.Message, StringComparison.Ordinal);
        Assert.Throws<UsageException>(() => Options.Parse(["-Drotate", "-Dold.alias=a", "-Dconfigure"]));
    }

    [Fact]
    public void Rotate_from_another_keystore_takes_its_type_mode_and_password_file_and_needs_no_old_alias()
    {
        var options = Options.Parse(["-Drotate", "-Dold.keystore=old.jks", "-Dold.keystore.type=pkcs12", "-Dold.mode=RSA", "-Dsymmetric", "-Dold.password.file=pw"]);

        Assert.Equal("old.jks", options.OldKeystore);
        Assert.Equal(SecVault.Keystores.KeystoreType.Pkcs12, options.OldKeystoreType);
        Assert.Equal(SecVault.Home.VaultEncryptionMode.Asymmetric, options.OldMode);
        Assert.Equal(SecVault.Home.VaultEncryptionMode.Symmetric, options.EncryptionMode);
        Assert.Equal("pw", options.OldPasswordFile);
        Assert.Null(options.OldAlias);
    }

    [Theory]
    [InlineData("-Dkey.password=true", true)]
    [InlineData("-Dkey.password", true)]
    [InlineData("-DKEY.PASSWORD=TRUE", true)]
    [InlineData("-Dkey.password=false", false)]
    public void Key_password_is_mis_switch_for_a_private_key_with_its_own_password(string option, bool expected)
    {
        Assert.Equal(expected, Options.Parse(["-Dconfigure", option]).KeyPassword);
        Assert.False(Options.Parse(["-Dconfigure"]).KeyPassword);
    }

    [Theory]
    [InlineData("-Dold.mode=dsa", "-Drotate", "-Dold.alias=a", "rsa or symmetric")]
    [InlineData("-Dold.keystore.type=BKS", "-Drotate", "-Dold.keystore=x", "JKS, PKCS12")]
    [InlineData("-Dold.keystore=x", "-Dconfigure", "-Dsymmetric", "'-Dold.keystore' needs -Drotate")]
    [InlineData("-Dold.password.file=pw", "-Drotate", "-Dold.alias=a", "needs -Dold.keystore")]
    public void A_wrong_old_key_option_is_a_usage_error_naming_it(string first, string second, string third, string expected)
    {
        var e = Assert.Throws<UsageException>(() => Options.Parse([first, second, third]));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_rsa_transformation_with_symmetric_is_a_usage_error_listing_the_aes_names()
    {
        var e = Assert.Throws<UsageException>(() => Options.Parse(["-Dsymmetric", "-Dorg.wso2.CipherTransformation=RSA/ECB/PKCS1Padding"]));

        Assert.Contains("AES/GCM/NoPadding", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_option_is_a_usage_error_naming_it()
    {
        var e = Assert.Throws<UsageException>(() => Options.Parse(["-Dconfgure"]));
        Assert.Contains("-Dconfgure", e.Message, StringComparison.Ordinal);
        Assert.Contains("argument 1 is not an option", Assert.Throws<UsageException>(() => Options.Parse(["-D"])).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("configure")]
    [InlineData("--configure")]
    [InlineData("hunter2")]
    public void A_stray_argument_is_a_usage_error_naming_its_position_never_its_text(string arg)
    {
        var e = Assert.Throws<UsageException>(() => Options.Parse(["-Dconfigure", arg]));
        Assert.Contains("argument 2 is not an option", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(arg + " ", e.Message + " ", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-Dorg.wso2.CipherTransformation=")]
    [InlineData("-Dorg.wso2.CipherTransformation=  ")]
    [InlineData("-Dorg.wso2.CipherTransformation=RSA/ECB/OAEPWithSHA-256AndMGF1Padding")]
    public void A_blank_or_unknown_transformation_is_a_usage_error_listing_the_accepted_names(string arg)
    {
        var e = Assert.Throws<UsageException>(() => Options.Parse([arg]));
        Assert.Contains("RSA/ECB/OAEPwithSHA1andMGF1Padding", e.Message, StringComparison.Ordinal);
        Assert.Contains("RSA/ECB/PKCS1Padding", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-Dcarbon.home")]
    [InlineData("-Dcarbon.home=")]
    [InlineData("-Dorg.wso2.CipherTransformation")]
    public void A_valued_option_without_its_value_is_a_usage_error(string arg)
    {
        var e = Assert.Throws<UsageException>(() => Options.Parse([arg]));
        Assert.Contains("needs a value", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-help")]
    [InlineData("-h")]
    [InlineData("--help")]
    [InlineData("-HELP")]
    public void A_help_option_wins_even_over_a_bad_argument(string arg)
    {
        Assert.Equal(CipherToolMode.Help, Options.Parse(["-Dbogus", arg]).Mode);
    }
}
