using System.CommandLine.Parsing;
using System.CommandLine;

namespace SecVault.Cli;

/// <summary>
/// The upstream option spellings on top of System.CommandLine. Its tokenizer already reads <c>-x V</c>,
/// <c>-x=V</c>, <c>-xV</c>, <c>--long V</c>, <c>--long=V</c> and <c>-DNAME=VALUE</c> (as <c>-D</c> + <c>NAME=VALUE</c>);
/// what it lacks is added here: no <c>@file</c> response files, and an option-like word landing in a
/// positional argument is an unknown option rather than a value.
/// </summary>
internal static class CliSyntax
{
    /// <summary>Parser settings: response files off, since <c>@</c> may start a path or alias.</summary>
    public static ParserConfiguration ParserConfiguration { get; } = new() { ResponseFileTokenReplacer = null };

    /// <summary>
    /// A repeatable <c>-D NAME=VALUE</c> / <c>-DNAME=VALUE</c> option (a <c>$sys{}</c> property); read it with
    /// <see cref="GetSystemProperties"/>.
    /// </summary>
    public static Option<string[]> SystemPropertiesOption() => new("-D")
    {
        Description = "Set a $sys{} property, as -D NAME=VALUE or -DNAME=VALUE (repeatable)",
        HelpName = "NAME=VALUE",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>
    /// The arguments with each joined <c>-DNAME=VALUE</c> split into <c>-D</c> and <c>NAME=VALUE</c>, up to a <c>--</c>.
    /// Left joined, System.CommandLine reads <c>-Dk…</c> as <c>-D</c> bundled with the short option <c>-k</c>.
    /// </summary>
    public static IReadOnlyList<string> SplitSystemProperties(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var result = new List<string>(args.Count + 4);
        var split = true;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                split = false;
            }

            if (split && arg.Length > 2 && arg.StartsWith("-D", StringComparison.Ordinal) && arg[2] is not ('=' or ':'))
            {
                result.Add("-D");
                result.Add(arg[2..]);
            }
            else
            {
                result.Add(arg);
            }
        }

        return result;
    }

    /// <summary>
    /// The <c>-D</c> values as properties in the given order (a repeated name takes the last value). As the JVM reads
    /// it, <c>-DNAME</c> without <c>=</c> sets NAME to the empty string; an empty name is a usage error.
    /// </summary>
    public static IReadOnlyDictionary<string, string> GetSystemProperties(ParseResult parseResult, Option<string[]> option)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(option);
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        var position = 0;
        foreach (var item in parseResult.GetValue(option) ?? [])
        {
            position++;
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals == 0 || item.Length == 0)
            {
                throw new UsageException(MiText.CliBadSystemProperty(position));
            }

            if (equals < 0)
            {
                properties[item] = string.Empty;
                continue;
            }

            properties[item[..equals]] = item[(equals + 1)..];
        }

        return properties;
    }

    /// <summary>
    /// The first word that looks like an option (<c>-x</c>, <c>--xyz</c>) but was taken as a command's positional
    /// argument, or null. Words after <c>--</c> are arguments whatever they look like.
    /// </summary>
    public static string? FindUnknownOption(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var tokens = parseResult.Tokens;
        var doubleDash = -1;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Type == TokenType.DoubleDash)
            {
                doubleDash = i;
                break;
            }
        }

        for (SymbolResult? result = parseResult.CommandResult; result is not null; result = result.Parent)
        {
            if (result is not CommandResult command)
            {
                continue;
            }

            foreach (var argument in command.Children.OfType<ArgumentResult>())
            {
                foreach (var token in argument.Tokens)
                {
                    if (token.Value.Length > 1 && token.Value[0] == '-' && !AfterDoubleDash(tokens, doubleDash, token))
                    {
                        return token.Value;
                    }
                }
            }
        }

        return null;
    }

    private static bool AfterDoubleDash(IReadOnlyList<Token> tokens, int doubleDash, Token token)
    {
        if (doubleDash < 0)
        {
            return false;
        }

        for (var i = doubleDash + 1; i < tokens.Count; i++)
        {
            if (ReferenceEquals(tokens[i], token))
            {
                return true;
            }
        }

        return false;
    }
}
