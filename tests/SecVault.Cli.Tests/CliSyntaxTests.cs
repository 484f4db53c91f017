using System.CommandLine;

namespace SecVault.Cli.Tests;

public sealed class CliSyntaxTests
{
    private readonly Option<string[]> _properties = CliSyntax.SystemPropertiesOption();
    private readonly Option<string?> _home = new("--home");
    private readonly Argument<string[]> _rest = new("command") { Arity = ArgumentArity.ZeroOrMore };

    [Theory]
    [InlineData("-DNAME=VALUE")]
    [InlineData("-D", "NAME=VALUE")]
    [InlineData("-D=NAME=VALUE")]
    public void System_properties_accept_the_joined_and_separate_forms(params string[] args)
    {
        var result = Parse(args);

        Assert.Empty(result.Errors);
        Assert.Equal("VALUE", CliSyntax.GetSystemProperties(result, _properties)["NAME"]);
    }

    [Fact]
    public void A_system_property_without_equals_is_the_empty_string_as_the_jvm_reads_it()
    {
        Assert.Equal(string.Empty, CliSyntax.GetSystemProperties(Parse(["-Dflag"]), _properties)["flag"]);
    }

    [Theory]
    [InlineData("-Dkey.password=true")]
    [InlineData("-Dk=v")]
    [InlineData("-Dverbose=1")]
    public void Joined_system_properties_are_split_before_parsing_so_no_letter_is_read_as_a_short_option(string arg)
    {
        var split = CliSyntax.SplitSystemProperties([arg, "--", "-Dchild=1"]);

        Assert.Equal(["-D", arg[2..], "--", "-Dchild=1"], split);
    }

    [Fact]
    public void Repeated_system_properties_keep_the_last_value_and_values_may_hold_equals_signs()
    {
        var result = Parse(["-Da=1", "-D", "b=x=y", "-Da=2", "-Dempty="]);

        var properties = CliSyntax.GetSystemProperties(result, _properties);

        Assert.Equal("2", properties["a"]);
        Assert.Equal("x=y", properties["b"]);
        Assert.Equal(string.Empty, properties["empty"]);
    }

    [Theory]
    [InlineData("-D", "=value")]
    public void A_system_property_without_a_name_is_a_usage_error_that_does_not_echo_it(params string[] args)
    {
        var result = Parse(args);

        var error = Assert.Throws<UsageException>(() => CliSyntax.GetSystemProperties(result, _properties));

        Assert.DoesNotContain("noequals", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("value", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--home=/opt/mi")]
    [InlineData("--home", "/opt/mi")]
    [InlineData("--home:/opt/mi")]
    public void Long_options_take_their_value_after_a_space_an_equals_sign_or_a_colon(params string[] args)
    {
        Assert.Equal("/opt/mi", Parse(args).GetValue(_home));
    }

    [Fact]
    public void An_option_like_positional_word_is_found_but_not_after_a_double_dash()
    {
        Assert.Equal("--bogus", CliSyntax.FindUnknownOption(Parse(["--bogus"])));
        Assert.Null(CliSyntax.FindUnknownOption(Parse(["--", "env", "--bogus", "-x"])));
        Assert.Null(CliSyntax.FindUnknownOption(Parse(["-", "plain"])));
    }

    private ParseResult Parse(string[] args)
    {
        var command = new RootCommand { _properties, _home, _rest };
        return command.Parse(args, CliSyntax.ParserConfiguration);
    }
}
