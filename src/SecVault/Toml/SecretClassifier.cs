namespace SecVault.Toml;

/// <summary>The classification rules of ciphertool -Dconfigure step 3.</summary>
internal static class SecretClassifier
{
    internal static SecretClass Classify(string? value)
    {
        if (value is null)
        {
            return SecretClass.Invalid;
        }

        if (value.Contains("$env{", StringComparison.Ordinal) || value.Contains("$sys{", StringComparison.Ordinal))
        {
            return SecretClass.Dynamic;
        }

        return PlainTextOf(value) is not null ? SecretClass.Plain : SecretClass.Encrypted;
    }

    /// <summary>The non-empty text between the first '[' and the last ']', or null.</summary>
    internal static string? PlainTextOf(string value)
    {
        var open = value.IndexOf('[', StringComparison.Ordinal);
        var close = value.LastIndexOf(']');
        return open >= 0 && close > open + 1 ? value[(open + 1)..close] : null;
    }
}
