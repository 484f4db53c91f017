namespace SecVault.Diagnostics;

/// <summary>Messages of SecVault.Diagnostics.</summary>
internal static partial class DiagnosticsText
{
    internal static string ResolutionFailed(int errors, string? firstError) => errors switch
    {
        0 => "resolution failed",
        1 => firstError ?? string.Empty,
        _ => $"{errors} problems: {firstError} (and {errors - 1} more)",
    };

    internal static string EmptyPlaceholderName(string placeholder) => $"{placeholder} has an empty name";

    internal static string EnvironmentVariableUndefined(string name) => $"environment variable {name} is not defined";

    internal static string SystemPropertyUndefined(string name) => $"system property {name} is not defined";

    internal static string SystemPropertyEmpty(string name) => $"system property {name} is empty";

    internal static string PlaceholderNotAllowedHere(string placeholder) => $"{placeholder}: only $env{{}} and $sys{{}} placeholders are allowed here";
}

/// <summary>Messages of SecVault.Diagnostics.</summary>
internal static partial class DiagnosticsText
{
    internal const string NoSuchAlias = "no such alias in [secrets]";

    internal static string SecretNotAString(string alias, string kind) => $"secret '{alias}' must be a string, not {kind}";

    internal static string InSecret(string alias, string message) => $"secret '{alias}': {message}";

    internal static string SecretIsPlainText(string alias) => $"secret '{alias}' is still a plain-text marker, not a ciphertext";

    internal const string SecretIsPlainTextHint = "run ciphertool -Dconfigure";

    internal const string VaultNotConfiguredMissing = "secure vault is not configured: conf/security/secret-conf.properties does not exist";

    internal const string VaultNotConfiguredDisabled = "secure vault is not configured: secVault.enabled is false";

    internal const string VaultNotConfiguredNoFile = "secure vault is not configured: secretRepositories does not list file";

    internal const string VaultNotConfiguredHint = "run ciphertool -Dconfigure";

    internal const string VaultIdentityIncomplete = "secure vault is not configured: keystore.identity.location, .type or .alias is missing";

    internal static string VaultUnreadable(string reason) => $"cannot read conf/security/secret-conf.properties: {reason}";
}

/// <summary>Messages of SecVault.Diagnostics.</summary>
internal static partial class DiagnosticsText
{
    internal static string SecretReference(string alias, string message) => $"secret '{alias}': {message}";

    internal const string DeploymentTomlDoesNotExist = "deployment.toml does not exist";

    internal static string DeploymentTomlUnreadable(string reason) => $"cannot read deployment.toml: {reason}";
}

/// <summary>Messages of SecVault.Diagnostics.</summary>
internal static partial class DiagnosticsText
{
    internal static string SynapseOtherPrefix(string prefix) => $"prefix '{prefix}' is not wso2; the lookup is left as it is";

    internal static string SynapseMalformedXml(string reason) => $"not well-formed XML ({reason}); MI does not deploy the artifact";

    internal static string SynapseBraceLess(string call) =>
        $"{call} written without braces in an attribute is passed on as text, not resolved; write {{{call}}}";

    /// <summary>How a vault-decrypt ciphertext is named in decryption messages.</summary>
    internal const string SynapseDecryptName = "vault-decrypt ciphertext";

    /// <summary>Where the vault-decrypt transformation comes from (MI's crypto utility default, cipher.algorithm unset).</summary>
    internal const string SynapseDecryptTransformationSource = "the vault-decrypt default (RSA)";

    internal static string SynapseTwoArguments(string type) => $"with two arguments the type '{type}' is ignored and the alias is read from [secrets]; add a third argument";

    internal static string SynapseFileMissing(string path) => $"file {path} does not exist";

    internal static string SynapseFileUnreadable(string path, string reason) => $"cannot read {path}: {reason}";

    internal const string SynapseEmptyValue = "the value is empty";
}

/// <summary>Messages of SecVault.Diagnostics.</summary>
internal static partial class DiagnosticsText
{
    internal static string VerifyUnreadable(string reason) => $"cannot read the artifact: {reason}";

    internal static string VerifyDottedAlias(string alias) => $"alias '{alias}' is dotted; upstream MI cannot render it, quote the key instead";

    /// <summary>Printed by ciphertool -Dconfigure and mi secret verify for an alias with a <c>SecretEntry.PropertiesKeyFlaw</c>.</summary>
    internal static string UnrenderableAlias(string alias, string flaw) => flaw switch
    {
        "" => "the alias is empty; upstream MI reads cipher-text.properties as Java properties and cannot find it",
        "#" or "!" when alias.StartsWith(flaw, StringComparison.Ordinal) =>
            $"alias {Messages.Quote(Messages.Printable(alias))} starts with {Messages.Quote(flaw)}; upstream MI reads cipher-text.properties as Java properties and cannot find it",
        _ => $"alias {Messages.Quote(Messages.Printable(alias))} has {Messages.Quote(Messages.Printable(flaw))}; upstream MI reads cipher-text.properties as Java properties and cannot find it",
    };

    internal static string VerifyNameHasSpaces(string placeholder) => $"{placeholder} has spaces around its name";

    internal static string VerifyDynamicLooksEncrypted(string placeholder) =>
        $"{placeholder} looks like a ciphertext, but values outside [secrets] are never decrypted; reference it through an alias in [secrets]";

    internal static string VerifyUnreferenced(string alias) => $"alias '{alias}' is never referenced";

    internal static string VerifyVaultKeyMissing(string key) => $"secret-conf.properties has no {key}";

    internal static string VerifyIdentityType(string type) => $"keystore.identity.type '{type}' is not JKS or PKCS12 (upstream MI cannot load it)";
}
