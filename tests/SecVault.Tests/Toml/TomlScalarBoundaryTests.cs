using static SecVault.Tests.Toml.TomlDocuments;

namespace SecVault.Tests.Toml;

/// <summary>
/// The edges of TOML 1.0's scalar forms: the first and last valid value of each field and the nearest invalid one,
/// values that end the document, and the error (text and position) each invalid literal gets.
/// </summary>
public sealed class TomlScalarBoundaryTests
{
    private const string InvalidDate = "invalid date or time (expected YYYY-MM-DD, HH:MM:SS, or both with an optional offset)";
    private const string InvalidEscape = "invalid escape sequence (allowed: \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX)";
    private const string ExpectedValue = "expected a value (a quoted string, number, boolean, date, array or inline table)";

    [Theory]
    [InlineData("a = \"\\U0010FFFF\"", "a=String:\U0010FFFF")]
    [InlineData("a = \"\\uD7FF\\uE000\"", "a=String:\uD7FF\uE000")]
    [InlineData("a = \"\\U00000041\\u0000\"", "a=String:A\0")]
    public void Escapes_up_to_the_last_scalar_value_and_around_the_surrogates_are_valid(string text, string expected)
    {
        Assert.Equal(expected, Read(text));
    }

    [Theory]
    [InlineData("a = \"\\u12\"")]
    [InlineData("a = \"\\u12G4\"")]
    [InlineData("a = \"\\U0010FFF\"")]
    [InlineData("a = \"\\u12")]
    public void A_unicode_escape_with_too_few_hex_digits_is_an_invalid_escape_at_its_backslash(string text)
    {
        Assert.Equal("t.toml:1:6: " + InvalidEscape, Error(text));
    }

    [Theory]
    [InlineData("a = \"\"\"a\\\"\"\"b\"\"\"", "a=String:a\"\"\"b")]
    [InlineData("a = \"\"\"\\\"\"\"\"\"\"", "a=String:\"\"\"")]
    [InlineData("a = \"\"\"x\\n\"\"\"", "a=String:x\n")]
    public void An_escaped_quote_in_a_multi_line_string_does_not_count_towards_its_closing_quotes(string text, string expected)
    {
        Assert.Equal(expected, Read(text));
    }

    [Theory]
    [InlineData("a = \"\"\"one \\  \t\n  two\"\"\"", "a=String:one two")]
    [InlineData("a = \"\"\"one \\\t\r\n\n\t two\"\"\"", "a=String:one two")]
    public void A_line_ending_backslash_followed_by_blanks_trims_up_to_the_next_text(string text, string expected)
    {
        Assert.Equal(expected, Read(text));
    }

    [Theory]
    [InlineData("a = \"\"\"x \\\n")]
    [InlineData("a = \"\"\"x \\\n  \n")]
    public void A_multi_line_string_ending_the_file_after_a_line_ending_backslash_is_not_closed(string text)
    {
        Assert.Equal("t.toml:1:5: the multi-line string is not closed", Error(text));
    }

    [Theory]
    [InlineData("a = \"abc\nb = 1")]
    [InlineData("a = 'abc\nb = 1")]
    [InlineData("a = \"abc\r\nb = 1")]
    public void A_one_line_string_broken_by_a_line_end_is_not_closed_on_its_line(string text)
    {
        Assert.Equal("t.toml:1:9: the string is not closed on its line", Error(text));
    }

    [Theory]
    [InlineData("a = 0x0", "a=Integer:0")]
    [InlineData("a = 0o0", "a=Integer:0")]
    [InlineData("a = 0b0", "a=Integer:0")]
    [InlineData("a = 0x0001", "a=Integer:1")]
    [InlineData("a = 0b0_1", "a=Integer:1")]
    [InlineData("a = 0x7FFFFFFFFFFFFFFF", "a=Integer:9223372036854775807")]
    [InlineData("a = -0", "a=Integer:0")]
    [InlineData("a = +0", "a=Integer:0")]
    [InlineData("a = 0", "a=Integer:0")]
    public void Zeros_lead_digits_after_a_radix_prefix_and_a_signed_zero_may_end_the_file(string text, string expected)
    {
        Assert.Equal(expected, Read(text));
    }

    [Theory]
    [InlineData("a = +")]
    [InlineData("a = -")]
    [InlineData("a = +0x1")]
    [InlineData("a = -0x1")]
    [InlineData("a = +0o7")]
    [InlineData("a = -0b1")]
    [InlineData("a = +in")]
    [InlineData("a = +_1")]
    public void A_sign_without_a_decimal_number_or_special_float_after_it_is_an_invalid_number(string text)
    {
        Assert.Equal("t.toml:1:5: invalid number", Error(text));
    }

    [Theory]
    [InlineData("a = 09")]
    [InlineData("a = 0_1")]
    [InlineData("a = -09")]
    [InlineData("a = 00.5")]
    public void A_decimal_number_with_a_leading_zero_is_refused_at_its_first_character(string text)
    {
        Assert.Equal("t.toml:1:5: a number cannot have leading zeros", Error(text));
    }

    [Theory]
    [InlineData("a = tru")]
    [InlineData("a = fals")]
    [InlineData("a = na")]
    [InlineData("a = i")]
    public void A_cut_short_boolean_or_special_float_is_not_a_value(string text)
    {
        Assert.Equal("t.toml:1:5: " + ExpectedValue, Error(text));
    }

    [Theory]
    [InlineData("a = 1979-05-27T07:32:00-23:59", "a=OffsetDateTime:1979-05-27T07:32:00-23:59")]
    [InlineData("a = 1979-05-27T07:32:00+00:00", "a=OffsetDateTime:1979-05-27T07:32:00+00:00")]
    [InlineData("a = 1979-05-27 07:32:00z", "a=OffsetDateTime:1979-05-27 07:32:00z")]
    [InlineData("a = 1979-05-27t07:32:00", "a=LocalDateTime:1979-05-27t07:32:00")]
    [InlineData("a = 1979-05-27 # noted at 07:32", "a=LocalDate:1979-05-27")]
    [InlineData("a = 1979-05-27 #x:", "a=LocalDate:1979-05-27")]
    [InlineData("a = [1979-05-27, 07:32:00.1]", "a:0=LocalDate:1979-05-27 | a:1=LocalTime:07:32:00.1")]
    public void Offsets_up_to_23_59_and_a_date_followed_by_other_text_read_as_the_specification_says(string text, string expected)
    {
        Assert.Equal(expected, Read(text));
    }

    [Theory]
    [InlineData("1979-05x27")]
    [InlineData("1979-5-27")]
    [InlineData("07:32x00")]
    [InlineData("07:0A:00")]
    [InlineData("07:32:0")]
    [InlineData("07:32:00.")]
    [InlineData("1979-05-27T07x32:00")]
    [InlineData("1979-05-27T0A:32:00")]
    [InlineData("1979-05-27T07:32:00.Z")]
    [InlineData("1979-05-27T07:32:00+7:00")]
    [InlineData("1979-05-27T07:32:00-07x00")]
    [InlineData("1979-05-27T07:32:00+0A:00")]
    [InlineData("1979-05-27T07:32:00+07:0")]
    [InlineData("1979-05-27T07:32:00+07:60")]
    public void A_date_time_or_offset_with_a_field_of_the_wrong_shape_is_an_invalid_date_at_the_value(string value)
    {
        Assert.Equal("t.toml:1:5: " + InvalidDate, Error("a = " + value));
    }
}
