using System.Text.RegularExpressions;
using System.Xml;

namespace SecVault.Synapse;

/// <summary>
/// A strict XML read of an artifact: whether it is well-formed (MI refuses to deploy one that is not), and every element
/// carrying <c>secretAlias</c> in the secure-vault namespace, whose text MI replaces with the alias's secret.
/// </summary>
internal static partial class SynapseXml
{
    /// <summary>The namespace of the <c>secretAlias</c> attribute MI's data services (and Carbon configs) resolve.</summary>
    public const string SecureVaultNamespace = "http://org.wso2.securevault/configuration";

    /// <summary>The attribute naming a <c>[secrets]</c> alias.</summary>
    public const string SecretAliasAttribute = "secretAlias";

    public static SynapseXmlStructure Read(string xml)
    {
        var lineStarts = VaultLookupParser.LineStarts(xml);
        int Offset(int line, int column) => lineStarts[Math.Clamp(line - 1, 0, lineStarts.Count - 1)] + column - 1;

        var aliases = new List<SecretAliasSite>();
        var open = new Stack<(SecretAliasSite? Site, int Depth)>();
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            var info = (IXmlLineInfo)reader;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    // The reader places an element at its name, just after the '<'.
                    var nameStart = Offset(info.LineNumber, info.LinePosition);
                    var name = reader.Name;
                    var empty = reader.IsEmptyElement;
                    var depth = reader.Depth;
                    SecretAliasSite? site = null;
                    if (reader.MoveToAttribute(SecretAliasAttribute, SecureVaultNamespace))
                    {
                        site = new SecretAliasSite(reader.Value, reader.Name, info.LineNumber, info.LinePosition, name);
                        reader.MoveToElement();
                    }

                    if (site is null)
                    {
                        continue;
                    }

                    var tagEnd = StartTagEnd(xml, nameStart);
                    if (empty)
                    {
                        // "<x a='b'/>" becomes "<x a='b'>value</x>": the "/>" is replaced.
                        aliases.Add(site with { ContentStart = tagEnd - 2, ContentLength = 2, SelfClosing = true });
                    }
                    else
                    {
                        open.Push((site with { ContentStart = tagEnd }, depth));
                    }
                }
                else if (reader.NodeType == XmlNodeType.EndElement && open.Count > 0 && open.Peek().Depth == reader.Depth)
                {
                    var (site, _) = open.Pop();
                    var endTag = Offset(info.LineNumber, info.LinePosition) - 2;
                    aliases.Add(site! with { ContentLength = endTag - site.ContentStart });
                }
            }
        }
        catch (XmlException ex)
        {
            return new SynapseXmlStructure([.. aliases.OrderBy(a => a.ContentStart)], new MalformedXml(ex.LineNumber, ex.LinePosition, Reason(ex)));
        }

        return new SynapseXmlStructure([.. aliases.OrderBy(a => a.ContentStart)], null);
    }

    /// <summary>The parser's reason with its position removed and every quoted fragment of the file replaced by <c>…</c>.</summary>
    private static string Reason(XmlException ex)
    {
        var text = PositionSuffix().Replace(ex.Message, string.Empty);
        return Quoted().Replace(text, "'…'").TrimEnd('.', ' ');
    }

    /// <summary>The offset after the <c>&gt;</c> that ends the start tag whose name begins at <paramref name="nameStart"/> (a name holds no quote and no <c>&gt;</c>).</summary>
    private static int StartTagEnd(string xml, int nameStart)
    {
        char? quote = null;
        for (var i = nameStart; i < xml.Length; i++)
        {
            var c = xml[i];
            if (quote is not null)
            {
                quote = c == quote ? null : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return i + 1;
            }
        }

        return xml.Length;
    }

    [GeneratedRegex(@"\s*Line \d+, position \d+\.\s*$")]
    private static partial Regex PositionSuffix();

    [GeneratedRegex("'[^']*'")]
    private static partial Regex Quoted();
}

/// <summary>What the strict read found.</summary>
internal sealed record SynapseXmlStructure(IReadOnlyList<SecretAliasSite> SecretAliases, MalformedXml? Malformed);

/// <summary>Where the XML stops being well-formed, and why (never quoting the file).</summary>
internal sealed record MalformedXml(int Line, int Column, string Reason);

/// <summary>An element with <c>svns:secretAlias</c>: the alias, the attribute's position, and the content MI replaces.</summary>
internal sealed record SecretAliasSite(string Alias, string AttributeName, int Line, int Column, string ElementName)
{
    /// <summary>Offset of the element's content (or of its <c>/&gt;</c> when it is empty).</summary>
    public int ContentStart { get; init; }

    /// <summary>Characters of the content (2 for the <c>/&gt;</c> of an empty element).</summary>
    public int ContentLength { get; init; }

    /// <summary>True when the element was written <c>&lt;x/&gt;</c>.</summary>
    public bool SelfClosing { get; init; }
}
