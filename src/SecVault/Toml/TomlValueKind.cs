using System.Diagnostics.CodeAnalysis;

namespace SecVault.Toml;

/// <summary>The TOML type of a scalar leaf.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The members are the TOML type names.")]
internal enum TomlValueKind : byte
{
    /// <summary>A string of any quoting.</summary>
    String,

    /// <summary>An integer (decimal, hex, octal or binary).</summary>
    Integer,

    /// <summary>A float, including inf and nan.</summary>
    Float,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>An offset date-time.</summary>
    OffsetDateTime,

    /// <summary>A local date-time.</summary>
    LocalDateTime,

    /// <summary>A local date.</summary>
    LocalDate,

    /// <summary>A local time.</summary>
    LocalTime,
}
