using System.Text;
using SecVault.Resolution;

namespace SecVault.Synapse;

/// <summary>A Synapse artifact whose vault lookups were resolved; <see cref="ToString"/> never shows a value.</summary>
public sealed class SynapseResolution
{
    private readonly string _xml;
    private readonly IReadOnlyList<SynapseSubstitution> _resolved;

    internal SynapseResolution(string xml, IReadOnlyList<SynapseSubstitution> resolved)
    {
        _xml = xml;
        _resolved = resolved;
    }

    /// <summary>How many lookups were resolved.</summary>
    public int Count => _resolved.Count;

    /// <summary>
    /// The artifact with inline tokens replaced by the XML-escaped value, XPath calls by an XPath string literal and the
    /// content of <c>svns:secretAlias</c> elements by the secret; every other character kept. Values show as
    /// <c>********</c> unless <paramref name="showSecrets"/>.
    /// </summary>
    public string Render(bool showSecrets)
    {
        var sb = new StringBuilder(_xml.Length);
        var copied = 0;
        foreach (var substitution in _resolved.OrderBy(r => r.Start))
        {
            if (substitution.Start < copied)
            {
                // Inside content already replaced (MI sets an alias element's text, dropping what it held).
                continue;
            }

            var shown = showSecrets ? substitution.Value : ResolvedConfiguration.Mask;
            var text = substitution.XPath ? SynapseResolver.XPathLiteral(shown) : shown;
            sb.Append(_xml, copied, substitution.Start - copied)
                .Append(substitution.Before)
                .Append(SynapseResolver.XmlEscape(text, substitution.Quote))
                .Append(substitution.After);
            copied = substitution.Start + substitution.Length;
        }

        return sb.Append(_xml, copied, _xml.Length - copied).ToString();
    }

    /// <summary>The count, never a value.</summary>
    public override string ToString() => $"{Count} vault lookups resolved";
}

/// <summary>One span of the artifact replaced by a value; <paramref name="Before"/> and <paramref name="After"/> are raw XML.</summary>
internal sealed record SynapseSubstitution(int Start, int Length, string Value, bool XPath, char? Quote, string Before = "", string After = "");
