using System.Text;
using SecVault.Exec;
using SecVault.Hosting;

namespace SecVault.Cli.Tests;

/// <summary>The library side of <c>mi secret exec</c>: <see cref="SecretVariables"/> and <see cref="UnbufferedLineReader"/>.</summary>
public sealed class ExecSecretVariablesTests
{
    private static readonly DictionaryEnvironment NoVariables = new(new Dictionary<string, string>());

    [Theory]
    [InlineData("", "db_password", "db_password")]
    [InlineData("", "db.pass-word", "db_pass_word")]
    [InlineData("APP_", "admin password", "APP_admin_password")]
    [InlineData("my-app.", "clé", "my_app_cl_")]
    [InlineData("", "密码", "__")]
    [InlineData("K_", "🔑", "K__")]
    public void Name_prepends_the_prefix_and_replaces_characters_outside_A_Z_a_z_0_9_underscore(string prefix, string alias, string expected)
    {
        Assert.Equal(expected, SecretVariables.Name(prefix, alias));
    }

    [Fact]
    public void Plan_keeps_alias_order_and_drops_repeated_aliases()
    {
        var plan = SecretVariables.Plan(["b", "a.x", "b"], "P_", NoVariables, overrideExisting: false);

        Assert.Equal([new SecretVariable("b", "P_b"), new SecretVariable("a.x", "P_a_x")], plan);
    }

    [Fact]
    public void Plan_reports_every_collision_and_defined_variable_together_without_values()
    {
        var environment = new DictionaryEnvironment(new Dictionary<string, string> { ["HOME"] = "/home/x", ["c"] = "value-of-c" });

        var ex = Assert.Throws<SecretVariableException>(() => SecretVariables.Plan(["a.b", "a-b", "HOME", "c", "ok"], string.Empty, environment, overrideExisting: false));

        Assert.Equal(
            [
                new SecretVariableConflict(SecretVariableError.NameCollision, "a_b", ["a.b", "a-b"]),
                new SecretVariableConflict(SecretVariableError.AlreadyDefined, "HOME", ["HOME"]),
                new SecretVariableConflict(SecretVariableError.AlreadyDefined, "c", ["c"]),
            ],
            ex.Conflicts,
            (x, y) => x.Error == y.Error && x.VariableName == y.VariableName && x.Aliases.SequenceEqual(y.Aliases));
        Assert.StartsWith("3 conflicts: aliases 'a.b', 'a-b' all become environment variable a_b", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("value-of-c", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--override", ex.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_with_override_accepts_defined_variables_but_never_a_collision()
    {
        var environment = new DictionaryEnvironment(new Dictionary<string, string> { ["HOME"] = "/home/x" });

        var plan = SecretVariables.Plan(["HOME"], string.Empty, environment, overrideExisting: true);
        var ex = Assert.Throws<SecretVariableException>(() => SecretVariables.Plan(["x y", "x_y"], string.Empty, environment, overrideExisting: true));

        Assert.Equal("HOME", Assert.Single(plan).Name);
        Assert.Equal(SecretVariableError.NameCollision, Assert.Single(ex.Conflicts).Error);
        Assert.DoesNotContain("--override", ex.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void UnbufferedLineReader_takes_one_line_and_leaves_every_later_byte_in_the_stream()
    {
        var bytes = Encoding.UTF8.GetBytes("pässwörd-密码-🔑\r\nrest ✓\nmore");
        using var stream = new MemoryStream(bytes);
        using var reader = new UnbufferedLineReader(stream);

        var line = reader.ReadLine();

        Assert.Equal("pässwörd-密码-🔑", line);
        Assert.Equal("rest ✓\nmore", Encoding.UTF8.GetString(bytes, (int)stream.Position, bytes.Length - (int)stream.Position));
        Assert.Equal("rest ✓", reader.ReadLine());
        Assert.Equal("more", reader.ReadLine());
        Assert.Null(reader.ReadLine());
    }

    [Fact]
    public void UnbufferedLineReader_reads_an_empty_line_as_empty_and_end_of_input_as_null()
    {
        using var stream = new MemoryStream("\n"u8.ToArray());
        using var reader = new UnbufferedLineReader(stream);

        Assert.Equal(string.Empty, reader.ReadLine());
        Assert.Null(reader.ReadLine());
    }
}
