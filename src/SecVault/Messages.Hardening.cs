namespace SecVault;

/// <summary>
/// Messages of the hostile-home hardening (issue 10), starting with lookups kept inside their root; none takes a
/// secret, a plaintext or a ciphertext.
/// </summary>
internal static partial class Messages
{
    internal static string SynapseFileOutsideRoot(string path, string root) =>
        $"file {path} is outside the lookup root {root} and was not read (AllowFileLookupsOutsideRoot, or mi's --allow-file-lookups-outside-root, allows it)";

    internal static string SynapseFileLinksOutsideRoot(string path, string root) =>
        $"file {path} leads through a symbolic link outside the lookup root {root} and was not read (AllowFileLookupsOutsideRoot, or mi's --allow-file-lookups-outside-root, allows it)";

    internal const string CliAllowFileLookupsOutsideRootOption =
        "Let FILE and DOCKER vault lookups read files outside their root (through ../ or a symbolic link)";
}
