namespace SecVault.Synapse;

/// <summary>Where a vault lookup was written.</summary>
internal enum VaultLookupSite
{
    /// <summary>An inline <c>{wso2:vault-lookup('x')}</c> token in attribute or element text; its span covers the braces.</summary>
    InlineToken,

    /// <summary>A <c>wso2:vault-lookup(...)</c> call inside an XPath expression attribute; its span covers the call.</summary>
    XPathCall,
}
