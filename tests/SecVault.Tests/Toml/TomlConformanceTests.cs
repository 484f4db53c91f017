using SecVault.Toml;
using static SecVault.Tests.Toml.TomlDocuments;

namespace SecVault.Tests.Toml;

/// <summary>
/// What TOML 1.0 (toml.io/en/v1.0.0) says is valid and invalid, case by case, with the expected reading taken from
/// the specification's text and examples.
/// </summary>
public sealed class TomlConformanceTests
{
    [Theory]
    [InlineData("a = \"x\\ty\\u00E9\\U0001F600\\\\\\\"\"", "a=String:x\ty\u00E9\U0001F600\\\"")]
    [InlineData("a = 'C:\\Users\\x'", "a=String:C:\\Users\\x")]
    [InlineData("a = \"\"\"\nline1\nline2\"\"\"", "a=String:line1\nline2")]
    [InlineData("a = \"\"\"\r\nline1\"\"\"", "a=String:line1")]
    [InlineData("a = \"\"\"one \\\n   two \\\r\n\r\n  three\"\"\"", "a=String:one two three")]
    [InlineData("a = \"\"\"quote\"\"\"\"\"", "a=String:quote\"\"")]
    [InlineData("a = '''\nraw \\n'''", "a=String:raw \\n")]
    [InlineData("a = ''''x'''", "a=String:'x")]
    [InlineData("a = +99\nb = -17\nc = 0\nd = +0\ne = 1_000", "a=Integer:99 | b=Integer:-17 | c=Integer:0 | d=Integer:0 | e=Integer:1000")]
    [InlineData("a = 0xDEAD_beef\nb = 0o755\nc = 0b1101", "a=Integer:3735928559 | b=Integer:493 | c=Integer:13")]
    [InlineData("a = 9223372036854775807\nb = -9223372036854775808", "a=Integer:9223372036854775807 | b=Integer:-9223372036854775808")]
    [InlineData("a = 6.626e-34\nb = 5e+22\nc = -0.01\nd = 1e06\ne = 224_617.445_991", "a=Float:6.626E-34 | b=Float:5E+22 | c=Float:-0.01 | d=Float:1000000 | e=Float:224617.445991")]
    [InlineData("a = inf\nb = -inf\nc = nan\nd = +nan", "a=Float:inf | b=Float:-inf | c=Float:nan | d=Float:nan")]
    [InlineData("a = true\nb = false", "a=Boolean:true | b=Boolean:false")]
    [InlineData("a = 1979-05-27T07:32:00Z\nb = 1979-05-27T00:32:00.999999-07:00\nc = 1979-05-27 07:32:00", "a=OffsetDateTime:1979-05-27T07:32:00Z | b=OffsetDateTime:1979-05-27T00:32:00.999999-07:00 | c=LocalDateTime:1979-05-27 07:32:00")]
    [InlineData("a = 1979-05-27\nb = 00:32:00.5\nc = 2000-02-29", "a=LocalDate:1979-05-27 | b=LocalTime:00:32:00.5 | c=LocalDate:2000-02-29")]
    [InlineData("a = [ 1, [2, 3], { b = 'c' }, ]", "a:0=Integer:1 | a:1:0=Integer:2 | a:1:1=Integer:3 | a:2:b=String:c")]
    [InlineData("a = [\n  1, # one\n  2\n]", "a:0=Integer:1 | a:1=Integer:2")]
    [InlineData("\"quoted key\" = 1\n'lit' = 2\n\"\" = 3\n1234 = 4\nbare-key_1 = 5", "quoted key=Integer:1 | lit=Integer:2 | =Integer:3 | 1234=Integer:4 | bare-key_1=Integer:5")]
    [InlineData("\"a\".\"b\" . c = 1\n3.14 = 2", "a:b:c=Integer:1 | 3:14=Integer:2")]
    [InlineData("fruit.apple.color = 'red'\nfruit.orange = 2", "fruit:apple:color=String:red | fruit:orange=Integer:2")]
    [InlineData("[fruit]\napple.color = 1\n[fruit.apple.texture]\nsmooth = true", "fruit:apple:color=Integer:1 | fruit:apple:texture:smooth=Boolean:true")]
    [InlineData("[x.y.z]\na = 1\n[x]\nb = 2", "x:y:z:a=Integer:1 | x:b=Integer:2")]
    [InlineData("[[p]]\nn = 1\n[p.d]\nc = 2\n[[p.v]]\nk = 3\n[[p]]\nn = 4", "p:0:n=Integer:1 | p:0:d:c=Integer:2 | p:0:v:0:k=Integer:3 | p:1:n=Integer:4")]
    [InlineData("[ j . \"ʞ\" . 'l' ]\na = 1", "j:ʞ:l:a=Integer:1")]
    [InlineData("[a.b.c]\nz = 1\n[a]\nb.d = 2", "a:b:c:z=Integer:1 | a:b:d=Integer:2")]
    [InlineData("a = 1 # comment with \t tab and é\nb = { }", "a=Integer:1")]
    [InlineData("a = 1#no space\r\nb=2", "a=Integer:1 | b=Integer:2")]
    public void Valid_documents_read_as_the_specification_says(string text, string expected)
    {
        Assert.Equal(expected, Read(text));
    }

    [Theory]
    [InlineData("a = \"x\\qy\"")]
    [InlineData("a = \"\\uD800\"")]
    [InlineData("a = \"\\U00110000\"")]
    [InlineData("a = \"\\u12\"")]
    [InlineData("a = \"tab\u0001\"")]
    [InlineData("a = 'line\nbreak'")]
    [InlineData("a = \"\"\"x\"\"\"\"\"\"")]
    [InlineData("a = \"\\x41\"")]
    [InlineData("a = \"\\e\"")]
    [InlineData("a = 01")]
    [InlineData("a = 1__0")]
    [InlineData("a = _1")]
    [InlineData("a = 1_")]
    [InlineData("a = +0x1")]
    [InlineData("a = 0x")]
    [InlineData("a = 9223372036854775808")]
    [InlineData("a = 1.")]
    [InlineData("a = .5")]
    [InlineData("a = 1e")]
    [InlineData("a = 1._5")]
    [InlineData("a = 1979-02-29")]
    [InlineData("a = 1979-13-01")]
    [InlineData("a = 24:00:00")]
    [InlineData("a = 07:32")]
    [InlineData("a = 1979-05-27T07:32")]
    [InlineData("a = 1979-05-27T07:32:00+25:00")]
    [InlineData("a = TRUE")]
    [InlineData("a = truex")]
    [InlineData("a = 1 2")]
    [InlineData("a =")]
    [InlineData("a")]
    [InlineData("= 1")]
    [InlineData("a = 1\na = 2")]
    [InlineData("a = 1\n\"a\" = 2")]
    [InlineData("a.b = 1\na = 2")]
    [InlineData("a = 1\na.b = 2")]
    [InlineData("[t]\n[t]")]
    [InlineData("[t]\nx = 1\n[t.x]")]
    [InlineData("[fruit]\napple.color = 1\n[fruit.apple]")]
    [InlineData("[a.b]\nc = 1\n[a]\nb.d = 2")]
    [InlineData("[a.b.c]\nz = 1\n[a]\nb.c.t = 2")]
    [InlineData("[a.b.c]\n[a]\nb.d = 1\n[a.b]")]
    [InlineData("a = 0xFFFFFFFFFFFFFFFF")]
    [InlineData("a = { b = 1 }\na.c = 2")]
    [InlineData("a = { b = 1 }\n[a]")]
    [InlineData("a = { b = 1 }\n[a.c]")]
    [InlineData("a = { b = 1, }")]
    [InlineData("a = { b = 1\n}")]
    [InlineData("a = { b = 1, b = 2 }")]
    [InlineData("a = []\n[[a]]")]
    [InlineData("[[a]]\n[a]")]
    [InlineData("[a]\n[[a]]")]
    [InlineData("[ [a] ]")]
    [InlineData("[a] b = 1")]
    [InlineData("[]")]
    [InlineData("[a.]")]
    [InlineData("a = [1 2]")]
    [InlineData("a = [1,,2]")]
    [InlineData("a = [1")]
    [InlineData("\"\"\"k\"\"\" = 1")]
    [InlineData("a = 1 # bell \u0007")]
    [InlineData("a = 1\rb = 2")]
    [InlineData("a = \u00A0 1")]
    public void Invalid_documents_are_refused_with_a_located_error(string text)
    {
        var e = Assert.Throws<TomlDocumentException>(() => Parse(text));

        Assert.True(e.Line >= 1 && e.Column >= 1, e.Message);
        Assert.Matches(@"^t\.toml:\d+:\d+: ", e.Message);
    }

    [Fact]
    public void Nesting_beyond_the_limit_is_a_located_error_not_a_stack_overflow()
    {
        var deep = "a = " + new string('[', 100_000);

        var e = Assert.Throws<TomlDocumentException>(() => Parse(deep));

        Assert.Equal(1, e.Line);
        Assert.Contains($"deeper than {TomlReader.MaxDepth} levels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_point_at_the_offending_key_or_character()
    {
        Assert.Equal((3, 1), Position("x = 1\n\nx = 2"));
        Assert.Equal((2, 6), Position("a = 1\nb = 1x"));
        Assert.Equal((1, 8), Position("s = \"éé\\q\""));
    }

    private static (int, int) Position(string text)
    {
        var e = Assert.Throws<TomlDocumentException>(() => Parse(text));
        return (e.Line, e.Column);
    }
}
