namespace SecVault.SecretOutput;

/// <summary>An alias and its ciphertext, ready to render.</summary>
public sealed class EncryptedSecret
{
    /// <summary>Creates the pair.</summary>
    internal EncryptedSecret(string alias, string ciphertext)
    {
        ArgumentException.ThrowIfNullOrEmpty(alias);
        ArgumentException.ThrowIfNullOrEmpty(ciphertext);
        Alias = alias;
        Ciphertext = ciphertext;
    }

    /// <summary>The alias.</summary>
    public string Alias { get; }

    /// <summary>The base64 ciphertext.</summary>
    public string Ciphertext { get; }

    /// <summary>The alias only: messages never carry ciphertexts.</summary>
    public override string ToString() => Alias;
}
