namespace SecVault.Keystores;

/// <summary>The keystore formats SecVault reads.</summary>
public enum KeystoreType
{
    /// <summary>Sun's JKS format (magic FE ED FE ED).</summary>
    Jks,

    /// <summary>PKCS#12 (.p12, .pfx): a DER SEQUENCE.</summary>
    Pkcs12,

    /// <summary>Sun's JCEKS format (magic CE CE CE CE).</summary>
    Jceks,
}
