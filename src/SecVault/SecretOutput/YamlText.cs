using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SecVault.SecretOutput;

/// <summary>
/// Writing small YAML documents with YamlDotNet's low-level emitter (no reflection, AOT-safe): two-space
/// indent, LF, no line folding, and plain scalars unless a YAML 1.1 or 1.2 reader would read them differently.
/// </summary>
internal static partial class YamlText
{
    /// <summary>An emitter writing to <paramref name="writer"/> with the house layout.</summary>
    public static Emitter CreateEmitter(TextWriter writer) =>
        new(writer, new EmitterSettings().WithBestIndent(2).WithBestWidth(int.MaxValue).WithNewLine("\n"));

    /// <summary>Starts the stream, an implicit document (no <c>---</c>) and an optional leading comment.</summary>
    public static void BeginDocument(IEmitter emitter, string? comment = null)
    {
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        if (comment is not null)
        {
            emitter.Emit(new Comment(comment, isInline: false));
        }
    }

    /// <summary>Ends the implicit document (no <c>...</c>) and the stream.</summary>
    public static void EndDocument(IEmitter emitter)
    {
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
    }

    /// <summary>Starts a block mapping.</summary>
    public static void BeginMapping(IEmitter emitter) =>
        emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, isImplicit: true, MappingStyle.Block));

    /// <summary>Ends a mapping.</summary>
    public static void EndMapping(IEmitter emitter) => emitter.Emit(new MappingEnd());

    /// <summary>A scalar: plain when safe, otherwise double-quoted.</summary>
    public static void Scalar(IEmitter emitter, string value) =>
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value, NeedsQuotes(value) ? ScalarStyle.DoubleQuoted : ScalarStyle.Plain, true, true));

    /// <summary>A plain scalar meant as a number or other non-string (such as <c>formatVersion: 1</c>).</summary>
    public static void PlainScalar(IEmitter emitter, string value) =>
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value, ScalarStyle.Plain, true, false));

    /// <summary>A literal block scalar (<c>|</c>); the value should end with one line break.</summary>
    public static void Literal(IEmitter emitter, string value) =>
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value, ScalarStyle.Literal, true, true));

    /// <summary>
    /// True when a plain scalar would not be read back as this same string by a YAML 1.1 or 1.2 reader:
    /// empty, blank-edged, holding a control character or a structural sequence, starting with an indicator,
    /// or matching a boolean, null, number, timestamp, merge or value form.
    /// </summary>
    public static bool NeedsQuotes(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0 || char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            return true;
        }

        foreach (var c in value)
        {
            if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u0085' or '\u2028' or '\u2029' or '\uFEFF')
            {
                return true;
            }
        }

        var first = value[0];
        if (",[]{}#&*!|>'\"%@`".Contains(first, StringComparison.Ordinal))
        {
            return true;
        }

        if (first is '-' or '?' or ':' && (value.Length == 1 || char.IsWhiteSpace(value[1])))
        {
            return true;
        }

        return value.EndsWith(':')
            || value.Contains(": ", StringComparison.Ordinal)
            || value.Contains(" #", StringComparison.Ordinal)
            || AmbiguousPlainScalar().IsMatch(value);
    }

    // Union of the YAML 1.1 type repository (bool, null, int, float, timestamp, merge, value) and the
    // YAML 1.2 core schema; a plain scalar matching any of them would not load as a string everywhere.
    [GeneratedRegex(
        """
        ^(?:
          y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF
        | ~|null|Null|NULL
        | [-+]?0b[01_]+
        | [-+]?0o?[0-7_]+
        | [-+]?(?:0|[1-9][0-9_]*)
        | [-+]?0x[0-9a-fA-F_]+
        | [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?
        | [-+]?(?:[0-9][0-9_]*)?\.[0-9._]*(?:[eE][-+]?[0-9]+)?
        | [-+]?[0-9][0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+
        | [-+]?\.(?:inf|Inf|INF)
        | \.(?:nan|NaN|NAN)
        | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt\s].*)?
        | <<
        | =
        )\z
        """,
        RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex AmbiguousPlainScalar();
}
