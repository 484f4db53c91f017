namespace SecVault.Properties;

/// <summary>A .properties file cannot be read; names the file and line, never a value.</summary>
public sealed class PropertiesFormatException : SecVaultException
{
    internal PropertiesFormatException(PropertiesErrorKind kind, string path, int line, string message)
        : base(message)
    {
        Kind = kind;
        Path = path;
        Line = line;
    }

    /// <summary>What is wrong.</summary>
    public PropertiesErrorKind Kind { get; }

    /// <summary>The file as it was named to the reader.</summary>
    public string Path { get; }

    /// <summary>The 1-based line of the problem.</summary>
    public int Line { get; }
}
