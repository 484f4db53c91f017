using System.Globalization;

namespace SecVault.Toml;

/// <summary>One scalar value of a document with its path, type and position.</summary>
internal sealed class TomlLeaf
{
    internal TomlLeaf(IReadOnlyList<string> pathSegments, bool inSecrets, TomlValueKind kind, object value, int line, int column, TomlSpan literalSpan)
    {
        PathSegments = pathSegments;
        InSecrets = inSecrets;
        Kind = kind;
        Value = value;
        Line = line;
        Column = column;
        LiteralSpan = literalSpan;
    }

    /// <summary>Table names, keys and array indices ("0", "1", ...) leading to the value; <c>[[datasource]] id</c> gives datasource, 0, id.</summary>
    public IReadOnlyList<string> PathSegments { get; }

    /// <summary>True when the value is inside the [secrets] table.</summary>
    public bool InSecrets { get; }

    /// <summary>The TOML type of the value.</summary>
    public TomlValueKind Kind { get; }

    /// <summary>The value: string, long, double or bool; date-times as their RFC 3339 source text.</summary>
    public object Value { get; }

    /// <summary>The decoded string when <see cref="Kind"/> is String, else null.</summary>
    public string? StringValue => Value as string is { } s && Kind == TomlValueKind.String ? s : null;

    /// <summary>The 1-based line of the value.</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the value.</summary>
    public int Column { get; }

    /// <summary>The value's literal in the decoded text; replaceable through <see cref="DeploymentToml.Rewrite"/> when a string.</summary>
    public TomlSpan LiteralSpan { get; }

    /// <summary>The IConfiguration key: the path segments joined by ':' (<c>keystore:tls:password</c>, <c>ports:0</c>).</summary>
    public string ConfigurationKey => string.Join(':', PathSegments);

    /// <summary>The path segments joined by '.'.</summary>
    public string DottedPath => string.Join('.', PathSegments);

    /// <summary>The value as an IConfiguration string: invariant numbers, true/false, date-times as in the source.</summary>
    public string ConfigurationValue => Value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d when double.IsNaN(d) => "nan",
        double d when double.IsPositiveInfinity(d) => "inf",
        double d when double.IsNegativeInfinity(d) => "-inf",
        double d => d.ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(Value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    /// <inheritdoc/>
    public override string ToString() => $"{DottedPath} ({Kind}) at {Line}:{Column}";
}
