namespace SecVault.Properties;

/// <summary>What is wrong with a .properties file.</summary>
public enum PropertiesErrorKind
{
    /// <summary>A <c>\u</c> escape not followed by four hexadecimal digits.</summary>
    MalformedUnicodeEscape,

    /// <summary>Bytes that are not valid UTF-8 (UTF-8 input only).</summary>
    InvalidUtf8,

    /// <summary>A line longer than the allowed number of bytes.</summary>
    LineTooLong,
}
