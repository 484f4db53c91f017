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

}

/// <summary>Why <c>keystore_info.yaml</c> is not trusted, and how to fix it.</summary>
internal static partial class Messages
{
    internal static string CliConfigForeignOwner(string file, string? folder, uint owner, uint caller) => folder is null
        ? $"{file} is owned by user id {owner}, neither you (user id {caller}) nor root; mi does not trust it"
        : $"{file} is in {folder}, owned by user id {owner}, neither you (user id {caller}) nor root; mi does not trust it";

    internal static string CliConfigForeignOwnerHint(string path, uint caller, bool folder) => folder
        ? $"if the folder is yours, run 'chown {caller} {path}' and 'chmod go-w {path}'; otherwise set MI_CLI_HOME to a folder of your own and run 'mi secret init'"
        : $"if the file is yours, run 'chown {caller} {path}'; otherwise delete it and run 'mi secret init'";

    internal static string CliConfigWritableByOthers(string file, string? folder) => folder is null
        ? $"{file} is writable by group or others; mi does not trust it"
        : $"{file} is in {folder}, writable by group or others; mi does not trust it";

    internal static string CliConfigWritableByOthersHint(string path) => $"run 'chmod go-w {path}'";
}

/// <summary>The uniform decryption failure, given whenever padding is not diagnosed, and the options that diagnose.</summary>
internal static partial class Messages
{
    internal static string CiphertextRejected(string alias, string keyAlias, string fingerprint, string transformation) =>
        $"secret '{alias}' does not decrypt with the vault's key and transformation (key '{keyAlias}', SHA-256 {fingerprint}, {transformation})";

    internal const string CiphertextRejectedHint =
        "encrypt the secret again with this keystore's certificate and transformation; for the cause, run on a terminal or with --diagnose-padding (ciphertool: -Ddiagnose.padding=true)";

}
