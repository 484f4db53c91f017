namespace SecVault.Toml;

/// <summary>One entry of the [secrets] table, however it is written.</summary>
public sealed class SecretEntry
{
    internal SecretEntry(string alias, bool isDotted, SecretClass secretClass, string? value, string valueKind, int line, int column, TomlSpan literalSpan)
    {
        Alias = alias;
        IsDotted = isDotted;
        Class = secretClass;
        Value = value;
        ValueKind = valueKind;
        Line = line;
        Column = column;
        LiteralSpan = literalSpan;
    }

    /// <summary>The alias: the key below [secrets], its parts joined by '.' when dotted, quoted keys unquoted.</summary>
    public string Alias { get; }

    /// <summary>True when the alias has more than one part (dotted key or sub-table), which upstream MI cannot render.</summary>
    public bool IsDotted { get; }

    /// <summary>The class of the value (first matching row of ciphertool -Dconfigure step 3).</summary>
    public SecretClass Class { get; }

    /// <summary>The decoded string value, or null when the value is not a string.</summary>
    public string? Value { get; }

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
