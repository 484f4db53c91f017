namespace SecVault.CipherTool;

/// <summary>What a <c>ciphertool</c> run does.</summary>
internal enum CipherToolMode
{
    /// <summary>Encrypt one value and print it.</summary>
    SingleValue,

    /// <summary><c>-Dconfigure</c>.</summary>
    Configure,

    /// <summary><c>-Dchange</c>.</summary>
    Change,

    /// <summary><c>-Drotate -Dold.alias=A</c>.</summary>
    Rotate,

    /// <summary><c>-help</c>.</summary>
    Help,

    /// <summary><c>--version</c>.</summary>
    Version,
}
