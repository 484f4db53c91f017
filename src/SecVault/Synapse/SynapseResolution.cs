using System.Text;
using SecVault.Resolution;

namespace SecVault.Synapse;

/// <summary>A Synapse artifact whose vault lookups were resolved; <see cref="ToString"/> never shows a value.</summary>
public sealed class SynapseResolution
{
    private readonly string _xml;
    private readonly IReadOnlyList<(VaultLookup Lookup, string Value)> _resolved;

    internal SynapseResolution(string xml, IReadOnlyList<(VaultLookup Lookup, string Value)> resolved)
    {
        _xml = xml;
        _resolved = resolved;
    }

    /// <summary>How many lookups were resolved.</summary>
    public int Count => _resolved.Count;

    /// <summary>
    /// The artifact with inline tokens replaced by the XML-escaped value and XPath calls by an XPath string literal;
    /// every other character kept. Values show as <c>********</c> unless <paramref name="showSecrets"/>.
    /// </summary>
    public string Render(bool showSecrets)
    {
        var sb = new StringBuilder(_xml.Length);
        var copied = 0;
        foreach (var (lookup, value) in _resolved.OrderBy(r => r.Lookup.Start))
        {
            var shown = showSecrets ? value : ResolvedConfiguration.Mask;
            var text = lookup.Site == VaultLookupSite.XPathCall ? SynapseResolver.XPathLiteral(shown) : shown;
            sb.Append(_xml, copied, lookup.Start - copied).Append(SynapseResolver.XmlEscape(text, lookup.AttributeQuote));
            copied = lookup.Start + lookup.Length;
        }

        return sb.Append(_xml, copied, _xml.Length - copied).ToString();
    }

    /// <summary>The count, never a value.</summary>
    public override string ToString() => $"{Count} vault lookups resolved";
}
