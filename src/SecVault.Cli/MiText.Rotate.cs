namespace SecVault.Cli;

/// <summary>The text of <c>mi secret rotate</c>.</summary>
internal static partial class MiText
{
    internal const string CliRotateDescription =
        "Re-encrypt the files 'mi secret create' wrote (.properties, k8 .yaml) from an old key to the key stored by 'mi secret init'";

    internal const string CliRotateFilesArgument = "Files to rotate (default: those of security/wso2-secrets.properties and security/wso2-secrets.yaml that exist)";

    internal const string CliRotateOldKeystoreOption = "The keystore of the old key (default: the keystore stored by init)";

    internal const string CliRotateOldTypeOption = "The old keystore's type: JKS, PKCS12 or JCEKS (default: read from the file)";

    internal const string CliRotateOldAliasOption = "The old key's alias (default: the alias stored by init)";

    internal const string CliRotateOldCipherOption = "The transformation the files were made with (default RSA/ECB/OAEPWithSHA1AndMGF1Padding)";

    internal const string CliRotateCipherOption = "The transformation of the new values (default RSA/ECB/OAEPWithSHA1AndMGF1Padding)";

    internal const string CliRotatePasswordStdinOption =
        "Read the passwords from standard input: the keystore stored by init (then its key password with -Dkey.password=true), "
        + "then the old keystore when it is another file (then its key password with -Dold.key.password=true); "
        + "an old key in init's keystore with -Dold.key.password=true: only its key password follows";

    internal const string CliRotateNoFiles = "no file to rotate: neither security/wso2-secrets.properties nor security/wso2-secrets.yaml is here";

    internal const string CliRotateNoFilesHint = "name the files: mi secret rotate FILE...";

    internal const string CliRotateNewPasswordPrompt = "Enter the password of the keystore stored by 'mi secret init': ";

    internal const string CliRotateOldPasswordPrompt = "Enter the password of the old keystore: ";

    internal const string CliRotateNewKeyPasswordPrompt = "Enter the private key password of the key stored by 'mi secret init': ";

    internal const string CliRotateOldKeyPasswordPrompt = "Enter the private key password of the old key: ";

    internal const string CliRotateRootNeedsHome = "-Dei.secret.file.root.dir places the FILE secrets of --home's Synapse artifacts; give --home DIR too";

    internal static string CliRotateUnknownProperty(string name) =>
        $"'rotate' takes -Dkey.password=true, -Dold.key.password=true and -Dei.secret.file.root.dir only, not -D{name}";

    internal const string CliRotateHomeOption =
        "Also rotate the encrypted FILE secrets (vault-lookup('name','FILE','true')) of this MI home's Synapse artifacts; root: -Dei.secret.file.root.dir, default the home";

    internal static string CliRotateSynapseFound(int encrypted, int plain, int docker) =>
        $"Synapse: {encrypted} encrypted FILE secret(s) to rotate; {plain} plain FILE and {docker} DOCKER lookup(s) are not vault-encrypted and are left alone";

    internal const string CliRotateNoPasswordHint =
        "use --password-stdin (the keystore stored by init, then the old keystore; see 'mi secret rotate --help'), or MI_KEYSTORE_PASSWORD and MI_OLD_KEYSTORE_PASSWORD";

    internal static string CliRotateNoPassword(string which) => $"no password for {which}: standard input is not a terminal and no other source gives it";

    internal const string CliRotateTheNewKeystore = "the keystore stored by 'mi secret init'";

    internal const string CliRotateTheOldKeystore = "the old keystore (--old-keystore)";

    internal const string CliRotateTheOldKey = "the old key (-Dold.key.password=true)";

    internal const string CliRotateNoOldKeyPasswordHint =
        "the old key is in the keystore stored by init, so only its key password is read: the line after that keystore's on --password-stdin, or MI_OLD_KEY_PASSWORD";

    internal static string CliRotateSameKey(string alias) =>
        $"the old key '{alias}' is the key stored by 'mi secret init'; nothing to rotate";

    internal const string CliRotateSameKeyHint = "run 'mi secret init' with the new keystore first, then give the old one with --old-keystore";

    internal static string CliRotateKeystoreChanged(string path, string alias) =>
        $"the certificate of '{alias}' in {path} is not the one 'mi secret init' stored; run 'mi secret init' again";

    internal static string CliRotateUnknownType(string name) => $"unknown keystore type '{name}' for --old-type; use JKS, PKCS12 or JCEKS";

    internal static string CliRotateFileDone(string path, int rotated, int already) =>
        $"{path}: re-encrypted {rotated} value(s); {already} already under the new key";
}
