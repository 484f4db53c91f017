using CsCheck;
using SecVault.Placeholders;

namespace SecVault.Tests.Placeholders;

public sealed class PlaceholderParserTests
{
    [Fact]
    public void Find_returns_every_kind_in_order_with_exact_spans()
    {
        const string text = "jdbc:x;user=$env{USER};pw=$secret{db}$sys{a.b}$ref{c.d}";

        var found = PlaceholderParser.Find(text);

        Assert.Equal(
            [PlaceholderKind.Env, PlaceholderKind.Secret, PlaceholderKind.Sys, PlaceholderKind.Ref],
            found.Select(p => p.Kind));
        Assert.Equal(["$env{USER}", "$secret{db}", "$sys{a.b}", "$ref{c.d}"], found.Select(p => text.Substring(p.Start, p.Length)));
        Assert.Equal(["$env{USER}", "$secret{db}", "$sys{a.b}", "$ref{c.d}"], found.Select(p => p.Text));
    }

    [Fact]
    public void Find_trims_the_name_and_keeps_the_raw_name()
    {
        var p = Assert.Single(PlaceholderParser.Find("$secret{key_password }"));

        Assert.Equal(("key_password", "key_password ", true), (p.Name, p.RawName, p.HasSurroundingWhitespace));
    }

    [Theory]
    [InlineData("$env{  HOME}", "HOME")]
    [InlineData("$sys{\t\r\nuser.home \n}", "user.home")]
    [InlineData("$secret{\u0001\u001F\u0020db\u0000}", "db")]
    [InlineData("$ref{ a b }", "a b")]
    public void Find_trims_leading_and_trailing_chars_up_to_U0020_as_Java_String_trim(string text, string name)
    {
        var p = Assert.Single(PlaceholderParser.Find(text));

        Assert.Equal((name, true), (p.Name, p.HasSurroundingWhitespace));
        Assert.Equal(text[(text.IndexOf('{', StringComparison.Ordinal) + 1)..^1], p.RawName);
    }

    [Theory]
    [InlineData("$env{\u00A0HOME\u2003}")]
    [InlineData("$env{\u0085HOME\uFEFF}")]
    public void Find_keeps_unicode_spaces_above_U0020_in_the_name_as_Java_String_trim(string text)
    {
        var p = Assert.Single(PlaceholderParser.Find(text));

        Assert.Equal(p.RawName, p.Name);
        Assert.False(p.HasSurroundingWhitespace);
    }

    [Fact]
    public void Find_runs_the_name_to_the_first_closing_brace_without_nesting_or_defaults()
    {
        var found = PlaceholderParser.Find("$env{A:b} $env{x $secret{y}}");

        Assert.Equal(["A:b", "x $secret{y"], found.Select(p => p.Name));
    }

    [Theory]
    [InlineData("$secret{}")]
    [InlineData("$env{   }")]
    public void Find_reports_an_empty_name(string text)
    {
        Assert.True(Assert.Single(PlaceholderParser.Find(text)).IsEmptyName);
    }

    [Theory]
    [InlineData("$env{NEVER_CLOSED")]
    [InlineData("${java.style}")]
    [InlineData("$SECRET{upper}")]
    [InlineData("$secret {space}")]
    [InlineData("$vault{other}")]
    [InlineData("plain $ text { }")]
    public void Text_that_is_not_a_complete_placeholder_is_literal(string text)
    {
        Assert.Empty(PlaceholderParser.Find(text));
    }

    [Fact]
    public void An_unclosed_prefix_makes_the_rest_literal()
    {
        var found = PlaceholderParser.Find("$sys{a} $env{b");

        Assert.Equal("a", Assert.Single(found).Name);
    }

    [Theory]
    [InlineData("$env{A}", true)]
    [InlineData("x$sys{b}y", true)]
    [InlineData("$secret{a}", false)]
    [InlineData("$env{unclosed", false)]
    [InlineData("eKALmLVA+Q==", false)]
    public void ContainsDynamic_detects_env_and_sys_placeholders(string text, bool expected)
    {
        Assert.Equal(expected, PlaceholderParser.ContainsDynamic(text));
    }

    [Fact]
    public void Substitute_replaces_in_place_and_keeps_dollar_and_backslash_literal()
    {
        var result = PlaceholderParser.Substitute("jdbc:x;password=$secret{db};u=$env{U}", p => p.Name == "db" ? "p$1\\$env{U}" : "me");

        Assert.Equal("jdbc:x;password=p$1\\$env{U};u=me", result);
    }

    [Fact]
    public void Null_arguments_are_refused_even_without_a_placeholder()
    {
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => PlaceholderParser.Find(null!)).ParamName);
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => PlaceholderParser.Substitute(null!, _ => "x")).ParamName);
        Assert.Equal("resolve", Assert.Throws<ArgumentNullException>(() => PlaceholderParser.Substitute("plain", null!)).ParamName);
    }

    [Fact]
    public void Substitute_leaves_a_placeholder_whose_resolver_returns_null()
    {
        var seen = new List<string>();

        var result = PlaceholderParser.Substitute("a=$env{MISSING} b=$sys{x}", p =>
        {
            seen.Add(p.Name);
            return p.Kind == PlaceholderKind.Sys ? "X" : null;
        });

        Assert.Equal("a=$env{MISSING} b=X", result);
        Assert.Equal(["MISSING", "x"], seen);
    }

    [Fact]
    public void Substitution_never_rescans_substituted_text()
    {
        var names = Gen.String[Gen.Char["abcXY_ "], 0, 6];
        var values = Gen.OneOf(Gen.String, Gen.Const("$env{x}"), Gen.Const("$secret{"), Gen.Const("}"));
        Gen.Select(names.Array[1, 4], values).Sample((parts, value) =>
        {
            var text = string.Concat(parts.Select(n => "<$env{" + n + "}>"));

            var calls = 0;
            var result = PlaceholderParser.Substitute(text, _ =>
            {
                calls++;
                return value;
            });

            Assert.Equal(parts.Length, calls);
            Assert.Equal(string.Concat(parts.Select(_ => "<" + value + ">")), result);
        }, threads: 1);
    }

    [Fact]
    public void Text_without_placeholders_is_returned_unchanged()
    {
        Gen.String.Where(s => !s.Contains('$', StringComparison.Ordinal)).Sample(text =>
        {
            Assert.Same(text, PlaceholderParser.Substitute(text, _ => throw new InvalidOperationException("no placeholder expected")));
        }, threads: 1);
    }

    [Fact]
    public void Found_spans_always_cover_the_written_placeholder()
    {
        var pieces = Gen.OneOf(Gen.Const("$secret{"), Gen.Const("$env{"), Gen.Const("}"), Gen.Const("$"), Gen.String[Gen.Char["ab {$"], 0, 3]);
        pieces.Array[0, 8].Sample(parts =>
        {
            var text = string.Concat(parts);
            foreach (var p in PlaceholderParser.Find(text))
            {
                Assert.Equal(p.Text, text.Substring(p.Start, p.Length));
            }
        }, threads: 1);
    }
}
