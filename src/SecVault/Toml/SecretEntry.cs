namespace SecVault.Toml;

/// <summary>One entry of the [secrets] table, however it is written.</summary>
/// <remarks>Made on demand from the document's index; the value is decoded from the file when first asked for.</remarks>
internal sealed class SecretEntry
{
    private readonly byte[]? _source;
    private string? _value;
    private SecretClass? _class;

    internal SecretEntry(string alias, bool isDotted, string valueKind, int line, int column, TomlSpan literalSpan, byte[]? stringSource)
    {
        Alias = alias;
        IsDotted = isDotted;
        ValueKind = valueKind;
        Line = line;
        Column = column;
        LiteralSpan = literalSpan;
        _source = stringSource;
    }

    /// <summary>The alias: the key below [secrets], its parts joined by '.' when dotted, quoted keys unquoted.</summary>
    public string Alias { get; }

    /// <summary>True when the alias has more than one part (dotted key or sub-table), which upstream MI cannot render.</summary>
    public bool IsDotted { get; }

    /// <summary>
    /// What upstream MI loses of the alias when it renders cipher-text.properties as "alias=value" lines and loads them
    /// with java.util.Properties (ISO-8859-1): null when nothing; empty for an empty alias; else the first offending
    /// character (whitespace or a control, '=', ':', '\\', a leading '#' or '!', or one outside printable ASCII).
    /// </summary>
    public string? PropertiesKeyFlaw => FlawAsPropertiesKey(Alias);

    private static string? FlawAsPropertiesKey(string alias)
    {
        if (alias.Length == 0)
        {
            return string.Empty;
        }

        if (alias[0] is '#' or '!')
        {
            return alias[..1];
        }

        foreach (var rune in alias.EnumerateRunes())
        {
            if (rune.Value is < 0x21 or > 0x7E or '=' or ':' or '\\')
            {
                return rune.ToString();
            }
        }

        return null;
    }

    /// <summary>The class of the value (first matching row of ciphertool -Dconfigure step 3).</summary>
    public SecretClass Class => _class ??= SecretClassifier.Classify(Value);

    /// <summary>The decoded string value, or null when the value is not a string.</summary>
    public string? Value => _source is null ? null : _value ??= TomlSource.DecodeString(_source, LiteralSpan.Start, LiteralSpan.Length);

    /// <summary>The text between the first '[' and the last ']' for a plain-text marker, else null.</summary>
    public string? PlainText => Class == SecretClass.Plain ? SecretClassifier.PlainTextOf(Value!) : null;

    /// <summary>The TOML type of the value for messages: "string", "integer", "array", ...</summary>
    public string ValueKind { get; }

    /// <summary>The 1-based line of the value.</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the value.</summary>
    public int Column { get; }

    /// <summary>The value's literal in the decoded text; replaceable through <see cref="DeploymentToml.Rewrite"/> when it is a string.</summary>
    public TomlSpan LiteralSpan { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Alias} ({Class}) at {Line}:{Column}";
}
