using System.Text;
using SecVault.Exec;
using SecVault.Hosting;

namespace SecVault.Cli.Tests;

/// <summary>The library side of <c>mi secret exec</c>: <see cref="SecretVariables"/>, <see cref="ExportDenylist"/> and <see cref="UnbufferedLineReader"/>.</summary>
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
        var environment = new DictionaryEnvironment(new Dictionary<string, string> { ["APP_TOKEN"] = "/home/x", ["c"] = "value-of-c" });

        var ex = Assert.Throws<SecretVariableException>(() => SecretVariables.Plan(["a.b", "a-b", "APP_TOKEN", "c", "ok"], string.Empty, environment, overrideExisting: false));

        Assert.Equal(
            [
                new SecretVariableConflict(SecretVariableErrorKind.NameCollision, "a_b", ["a.b", "a-b"]),
                new SecretVariableConflict(SecretVariableErrorKind.AlreadyDefined, "APP_TOKEN", ["APP_TOKEN"]),
                new SecretVariableConflict(SecretVariableErrorKind.AlreadyDefined, "c", ["c"]),
            ],
            ex.Conflicts,
            (x, y) => x.Kind == y.Kind && x.VariableName == y.VariableName && x.Aliases.SequenceEqual(y.Aliases));
        Assert.StartsWith("3 conflicts: aliases 'a.b', 'a-b' all become environment variable a_b", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("value-of-c", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--override", ex.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_with_override_accepts_defined_variables_but_never_a_collision()
    {
        var environment = new DictionaryEnvironment(new Dictionary<string, string> { ["APP_TOKEN"] = "/home/x" });

        var plan = SecretVariables.Plan(["APP_TOKEN"], string.Empty, environment, overrideExisting: true);
        var ex = Assert.Throws<SecretVariableException>(() => SecretVariables.Plan(["x y", "x_y"], string.Empty, environment, overrideExisting: true));

        Assert.Equal("APP_TOKEN", Assert.Single(plan).Name);
        Assert.Equal(SecretVariableErrorKind.NameCollision, Assert.Single(ex.Conflicts).Kind);
        Assert.DoesNotContain("--override", ex.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("LD_PRELOAD", "LD_*")]
    [InlineData("ld_library_path", "LD_*")]
    [InlineData("BASH_ENV", "BASH_*")]
    [InlineData("BASH_FUNC_ls%%", "BASH_*")]
    [InlineData("ENV", "ENV")]
    [InlineData("PYTHONPATH", "PYTHON*")]
    [InlineData("JAVA_TOOL_OPTIONS", "JAVA_TOOL_OPTIONS")]
    [InlineData("DOTNET_STARTUP_HOOKS", "DOTNET_*")]
    [InlineData("PATH", "PATH")]
    [InlineData("HOME", "HOME")]
    [InlineData("GIT_SSH_COMMAND", "GIT_*")]
    [InlineData("https_proxy", "HTTPS_PROXY")]
    [InlineData("MI_KEYSTORE_PASSWORD", "MI_KEYSTORE_PASSWORD")]
    public void Plan_refuses_a_denylisted_name_naming_the_alias_even_with_override(string alias, string pattern)
    {
        var ex = Assert.Throws<SecretVariableException>(() => SecretVariables.Plan([alias, "ok"], string.Empty, NoVariables, overrideExisting: true));

        var conflict = Assert.Single(ex.Conflicts);
        Assert.Equal(SecretVariableErrorKind.Denied, conflict.Kind);
        Assert.Equal([alias], conflict.Aliases);
        Assert.Equal(pattern, ExportDenylist.Find(conflict.VariableName)!.Pattern);
        Assert.StartsWith($"alias '{alias}' would set environment variable {conflict.VariableName}, which ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--prefix", ex.Hint, StringComparison.Ordinal);
        Assert.DoesNotContain("--override", ex.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_names_each_refused_alias_even_when_they_share_a_name()
    {
        var ex = Assert.Throws<SecretVariableException>(() => SecretVariables.Plan(["LD_PRELOAD", "LD.PRELOAD"], string.Empty, NoVariables, overrideExisting: false));

        Assert.Equal(["LD_PRELOAD", "LD.PRELOAD"], ex.Conflicts.Select(c => c.Aliases.Single()));
        Assert.All(ex.Conflicts, c => Assert.Equal(SecretVariableErrorKind.Denied, c.Kind));
    }

    [Fact]
    public void Plan_with_a_prefix_turns_a_denylisted_alias_into_an_allowed_name()
    {
        var plan = SecretVariables.Plan(["LD_PRELOAD", "BASH_ENV", "PYTHONPATH"], "APP_", NoVariables, overrideExisting: false);

        Assert.Equal(["APP_LD_PRELOAD", "APP_BASH_ENV", "APP_PYTHONPATH"], plan.Select(v => v.Name));
    }

    [Theory]
    [InlineData("LD_", "audit")]
    [InlineData("PYTHON", "PATH")]
    [InlineData("", "ENV")]
    public void Plan_checks_the_name_after_prefixing(string prefix, string alias)
    {
        var ex = Assert.Throws<SecretVariableException>(() => SecretVariables.Plan([alias], prefix, NoVariables, overrideExisting: false));

        Assert.Equal(SecretVariableErrorKind.Denied, Assert.Single(ex.Conflicts).Kind);
    }

    [Theory]
    [InlineData("", "1password")]
    [InlineData("9", "x")]
    public void Plan_refuses_a_name_that_is_not_a_portable_variable_name(string prefix, string alias)
    {
        var ex = Assert.Throws<SecretVariableException>(() => SecretVariables.Plan([alias], prefix, NoVariables, overrideExisting: true));

        Assert.Equal(SecretVariableErrorKind.InvalidName, Assert.Single(ex.Conflicts).Kind);
        Assert.Contains("not a portable variable name", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--prefix", ex.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckValues_refuses_every_secret_holding_a_NUL_naming_the_alias_and_never_the_value()
    {
        var variables = SecretVariables.Plan(["a", "b", "c"], string.Empty, NoVariables, overrideExisting: false);
        var secrets = new Dictionary<string, string> { ["a"] = "before\0after-a", ["b"] = "fine", ["c"] = "\0" };

        var ex = Assert.Throws<SecretVariableException>(() => SecretVariables.CheckValues(variables, secrets));

        Assert.Equal(["a", "c"], ex.Conflicts.Select(c => c.Aliases.Single()));
        Assert.All(ex.Conflicts, c => Assert.Equal(SecretVariableErrorKind.HoldsNul, c.Kind));
        Assert.StartsWith("2 conflicts: the secret of alias 'a' holds a NUL character", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("before", ex.Message + ex.Hint + string.Concat(ex.Conflicts), StringComparison.Ordinal);
        SecretVariables.CheckValues(variables, new Dictionary<string, string> { ["a"] = "x", ["b"] = "y", ["c"] = "z" });
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

    [Fact]
    public void The_message_of_several_conflicts_names_the_first_and_counts_the_others()
    {
        var environment = new DictionaryEnvironment(new Dictionary<string, string> { ["c"] = "x", ["d"] = "y", ["e"] = "z" });

        var ex = Assert.Throws<SecretVariableException>(() => SecretVariables.Plan(["c", "d", "e"], string.Empty, environment, overrideExisting: false));

        Assert.Equal("3 conflicts: environment variable c (alias 'c') is already defined (and 2 more)", ex.Message);
        Assert.Equal("choose other names with --prefix, pick aliases with --only, or replace the variables with --override", ex.Hint);
    }

    [Fact]
    public void A_refused_name_among_other_conflicts_gets_the_prefix_hint()
    {
        var environment = new DictionaryEnvironment(new Dictionary<string, string> { ["c"] = "x" });

        var ex = Assert.Throws<SecretVariableException>(() => SecretVariables.Plan(["c", "PATH"], string.Empty, environment, overrideExisting: false));

        Assert.Equal([SecretVariableErrorKind.AlreadyDefined, SecretVariableErrorKind.Denied], ex.Conflicts.Select(c => c.Kind));
        Assert.Equal("put a prefix on every name with --prefix (for example --prefix APP_), or leave those aliases out with --only", ex.Hint);
    }

    [Fact]
    public void A_secret_holding_a_NUL_gets_its_own_hint_whatever_else_conflicts()
    {
        var holdsNul = new SecretVariableConflict(SecretVariableErrorKind.HoldsNul, "a", ["a"]);
        var defined = new SecretVariableConflict(SecretVariableErrorKind.AlreadyDefined, "b", ["b"]);

        var alone = Assert.Throws<SecretVariableException>(() => SecretVariables.CheckValues([new SecretVariable("a", "a")], new Dictionary<string, string> { ["a"] = "\0" }));
        var mixed = new SecretVariableException([defined, holdsNul]);

        Assert.Equal("the secret of alias 'a' holds a NUL character, which an environment variable cannot carry", alone.Message);
        Assert.Equal("create the secret again without NUL characters, or leave the alias out with --only", alone.Hint);
        Assert.Equal(alone.Hint, mixed.Hint);
        Assert.Equal("choose other names with --prefix, or pick aliases with --only", new SecretVariableException([new SecretVariableConflict(SecretVariableErrorKind.NameCollision, "a_b", ["a.b", "a-b"])]).Hint);
    }

    [Fact]
    public void The_library_entry_points_refuse_missing_arguments()
    {
        Assert.Equal("prefix", Assert.Throws<ArgumentNullException>(() => SecretVariables.Name(null!, "a")).ParamName);
        Assert.Equal("alias", Assert.Throws<ArgumentException>(() => SecretVariables.Name(string.Empty, string.Empty)).ParamName);
        Assert.Equal("secret", Assert.Throws<ArgumentNullException>(() => SecretVariables.CanCarry(null!)).ParamName);
        Assert.Equal("aliases", Assert.Throws<ArgumentNullException>(() => SecretVariables.Plan(null!, string.Empty, NoVariables, false)).ParamName);
        Assert.Equal("prefix", Assert.Throws<ArgumentNullException>(() => SecretVariables.Plan([], null!, NoVariables, false)).ParamName);
        Assert.Equal("environment", Assert.Throws<ArgumentNullException>(() => SecretVariables.Plan(["a"], string.Empty, null!, false)).ParamName);
        Assert.Equal("variables", Assert.Throws<ArgumentNullException>(() => SecretVariables.CheckValues(null!, new Dictionary<string, string>())).ParamName);
        Assert.Equal("secrets", Assert.Throws<ArgumentNullException>(() => SecretVariables.CheckValues([], null!)).ParamName);
        Assert.Equal("allAliases", Assert.Throws<ArgumentNullException>(() => SecretExec.Prepare(null, null!, string.Empty, NoVariables, false, _ => new Dictionary<string, string>())).ParamName);
        Assert.Equal("decrypt", Assert.Throws<ArgumentNullException>(() => SecretExec.Prepare(null, ["a"], string.Empty, NoVariables, false, null!)).ParamName);
    }

    [Fact]
    public void UnbufferedLineReader_reads_a_line_longer_than_its_first_buffer_whole()
    {
        var line = string.Concat(Enumerable.Range(0, 300).Select(i => (char)('a' + (i % 26)))) + "é";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(line + "\nnext"));
        using var reader = new UnbufferedLineReader(stream);

        Assert.Equal(line, reader.ReadLine());
        Assert.Equal("next", reader.ReadLine());
    }

    [Fact]
    public void UnbufferedLineReader_reads_invalid_UTF_8_as_replacement_characters_rather_than_fail()
    {
        using var stream = new MemoryStream([(byte)'a', 0xFF, (byte)'b', 0xC3, (byte)'\n']);
        using var reader = new UnbufferedLineReader(stream);

        Assert.Equal("a\uFFFDb\uFFFD", reader.ReadLine());
    }
}
