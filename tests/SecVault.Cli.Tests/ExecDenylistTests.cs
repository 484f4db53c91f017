using System.Text.RegularExpressions;
using SecVault.Exec;
using SecVault.Testing;

namespace SecVault.Cli.Tests;

/// <summary>
/// <see cref="ExportDenylist"/> against the list users read: the "Exec denylist" rows of docs/decisions.md. Every name
/// documented there is refused with its class and reason, and names the documentation leaves out are not.
/// </summary>
public sealed partial class ExecDenylistTests
{
    /// <summary>The class of each documented row (the text after "— " in its first cell) and its reason clause.</summary>
    private static readonly Dictionary<string, (DeniedVariableClass Class, string Reason)> Rows = new(StringComparer.Ordinal)
    {
        ["loader"] = (DeniedVariableClass.Loader, "changes how programs load code"),
        ["shell"] = (DeniedVariableClass.Shell, "changes what shells run"),
        ["configuration location"] = (DeniedVariableClass.ConfigurationLocation, "moves where programs read their configuration"),
        ["language runtimes"] = (DeniedVariableClass.Runtime, "makes a language runtime load code"),
        ["TLS and network"] = (DeniedVariableClass.Network, "changes which certificates are trusted or where traffic goes"),
        ["tool commands"] = (DeniedVariableClass.ToolCommand, "names a command that tools run"),
        ["SecVault's own"] = (DeniedVariableClass.SecVault, "is read by SecVault itself"),
    };

    /// <summary>The documented rows, read once for every case.</summary>
    private static readonly Lazy<Dictionary<string, List<string>>> Documented = new(ReadDocumented);

    public static TheoryData<string> DocumentedPatterns()
    {
        var data = new TheoryData<string>();
        foreach (var (_, patterns) in Documented.Value)
        {
            foreach (var pattern in patterns)
            {
                data.Add(pattern);
            }
        }

        return data;
    }

    [Fact]
    public void The_documentation_lists_every_class_and_a_pattern_for_each()
    {
        var documented = Documented.Value;

        Assert.Equal(Rows.Keys.Order(StringComparer.Ordinal), documented.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(80, documented.Values.Sum(p => p.Count));
    }

    [Theory]
    [MemberData(nameof(DocumentedPatterns))]
    public void Every_documented_pattern_is_refused_with_its_class_and_reason(string pattern)
    {
        var row = Documented.Value.Single(r => r.Value.Contains(pattern)).Key;
        var (expectedClass, reason) = Rows[row];
        // A pattern ending in * refuses every name it starts; an exact one refuses itself in any case.
        var names = pattern.EndsWith('*')
            ? new[] { pattern[..^1] + "X", pattern[..^1].ToLowerInvariant() + "anything" }
            : [pattern, pattern.ToLowerInvariant()];

        foreach (var name in names)
        {
            var denied = ExportDenylist.Find(name);

            Assert.Equal(new DeniedVariable(pattern, expectedClass), denied);
            Assert.Equal($"{reason} ({pattern})", denied!.Reason);
        }
    }

    [Theory]
    [InlineData("HOMEPAGE")]
    [InlineData("PATHNAME")]
    [InlineData("ENVIRONMENT")]
    [InlineData("EDITOR_FONT")]
    [InlineData("TMPDIRS")]
    [InlineData("MI_HOME_URL")]
    [InlineData("PS10")]
    public void A_name_that_only_starts_with_an_exact_entry_is_not_refused(string name)
    {
        Assert.Null(ExportDenylist.Find(name));
    }

    [Theory]
    [InlineData("LANG")]
    [InlineData("LC_ALL")]
    [InlineData("TZ")]
    [InlineData("TERM")]
    [InlineData("USER")]
    [InlineData("LOGNAME")]
    [InlineData("JAVA_MEM_OPTS")]
    [InlineData("db_password")]
    [InlineData("L")]
    public void Names_left_out_on_purpose_are_not_refused(string name)
    {
        Assert.Null(ExportDenylist.Find(name));
    }

    [Fact]
    public void The_keystore_password_variables_are_withheld_from_the_child()
    {
        Assert.Equal(["MI_KEYSTORE_PASSWORD", "MI_KEY_PASSWORD"], ExportDenylist.Withheld);
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("_", true)]
    [InlineData("Z_9", true)]
    [InlineData("", false)]
    [InlineData("9a", false)]
    [InlineData("a-b", false)]
    [InlineData("a b", false)]
    [InlineData("é", false)]
    public void IsPortableName_accepts_only_a_letter_or_underscore_then_letters_digits_and_underscores(string name, bool portable)
    {
        Assert.Equal(portable, ExportDenylist.IsPortableName(name));
    }

    [Fact]
    public void Find_and_IsPortableName_refuse_a_null_name()
    {
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => ExportDenylist.Find(null!)).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => ExportDenylist.IsPortableName(null!)).ParamName);
    }

    /// <summary>
    /// The backquoted names of each "| — class | names | why |" row of docs/decisions.md; a parenthesised
    /// "(with `BASH_ENV` …)" remark names examples of the pattern before it, not patterns. <c>PS1</c>–<c>PS4</c> is a range.
    /// </summary>
    private static Dictionary<string, List<string>> ReadDocumented()
    {
        var rows = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(Repo.Root, "docs", "decisions.md")))
        {
            var row = RowPattern().Match(line);
            if (!row.Success)
            {
                continue;
            }

            var names = WithRemark().Replace(row.Groups["names"].Value, string.Empty).Replace("`PS1`–`PS4`", "`PS1`, `PS2`, `PS3`, `PS4`", StringComparison.Ordinal);
            rows[row.Groups["class"].Value] = [.. Backquoted().Matches(names).Select(m => m.Groups[1].Value)];
        }

        return rows;
    }

    [GeneratedRegex(@"^\| — (?<class>[^|]+?) \| (?<names>[^|]+) \|")]
    private static partial Regex RowPattern();

    [GeneratedRegex(@"\(with [^)]*\)")]
    private static partial Regex WithRemark();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backquoted();
}
