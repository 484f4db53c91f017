namespace SecVault.Vault;

/// <summary>Messages of the <c>ciphertool</c> executable; none takes a password or a value.</summary>
internal static partial class VaultText
{
    internal static string UnknownOption(string option) => $"unknown option '{option}'";

    internal static string NotAnOption(int position) =>
        $"argument {position} is not an option; options start with -D (the argument is not shown: it may be a password)";

    internal static string UnsupportedOption(string option) => $"option '{option}' is not supported by SecVault";

    internal static string OptionNeedsValue(string option) => $"option '{option}' needs a value: {option}=VALUE";

    internal static string ConflictingOptions(string first, string second) => $"options '{first}' and '{second}' cannot be used together";

    internal static string PasswordPrompt(KeystoreRole role) =>
        $"[Please Enter {(role == KeystoreRole.Internal ? "Internal" : "Primary")} KeyStore Password of Carbon Server : ]";

    internal static string NewValuePrompt(string alias) => $"Enter new plain text value for {alias} : ";

    internal static string AliasListLine(int number, string alias, bool dynamic) =>
        dynamic ? $"  {number,3}) {alias} (dynamic, cannot be changed)" : $"  {number,3}) {alias}";

    internal static string DynamicNotChangeable(string alias) => $"'{alias}' is dynamic and cannot be changed";

    internal static string UsingKeystore(KeystoreRole role, string location, string type, string alias) =>
        $"using the {RoleName(role)} keystore {location} ({type}, alias {alias})";

    private static string RoleName(KeystoreRole role) => role switch
    {
        KeystoreRole.Internal => "internal",
        KeystoreRole.Primary => "primary",
        _ => "default",
    };
}
