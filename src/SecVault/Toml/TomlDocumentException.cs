namespace SecVault.Toml;

/// <summary>A deployment.toml could not be read; the message is <c>path:line:column: what</c> and never holds a value.</summary>
internal sealed class TomlDocumentException : SecVaultException
{
    internal TomlDocumentException(TomlErrorKind kind, string path, int line, int column, string what, string? alias = null, string? hint = null)
        : base(line > 0 ? TomlText.Position(path, line, column, what) : what, hint)
    {
        Kind = kind;
        Path = path;
        Line = line;
        Column = column;
        Alias = alias;
    }

    /// <summary>The kind of failure.</summary>
    public TomlErrorKind Kind { get; }

    /// <summary>The display path of the file, as given by the caller.</summary>
    public string Path { get; }

    /// <summary>The 1-based line of the problem, or 0 when it concerns the whole file.</summary>
    public int Line { get; }

    /// <summary>The 1-based column (in Unicode scalar values) of the problem, or 0 when it concerns the whole file.</summary>
    public int Column { get; }

    /// <summary>The [secrets] alias concerned, or null.</summary>
    public string? Alias { get; }
}
