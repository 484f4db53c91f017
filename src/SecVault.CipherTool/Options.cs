using SecVault.Ciphers;
using SecVault.Home;
using SecVault.Keystores;

namespace SecVault.CipherTool;

/// <summary>
/// The parsed command line of <c>ciphertool</c>: upstream's <c>-D</c> options matched case-insensitively, the last of
/// a repeated option winning.
/// </summary>
internal sealed class Options
{
    private static readonly string[] HelpOptions = ["-help", "-h", "--help"];

    private static readonly string[] VersionOptions = ["--version", "-version"];

    private static readonly string[] Unsupported = ["security.jce.provider"];

    private Options()
    {
    }

    /// <summary>The mode asked for.</summary>
    public CipherToolMode Mode { get; private set; } = CipherToolMode.SingleValue;

    /// <summary>The <c>-Dpassword=</c> value (possibly empty), or null.</summary>
    public string? Password { get; private set; }

    /// <summary>True with <c>-Dpassword.stdin</c>.</summary>
    public bool PasswordFromStdin { get; private set; }

    /// <summary>
    /// True with <c>-Dkey.password=true</c> (MI's switch): the vault's private key has its own password, read from the
    /// second line of <c>-Dpassword.stdin</c> or asked after the keystore password. Only the modes that open the private
    /// key read it (<c>-Dconfigure</c>'s check of existing ciphertexts, <c>-Drotate</c>).
    /// </summary>
    public bool KeyPassword { get; private set; }

    /// <summary>The transformation (default OAEP).</summary>
    public Transformation Transformation { get; private set; } = Transformation.Default;

    /// <summary>Asymmetric (RSA), or with <c>-Dsymmetric</c> an AES vault: a keystore's secret key, or with <c>-Dkey.based.encryption=true</c> a given key.</summary>
    public VaultEncryptionMode EncryptionMode { get; private set; } = VaultEncryptionMode.Asymmetric;

    /// <summary>The AES algorithm of a symmetric vault (default <c>AES/GCM/NoPadding</c>); null for RSA.</summary>
    public string? SymmetricAlgorithm { get; private set; }

    /// <summary>The <c>-Dold.alias</c> value (the key <c>-Drotate</c> moves secrets away from), or null.</summary>
    public string? OldAlias { get; private set; }

    /// <summary>The <c>-Dold.keystore</c> value (another keystore holding the old key of <c>-Drotate</c>), or null.</summary>
    public string? OldKeystore { get; private set; }

    /// <summary>The <c>-Dold.keystore.type</c> value, or null: then the type is read from the file's first bytes.</summary>
    public KeystoreType? OldKeystoreType { get; private set; }

    /// <summary>The <c>-Dold.mode</c> value: what the old key is (RSA or AES), or null for the mode of the new key.</summary>
    public VaultEncryptionMode? OldMode { get; private set; }

    /// <summary>The <c>-Dold.password.file</c> value (its first line is the old keystore's password), or null.</summary>
    public string? OldPasswordFile { get; private set; }

    /// <summary>True with <c>-Dold.key.password=true</c>: the old key's password differs from the old keystore's and is asked too.</summary>
    public bool OldKeyPassword { get; private set; }

    /// <summary>The <c>-Dcarbon.home</c> value, or null.</summary>
    public string? CarbonHome { get; private set; }

    /// <summary>The <c>-Dcarbon.config.dir.path</c> value, or null.</summary>
    public string? ConfigFolder { get; private set; }

    /// <summary>The <c>-Ddeployment.config.file.path</c> value, or null.</summary>
    public string? DeploymentFile { get; private set; }

    /// <summary>The <c>-Ddiagnose.padding</c> value (bare means true), or null: then only a terminal gets the diagnosis.</summary>
    public bool? DiagnosePadding { get; private set; }

    /// <summary>Parses the arguments; a help option anywhere wins over everything else, then a version option.</summary>
    /// <exception cref="UsageException">An unknown, unsupported, valueless or conflicting option, or a stray argument.</exception>
    public static Options Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new Options();
        if (args.Any(a => HelpOptions.Contains(a, StringComparer.OrdinalIgnoreCase)))
        {
            options.Mode = CipherToolMode.Help;
            return options;
        }

        if (args.Any(a => VersionOptions.Contains(a, StringComparer.OrdinalIgnoreCase)))
        {
            options.Mode = CipherToolMode.Version;
            return options;
        }

        string? modeOption = null, passwordOption = null, stdinOption = null, transformation = null, oldOption = null, keyPasswordOption = null;
        bool symmetric = false, keyBased = false;
        foreach (var (arg, index) in args.Select((a, i) => (a, i)))
        {
            if (!arg.StartsWith("-D", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new UsageException(CipherToolText.NotAnOption(index + 1));
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = (equals < 0 ? arg[2..] : arg[2..equals]).ToLowerInvariant();
            var value = equals < 0 ? null : arg[(equals + 1)..];
            var display = equals < 0 ? arg : arg[..equals];
            switch (name)
            {
                case "configure" or "change" or "rotate":
                    var mode = name switch
                    {
                        "configure" => CipherToolMode.Configure,
                        "change" => CipherToolMode.Change,
                        _ => CipherToolMode.Rotate,
                    };
                    if (modeOption is not null && options.Mode != mode)
                    {
                        throw new UsageException(CipherToolText.ConflictingOptions(modeOption, display));
                    }

                    modeOption = display;
                    options.Mode = mode;
                    break;
                case "password":
                    // Java's -Dname without '=' is the empty string; everything after the first '=' is kept verbatim.
                    options.Password = value ?? string.Empty;
                    passwordOption = display;
                    break;
                case "password.stdin":
                    options.PasswordFromStdin = true;
                    stdinOption = display;
                    break;
                case "org.wso2.ciphertransformation":
                    transformation = value ?? throw new UsageException(CipherToolText.OptionNeedsValue(display));
                    break;
                case "key.password":
                    options.KeyPassword = IsTrue(value);
                    keyPasswordOption = display;
                    break;
                case "old.alias":
                    options.OldAlias = NonEmpty(value, display);
                    break;
                case "old.keystore":
                    options.OldKeystore = NonEmpty(value, display);
                    oldOption ??= display;
                    break;
                case "old.keystore.type":
                    options.OldKeystoreType = KeystoreTypes.TryParse(NonEmpty(value, display).Trim(), out var oldType)
                        ? oldType
                        : throw new UsageException(CipherToolText.OldKeystoreTypeValue(display, value!));
                    oldOption ??= display;
                    break;
                case "old.mode":
                    options.OldMode = NonEmpty(value, display).Trim().ToUpperInvariant() switch
                    {
                        "RSA" => VaultEncryptionMode.Asymmetric,
                        "SYMMETRIC" or "AES" => VaultEncryptionMode.Symmetric,
                        _ => throw new UsageException(CipherToolText.OldModeValue(display)),
                    };
                    oldOption ??= display;
                    break;
                case "old.password.file":
                    options.OldPasswordFile = NonEmpty(value, display);
                    oldOption ??= display;
                    break;
                case "old.key.password":
                    options.OldKeyPassword = IsTrue(value);
                    oldOption ??= display;
                    break;
                case "symmetric":
                    symmetric = IsTrue(value);
                    break;
                case "key.based.encryption":
                    keyBased = IsTrue(value);
                    break;
                case "carbon.home":
                    options.CarbonHome = NonEmpty(value, display);
                    break;
                case "carbon.config.dir.path":
                    options.ConfigFolder = NonEmpty(value, display);
                    break;
                case "deployment.config.file.path":
                    options.DeploymentFile = NonEmpty(value, display);
                    break;
                case "diagnose.padding":
                    options.DiagnosePadding = value?.ToUpperInvariant() switch
                    {
                        null or "TRUE" => true,
                        "FALSE" => false,
                        _ => throw new UsageException(CipherToolText.DiagnosePaddingValue(display)),
                    };
                    break;
                default:
                    throw new UsageException(Unsupported.Contains(name) ? CipherToolText.UnsupportedOption(display) : CipherToolText.UnknownOption(display));
            }
        }

        if (passwordOption is not null && stdinOption is not null)
        {
            throw new UsageException(CipherToolText.ConflictingOptions(passwordOption, stdinOption));
        }

        if (oldOption is not null && options.Mode != CipherToolMode.Rotate)
        {
            throw new UsageException(CipherToolText.OldOptionNeedsRotate(oldOption));
        }

        // In another keystore the old key may have the new key's alias; in the same keystore it cannot.
        if (options.Mode == CipherToolMode.Rotate && options.OldAlias is null && options.OldKeystore is null)
        {
            throw new UsageException(CipherToolText.RotateNeedsOldAlias);
        }

        if (options.OldPasswordFile is not null && options.OldKeystore is null)
        {
            throw new UsageException(CipherToolText.OldPasswordNeedsOldKeystore);
        }

        if (options.OldKeyPassword && options.OldKeystore is null)
        {
            throw new UsageException(CipherToolText.OldKeyPasswordNeedsOldKeystore);
        }

        if (symmetric || keyBased)
        {
            if (options.KeyPassword)
            {
                // securevault 1.2.1 recovers a secret key with the store password; a key password would never be used.
                throw new UsageException(CipherToolText.KeyPasswordNotSymmetric(keyPasswordOption!));
            }

            // Upstream's key-based switch only means something with -Dsymmetric; SecVault takes it alone too.
            options.EncryptionMode = keyBased ? VaultEncryptionMode.KeyBased : VaultEncryptionMode.Symmetric;
            try
            {
                options.SymmetricAlgorithm = SymmetricSecretCipher.ParseAlgorithm(transformation ?? SymmetricSecretCipher.GcmAlgorithm);
            }
            catch (CipherException e)
            {
                throw new UsageException(e.Message);
            }

            return options;
        }

        if (transformation is not null)
        {
            try
            {
                options.Transformation = Transformation.Parse(transformation);
            }
            catch (CipherException e)
            {
                throw new UsageException(e.Message);
            }
        }

        return options;
    }

    // As Java's Boolean.parseBoolean, but a bare -Dname (the empty string) also switches on.
    private static bool IsTrue(string? value) => value is null || value.Length == 0 || string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    private static string NonEmpty(string? value, string display) =>
        string.IsNullOrWhiteSpace(value) ? throw new UsageException(CipherToolText.OptionNeedsValue(display)) : value;
}
