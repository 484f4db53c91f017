using SecVault.IO;
using SecVault.Properties;

namespace SecVault.SecretOutput;

/// <summary>Reads <c>mi secret create</c> input that is not typed at a terminal: piped line pairs and bulk .properties files.</summary>
public static class SecretInputReader
{
    /// <summary>The source name of piped input in messages.</summary>
    public const string StandardInput = "standard input";

    /// <summary>
    /// Pairs of lines, alias then secret, until the end of <paramref name="text"/>; LF or CRLF ends a line (a final
    /// line break is optional). Empty input, a missing secret line, or an empty alias or secret is an error naming the line.
    /// </summary>
    public static IReadOnlyList<SecretInputEntry> ReadLinePairs(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = SplitLines(text);
        if (lines.Count == 0)
        {
            throw new SecretInputException(SecretInputErrorKind.NoEntries, SecretOutputText.CreatePipedEmpty, StandardInput);
        }

        var entries = new List<SecretInputEntry>(lines.Count / 2);
        for (var i = 0; i < lines.Count; i += 2)
        {
            var aliasLine = i + 1;
            var alias = lines[i].Trim();
            if (alias.Length == 0)
            {
                throw new SecretInputException(SecretInputErrorKind.EmptyAlias, SecretOutputText.CreateEmptyAliasAt(StandardInput, aliasLine), StandardInput, aliasLine);
            }

            if (i + 1 >= lines.Count)
            {
                throw new SecretInputException(
                    SecretInputErrorKind.MissingSecretLine, SecretOutputText.CreateMissingSecretLine(StandardInput, aliasLine, alias), StandardInput, aliasLine, alias);
            }

            if (lines[i + 1].Length == 0)
            {
                throw new SecretInputException(
                    SecretInputErrorKind.EmptySecret, SecretOutputText.CreateEmptySecretAt(StandardInput, aliasLine + 1, alias), StandardInput, aliasLine + 1, alias);
            }

            entries.Add(new SecretInputEntry(lines[i], lines[i + 1], aliasLine));
        }

        return entries;
    }

    /// <summary>
    /// A UTF-8 .properties file (Java <c>Properties.load</c> syntax), alias = key, secret = value, in file order with
    /// repeats kept. No entries, or an empty value, is an error naming the alias and line.
    /// </summary>
    internal static IReadOnlyList<SecretInputEntry> ReadProperties(Stream stream, string displayPath)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(displayPath);
        var properties = PropertiesReader.ReadUtf8(stream, displayPath);
        if (properties.Count == 0)
        {
            throw new SecretInputException(SecretInputErrorKind.NoEntries, SecretOutputText.CreateFileHasNoEntries(displayPath), displayPath);
        }

        var entries = new List<SecretInputEntry>(properties.Count);
        foreach (var property in properties)
        {
            if (property.Key.Trim().Length == 0)
            {
                throw new SecretInputException(SecretInputErrorKind.EmptyAlias, SecretOutputText.CreateEmptyAliasAt(displayPath, property.Line), displayPath, property.Line);
            }

            if (property.Value.Length == 0)
            {
                throw new SecretInputException(
                    SecretInputErrorKind.EmptySecret, SecretOutputText.CreateEmptySecretAt(displayPath, property.Line, property.Key.Trim()), displayPath, property.Line, property.Key.Trim());
            }

            entries.Add(new SecretInputEntry(property.Key, property.Value, property.Line));
        }

        return entries;
    }

    /// <summary>Reads a bulk file from disk; a missing or unreadable file is <see cref="SecretInputErrorKind.Unreadable"/>.</summary>
    public static IReadOnlyList<SecretInputEntry> ReadPropertiesFile(string path, string displayPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(displayPath);
        FileStream stream;
        try
        {
            stream = SecureFile.OpenRead(path).ToStream();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SecretInputException(SecretInputErrorKind.Unreadable, SecretOutputText.CreateFileUnreadable(displayPath, ex.Message), displayPath, innerException: ex);
        }

        using (stream)
        {
            try
            {
                return ReadProperties(stream, displayPath);
            }
            catch (IOException ex)
            {
                throw new SecretInputException(SecretInputErrorKind.Unreadable, SecretOutputText.CreateFileUnreadable(displayPath, ex.Message), displayPath, innerException: ex);
            }
        }
    }

    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            var line = end < 0 ? text[start..] : text[start..end];
            lines.Add(line.EndsWith('\r') ? line[..^1] : line);
            if (end < 0)
            {
                break;
            }

            start = end + 1;
        }

        return lines;
    }
}
