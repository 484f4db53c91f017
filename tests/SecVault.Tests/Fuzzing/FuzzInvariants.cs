using System.Text;
using SecVault.Keystores;
using SecVault.Placeholders;
using SecVault.Properties;
using SecVault.Synapse;
using SecVault.Toml;

namespace SecVault.Tests.Fuzzing;

/// <summary>
/// The invariants every parser must keep for any input, shared by the SharpFuzz targets (fuzz/SecVault.Fuzz links this
/// file) and the CsCheck property tests. Each check returns normally, lets a documented SecVault exception end it
/// quietly, or throws: an unexpected library exception propagates as it is, a broken invariant is a
/// <see cref="FuzzInvariantException"/>.
/// </summary>
internal static class FuzzInvariants
{
    /// <summary>The store password tried on every keystore input (the vector keystores use it, so seeds load).</summary>
    internal const string KeystorePassword = "wso2carbon";

    /// <summary>A ciphertext with nothing a TOML string must escape and nothing the classifier takes for plain text.</summary>
    internal const string FixedCiphertext = "c2VjVmF1bHQtZnV6ei1jaXBoZXJ0ZXh0LTAxMjM0NTY3ODk=";

    /// <summary>The target names, as given to the fuzz executable.</summary>
    internal static readonly string[] Targets = ["toml", "placeholders", "properties", "synapse", "keystore"];

    /// <summary>
    /// Runs the named target's check on <paramref name="input"/>; true when the parser accepted the input and the deeper
    /// invariants ran (a rewrite, a round-trip, a lookup or placeholder found, a keystore loaded).
    /// </summary>
    internal static bool Check(string target, byte[] input) => target switch
    {
        "toml" => CheckToml(input),
        "placeholders" => CheckPlaceholders(Encoding.UTF8.GetString(input)),
        "properties" => CheckProperties(input),
        "synapse" => CheckSynapse(Encoding.UTF8.GetString(input)),
        "keystore" => CheckKeystore(input),
        _ => throw new ArgumentException($"unknown fuzz target '{target}'", nameof(target)),
    };

    /// <summary>
    /// Parse succeeds or throws <see cref="TomlDocumentException"/>; rewriting every [secrets] string literal with a fixed
    /// ciphertext changes only those literals' bytes, and the result parses again with those secrets Encrypted.
    /// </summary>
    internal static bool CheckToml(byte[] input)
    {
        DeploymentToml document;
        try
        {
            document = DeploymentToml.Parse(input, "fuzz.toml");
        }
        catch (TomlDocumentException)
        {
            return false;
        }

        _ = document.GetString("keystore.primary", "password");
        var strings = document.Secrets.Where(s => s.Value is not null).ToList();
        if (strings.Count == 0)
        {
            return false;
        }

        var output = document.Rewrite(strings.Select(s => new LiteralReplacement(s.LiteralSpan, FixedCiphertext, ReplacementStyle.KeepQuoting)));

        // Spans are byte offsets into the whole file; the leading byte-order marks are kept as they are.
        var bomLength = 0;
        while (input.AsSpan(bomLength).StartsWith("\uFEFF"u8))
        {
            bomLength += 3;
        }

        Require(document.HasByteOrderMark == bomLength > 0, "HasByteOrderMark is wrong");
        CheckOnlySpansChanged(input, bomLength, [.. strings.Select(s => s.LiteralSpan)], output);

        DeploymentToml reparsed;
        try
        {
            reparsed = DeploymentToml.Parse(output, "fuzz.toml");
        }
        catch (TomlDocumentException e)
        {
            throw new FuzzInvariantException($"the rewritten document no longer parses: {e.Kind} at {e.Line}:{e.Column}", e);
        }

        Require(reparsed.Secrets.Count == document.Secrets.Count, "the rewrite changed the number of secrets");
        for (var i = 0; i < document.Secrets.Count; i++)
        {
            var before = document.Secrets[i];
            var after = reparsed.Secrets[i];
            Require(before.Alias == after.Alias, $"secret {i} changed alias after the rewrite");
            if (before.Value is not null)
            {
                Require(after.Class == SecretClass.Encrypted && after.Value == FixedCiphertext, $"secret {i} is {after.Class} after the rewrite, not the ciphertext");
            }
            else
            {
                Require(after.Class == before.Class, $"untouched secret {i} changed class");
            }
        }

        return true;
    }

    /// <summary>Find never throws and returns ordered, in-bounds, exact spans; Substitute is identity with an identity resolver and never rescans.</summary>
    internal static bool CheckPlaceholders(string text)
    {
        var found = PlaceholderParser.Find(text);
        var previousEnd = 0;
        foreach (var p in found)
        {
            Require(p.Start >= previousEnd && p.Length > 0 && p.Start + p.Length <= text.Length, $"placeholder span {p.Start}+{p.Length} out of order or bounds");
            Require(string.CompareOrdinal(text, p.Start, p.Text, 0, p.Length) == 0 && p.Text.Length == p.Length, "placeholder Text differs from its span");
            previousEnd = p.Start + p.Length;
        }

        Require(PlaceholderParser.Substitute(text, p => text.Substring(p.Start, p.Length)) == text, "Substitute with the identity resolver changed the text");
        Require(PlaceholderParser.Substitute(text, _ => null) == text, "Substitute with a null resolver changed the text");

        // Values that are placeholders themselves must come out verbatim: one pass, no rescan.
        var expected = new StringBuilder();
        var copied = 0;
        foreach (var p in found)
        {
            expected.Append(text, copied, p.Start - copied).Append("$secret{").Append(p.Start).Append('}');
            copied = p.Start + p.Length;
        }

        expected.Append(text, copied, text.Length - copied);
        Require(PlaceholderParser.Substitute(text, p => $"$secret{{{p.Start}}}") == expected.ToString(), "Substitute rescanned or misplaced a value");
        _ = PlaceholderParser.ContainsDynamic(text);
        return found.Count > 0;
    }

    /// <summary>
    /// Both readers succeed or throw <see cref="PropertiesFormatException"/>; entries that WriteKeyValueLines can hold read
    /// back equal through ReadUtf8.
    /// </summary>
    internal static bool CheckProperties(byte[] input)
    {
        var accepted = false;
        foreach (var utf8 in new[] { true, false })
        {
            IReadOnlyList<PropertyEntry> entries;
            try
            {
                using var stream = new MemoryStream(input, writable: false);
                entries = utf8 ? PropertiesReader.ReadUtf8(stream, "fuzz.properties") : PropertiesReader.ReadIso88591(stream, "fuzz.properties");
            }
            catch (PropertiesFormatException)
            {
                continue;
            }

            var writable = entries.Where(e => IsWritableVerbatim(e.Value) && IsValidUtf16(e.Key)).ToList();
            var bytes = PropertiesWriter.WriteKeyValueLines(writable.Select(e => KeyValuePair.Create(e.Key, e.Value)));
            using var written = new MemoryStream(bytes, writable: false);
            var readBack = PropertiesReader.ReadUtf8(written, "written.properties");
            Require(readBack.Count == writable.Count, $"WriteKeyValueLines wrote {writable.Count} entries, {readBack.Count} read back");
            for (var i = 0; i < writable.Count; i++)
            {
                Require(readBack[i].Key == writable[i].Key, $"entry {i} key did not round-trip");
                Require(readBack[i].Value == writable[i].Value, $"entry {i} value did not round-trip");
            }

            accepted |= writable.Count > 0;
        }

        return accepted;
    }

    /// <summary>Scan never throws and every lookup and problem lies within the text; Find returns or throws <see cref="SynapseLookupException"/>.</summary>
    internal static bool CheckSynapse(string xml)
    {
        var scan = VaultLookupParser.Scan(xml);
        foreach (var lookup in scan.Lookups)
        {
            Require(lookup.Start >= 0 && lookup.Length > 0 && lookup.Start + lookup.Length <= xml.Length, $"lookup span {lookup.Start}+{lookup.Length} outside the text");
            Require(lookup.Line >= 1 && lookup.Column >= 1, "lookup line or column below 1");
            Require(lookup.ArgumentCount is >= 1 and <= 3, $"lookup with {lookup.ArgumentCount} arguments");
            _ = lookup.LookupType;
            _ = lookup.IsEncrypted;
        }

        foreach (var problem in scan.Problems)
        {
            Require(problem.Start >= 0 && problem.Start <= xml.Length, $"problem at {problem.Start} outside the text");
            Require(problem.Line >= 1 && problem.Column >= 1, "problem line or column below 1");
        }

        try
        {
            var found = VaultLookupParser.Find(xml, "fuzz.xml");
            Require(scan.Problems.Count == 0 && found.Count == scan.Lookups.Count, "Find disagrees with Scan");
        }
        catch (SynapseLookupException)
        {
            Require(scan.Problems.Count > 0, "Find threw although Scan found no problem");
        }

        return scan.Lookups.Count > 0;
    }

    /// <summary>Load with a fixed password succeeds or throws <see cref="KeystoreException"/>, and so does reading each entry.</summary>
    internal static bool CheckKeystore(byte[] input)
    {
        Keystore keystore;
        try
        {
            using var stream = new MemoryStream(input, writable: false);
            keystore = Keystore.Load(stream, "fuzz.ks", KeystorePassword);
        }
        catch (KeystoreException)
        {
            return false;
        }

        Require(keystore.Aliases.Count == keystore.Entries.Count, "aliases and entries differ in number");
        foreach (var entry in keystore.Entries)
        {
            Require(string.Equals(keystore.GetEntry(entry.Alias).Alias, entry.Alias, StringComparison.OrdinalIgnoreCase), "GetEntry returned another alias");
            try
            {
                if (entry.Kind == KeystoreEntryKind.PrivateKey)
                {
                    using var key = entry.GetRsaPrivateKey(KeystorePassword);
                }

                using var publicKey = entry.GetRsaPublicKey();
            }
            catch (KeystoreException)
            {
                // Wrong key password, non-RSA or damaged key: all documented.
            }
        }

        return true;
    }

    // WriteKeyValueLines writes values verbatim (ciphertexts): only values the reader gives back unchanged qualify.
    private static bool IsWritableVerbatim(string value) =>
        !value.AsSpan().ContainsAny('\r', '\n', '\\') && !(value.Length > 0 && value[0] is ' ' or '\t' or '\f') && IsValidUtf16(value);

    // A string with an unpaired surrogate cannot be written as UTF-8 and read back.
    private static bool IsValidUtf16(string s) =>
        System.Text.Unicode.Utf8.FromUtf16(s, new byte[Encoding.UTF8.GetMaxByteCount(s.Length)], out _, out _, replaceInvalidSequences: false)
            == System.Buffers.OperationStatus.Done;

    private static void CheckOnlySpansChanged(byte[] input, int bomLength, List<TomlSpan> spans, byte[] output)
    {
        Require(output.AsSpan(0, bomLength).SequenceEqual(input.AsSpan(0, bomLength)), "the byte-order mark changed");
        var inPos = 0;
        var outPos = 0;
        foreach (var span in spans.OrderBy(s => s.Start))
        {
            var keep = span.Start - inPos;
            Require(keep >= 0 && outPos + keep <= output.Length && output.AsSpan(outPos, keep).SequenceEqual(input.AsSpan(inPos, keep)), $"bytes before the literal at {span.Start} changed");
            inPos = span.End;
            outPos += keep;
            var written = FixedCiphertext.Length + 2;
            Require(outPos + written <= output.Length, $"the literal at {span.Start} was cut short");
            var literal = Encoding.UTF8.GetString(output, outPos, written);
            Require(literal == $"\"{FixedCiphertext}\"" || literal == $"'{FixedCiphertext}'", $"the literal at {span.Start} was not replaced by the quoted ciphertext");
            outPos += written;
        }

        Require(output.AsSpan(outPos).SequenceEqual(input.AsSpan(inPos)), "bytes after the last literal changed");
    }

    private static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new FuzzInvariantException(what);
        }
    }
}

/// <summary>A fuzz invariant does not hold; the message names which, never the input.</summary>
internal sealed class FuzzInvariantException : Exception
{
    public FuzzInvariantException()
    {
    }

    public FuzzInvariantException(string message)
        : base(message)
    {
    }

    public FuzzInvariantException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
