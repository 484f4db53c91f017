using System.Globalization;
using System.Text;

namespace SecVault;

/// <summary>
/// The helpers every namespace's messages share (quoting, printable names) and, for now, the TOML layer's messages
/// (Messages.Toml.cs). Each namespace keeps its own messages in an internal <c>…Text</c> class beside its code
/// (CiphersText, KeystoresText, VaultText, ...); no message takes a secret value, a password or a plaintext.
/// </summary>
internal static partial class Messages
{
    /// <summary>A name in single quotes, as every message writes names.</summary>
    internal static string Quote(string name) => $"'{name}'";

    /// <summary>The text with control characters written as <c>\uXXXX</c>, so a name prints on one line.</summary>
    internal static string Printable(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
