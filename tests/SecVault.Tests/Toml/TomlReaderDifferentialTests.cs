using System.Globalization;
using System.Text;
using CsCheck;
using SecVault.Testing;
using SecVault.Tests.Fuzzing;
using SecVault.Toml;
using Tomlyn.Syntax;
using Xunit.Abstractions;

namespace SecVault.Tests.Toml;

/// <summary>
/// SecVault's own TOML reader against an independent one: Tomlyn (the library SecVault used before) must accept and
/// refuse the same small documents and read the same values from them.
/// </summary>
public sealed partial class TomlReaderDifferentialTests(ITestOutputHelper output)
{
    private static readonly string[] Tokens =
    [
        "\n", "\r\n", " ", "\t", "=", " = ", ".", ",", "[", "]", "[[", "]]", "{", "}", "#", "# c\n", "a", "b", "c", "_", "-", "1", "0",
        "\"", "'", "\"\"\"", "'''", "\\", "\\n", "\\u00E9", "\\U0001F600", "\\x", "é", "\"k\"", "'k'",
        "a = 1\n", "b = \"s\"\n", "c = 'l'\n", "[t]\n", "[t.u]\n", "[[arr]]\n", "a.b = 2\n", "t.x = 3\n", "x = { y = 1, z = [2] }\n",
        "[a]\n", "[a.b]\n", "[[a.c]]\n", "d = [1, [2, 3], { e = 4 }]\n", "f = \"\"\"\nml\\\n  x\"\"\"\n", "g = '''\nlit'''\n",
        "0x1F", "0o17", "0b101", "1_000", "+1", "-0", "1.5", "1e3", "-2.5E-2", "inf", "-nan", "true", "false", "01", "1__0", "_1",
        "1979-05-27", "1979-05-27T07:32:00Z", "1979-05-27 07:32:00.5+01:00", "07:32:00", "1979-02-30", "24:00:00",
    ];

    private static readonly Gen<string> Soup = Gen.Int[0, Tokens.Length - 1].Array[1, 14].Select(picks => string.Concat(picks.Select(i => Tokens[i])));

    [Fact]
    public void Token_soup_is_accepted_and_read_exactly_as_tomlyn_reads_it()
    {
        var accepted = CountAgreeing(Soup, iter: 20_000);

        // About 900 of 20,000 are valid TOML (measured); far fewer would test little but the error path.
        Assert.True(accepted > 500, $"only {accepted} documents were valid; the soup tests little but the error path");
    }

    [Fact]
    public void Mutated_corpus_files_are_accepted_and_read_exactly_as_tomlyn_reads_them()
    {
        var texts = FuzzInputs.MutatedSeeds("toml", Tokens)
            .Where(bytes => System.Text.Unicode.Utf8.IsValid(bytes) && !bytes.AsSpan().StartsWith("\uFEFF"u8))
            .Select(bytes => Encoding.UTF8.GetString(bytes));
        var accepted = CountAgreeing(texts, iter: 4000);

        // About 350 of 4,000 stay valid (measured).
        Assert.True(accepted > 250, $"only {accepted} mutated files were valid");
    }

    [Theory]
    [InlineData("[a]\nc = 'l'\nx = 1\n[[a.c]]\n")]
    [InlineData("[a]\nc = 'l'\n1.5x = { y = 1, z = [2] }\n[[a.c]]\n#1979-02-30")] // found by the token soup
    public void A_table_array_over_a_value_that_tomlyn_accepts_is_refused_by_secvault_and_by_tomllib(string text)
    {
        Assert.Equal((null, true), (ReadMine(text), TomllibRefuses(text)));
        Assert.NotNull(ReadTomlyn(text));
    }

    /// <summary>Compares both readers on <paramref name="iter"/> documents (those in TOML 1.0); fails on any disagreement, else returns how many both accepted.</summary>
    private int CountAgreeing(Gen<string> documents, long iter)
    {
        var accepted = 0;
        var settled = 0;
        var disagreements = new List<string>();
        documents.Where(TomlynFollowsToml10).Sample(text =>
        {
            var mine = ReadMine(text);
            var theirs = ReadTomlyn(text);
            if (mine is null && theirs is not null && TomllibRefuses(text))
            {
                // Tomlyn accepts some documents TOML 1.0 forbids ("[a]\nc = 'l'\nx = 1\n[[a.c]]" redefines a.c);
                // a third reader, Python's tomllib, settles a refusal.
                Interlocked.Increment(ref settled);
            }
            else if (!Equals(mine, theirs))
            {
                lock (disagreements)
                {
                    disagreements.Add($"{FuzzInputs.Print(Encoding.UTF8.GetBytes(text))}: SecVault {Describe(mine)}, Tomlyn {Describe(theirs)}");
                }
            }
            else if (mine is not null)
            {
                Interlocked.Increment(ref accepted);
            }
        }, iter: iter, threads: 1);

        output.WriteLine($"{accepted} of {iter} accepted by both; {settled} refused by SecVault and tomllib, accepted by Tomlyn");
        Assert.True(disagreements.Count == 0, string.Join('\n', disagreements.Take(20)));
        return accepted;
    }

    /// <summary>Leaves other than date-times as "path=value", sorted; null when the document is refused.</summary>
    private static List<string>? ReadMine(string text)
    {
        try
        {
            var document = DeploymentToml.Parse(Encoding.UTF8.GetBytes(text), "t.toml");
            return [.. document.Leaves.Select(l => l.ConfigurationKey + "=" + (l.Kind >= TomlValueKind.OffsetDateTime ? "date" : Canonical(l.Value))).Order(StringComparer.Ordinal)];
        }
        catch (TomlDocumentException)
        {
            return null;
        }
    }

    /// <summary>True when Python's tomllib (TOML 1.0) refuses <paramref name="text"/>; false when it reads it or cannot run.</summary>
    private static bool TomllibRefuses(string text)
    {
        const string Script = "import sys, tomllib\ntry:\n    tomllib.loads(sys.stdin.buffer.read().decode('utf-8'))\nexcept tomllib.TOMLDecodeError:\n    sys.exit(3)";
        var result = ToolProcess.RunProgram("python3", ["-c", Script], Path.GetTempPath(), text, null);
        return result.Exit == 3;
    }

    private static List<string>? ReadTomlyn(string text)
    {
        try
        {
            var syntax = Tomlyn.Parsing.SyntaxParser.Parse(text, "t.toml", validate: true);
            if (syntax.HasErrors)
            {
                return null;
            }

            // Values are read from Tomlyn's syntax tree: its TomlTable model drops the first element of an array of
            // tables when [[a.b]] follows another array's header ([[a]] x=1 [[c]] [[a.b]] loses a[0].x).
            var leaves = new List<string>();
            new SyntaxLeaves(leaves).Walk(syntax);
            return [.. leaves.Order(StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is Tomlyn.TomlException or ArgumentException)
        {
            // Tomlyn 2.10 validates a surrogate escape (\uD800) and then throws ArgumentOutOfRangeException reading it.
            return null;
        }
    }

    /// <summary>The leaves of a Tomlyn syntax tree as "path=value", array-of-table elements numbered per TOML's rules.</summary>
    private sealed class SyntaxLeaves(List<string> leaves)
    {
        private readonly Dictionary<string, int> _arrayCounts = new(StringComparer.Ordinal);

        internal void Walk(DocumentSyntax document)
        {
            WalkKeyValues(document.KeyValues, []);
            foreach (var table in document.Tables)
            {
                WalkKeyValues(table.Items, ResolveHeader(Segments(table.Name), table is TableArraySyntax));
            }
        }

        private void WalkKeyValues(SyntaxList<KeyValueSyntax> items, List<string> table)
        {
            foreach (var keyValue in items)
            {
                WalkValue(keyValue.Value!, [.. table, .. Segments(keyValue.Key)]);
            }
        }

        private void WalkValue(ValueSyntax value, List<string> path)
        {
            switch (value)
            {
                case InlineTableSyntax inline:
                    foreach (var item in inline.Items)
                    {
                        WalkValue(item.KeyValue!.Value!, [.. path, .. Segments(item.KeyValue.Key)]);
                    }

                    break;
                case ArraySyntax array:
                    var index = 0;
                    foreach (var item in array.Items)
                    {
                        WalkValue(item.Value!, [.. path, (index++).ToString(CultureInfo.InvariantCulture)]);
                    }

                    break;
                default:
                    leaves.Add(string.Join(':', path) + "=" + value switch
                    {
                        StringValueSyntax s => Canonical(s.Value ?? string.Empty),
                        IntegerValueSyntax i => Canonical(i.Value),
                        FloatValueSyntax f => Canonical(f.Value),
                        BooleanValueSyntax b => Canonical(b.Value),
                        _ => "date",
                    });
                    break;
            }
        }

        private List<string> ResolveHeader(List<string> segments, bool isTableArray)
        {
            var resolved = new List<string>();
            for (var i = 0; i < segments.Count; i++)
            {
                resolved.Add(segments[i]);
                var key = string.Join('\0', resolved);
                if (i == segments.Count - 1 && isTableArray)
                {
                    var count = _arrayCounts.GetValueOrDefault(key);
                    _arrayCounts[key] = count + 1;
                    resolved.Add(count.ToString(CultureInfo.InvariantCulture));
                }
                else if (_arrayCounts.TryGetValue(key, out var count))
                {
                    resolved.Add((count - 1).ToString(CultureInfo.InvariantCulture));
                }
            }

            return resolved;
        }

        private static List<string> Segments(KeySyntax? key) =>
            key is null ? [] : [Text(key.Key), .. key.DotKeys.Select(d => Text(d.Key))];

        private static string Text(BareKeyOrStringValueSyntax? key) => key switch
        {
            BareKeySyntax bare => bare.Key?.Text ?? string.Empty,
            StringValueSyntax quoted => quoted.Value ?? string.Empty,
            _ => string.Empty,
        };
    }

    private static string Canonical(object value) => value switch
    {
        string s => "s:" + s,
        long l => "i:" + l.ToString(CultureInfo.InvariantCulture),
        double d => "f:" + d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "b:true" : "b:false",
        _ => "date",
    };

    /// <summary>False for text using what TOML 1.1 added and Tomlyn 2.10 accepts (\e, \x escapes, newlines or a trailing comma in an inline table, times without seconds), or where Tomlyn slips.</summary>
    private static bool TomlynFollowsToml10(string text) =>
        !text.Contains("\\x", StringComparison.Ordinal) && !text.Contains("\\e", StringComparison.Ordinal) && !TimeWithoutSeconds().IsMatch(text)
        && !InlineTableOverLines().IsMatch(text);

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![0-9:])[0-9]{2}:[0-9]{2}(?!:)")]
    private static partial System.Text.RegularExpressions.Regex TimeWithoutSeconds();

    // Also a trailing comma before '}', and (a Tomlyn slip, not 1.1) a line-ending backslash in a one-line string.
    [System.Text.RegularExpressions.GeneratedRegex(@"\{[^}]*[\r\n]|,\s*\}|\\[ \t]*[\r\n]")]
    private static partial System.Text.RegularExpressions.Regex InlineTableOverLines();

    private static bool Equals(List<string>? a, List<string>? b) => a is null ? b is null : b is not null && a.SequenceEqual(b, StringComparer.Ordinal);

    private static string Describe(List<string>? leaves) => leaves is null ? "refuses" : $"reads [{string.Join(", ", leaves)}]";
}
