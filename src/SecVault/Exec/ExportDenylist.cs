using SecVault.Passwords;

namespace SecVault.Exec;

/// <summary>Why <c>mi secret exec</c> never exports a variable name (docs/decisions.md, exec denylist).</summary>
internal enum DeniedVariableClass
{
    /// <summary>Read by the dynamic loader or the C library: chooses code to load or files to trust.</summary>
    Loader,

    /// <summary>Read by shells at start or while running: runs code or changes how commands are found and split.</summary>
    Shell,

    /// <summary>Moves where programs read their configuration (and so the commands it names).</summary>
    ConfigurationLocation,

    /// <summary>Options or search paths of a language runtime (Java, .NET, Node, Python, Perl, Ruby): loads code.</summary>
    Runtime,

    /// <summary>Changes which TLS certificates are trusted or where network traffic goes.</summary>
    Network,

    /// <summary>Names a command that a tool (git, ssh, sudo, less, man, editors) runs.</summary>
    ToolCommand,

    /// <summary>Read by SecVault itself: a keystore password or the MI home.</summary>
    SecVault,
}

/// <summary>A denylist entry that matched: the pattern (<c>LD_*</c> or an exact name) and its class.</summary>
internal sealed record DeniedVariable(string Pattern, DeniedVariableClass Class)
{
    /// <summary>Why the variable is refused, as the clause of a message.</summary>
    public string Reason => Class switch
    {
        DeniedVariableClass.Loader => ExecText.DeniedLoader(Pattern),
        DeniedVariableClass.Shell => ExecText.DeniedShell(Pattern),
        DeniedVariableClass.ConfigurationLocation => ExecText.DeniedConfigurationLocation(Pattern),
        DeniedVariableClass.Runtime => ExecText.DeniedRuntime(Pattern),
        DeniedVariableClass.Network => ExecText.DeniedNetwork(Pattern),
        DeniedVariableClass.ToolCommand => ExecText.DeniedToolCommand(Pattern),
        _ => ExecText.DeniedOwn(Pattern),
    };
}

/// <summary>
/// The one place that says which environment variables <c>mi secret exec</c> never sets from <c>[secrets]</c>, whatever
/// <c>--override</c> says, and which of its own variables the child never inherits. The aliases come from an MI home
/// that may be hostile while the operator runs as root, so a name that makes the child load or run other code, trust
/// other certificates or read another configuration is refused. Names compare ignoring case: Windows names do, and
/// tools read lowercase proxy variables. A pattern ending in <c>*</c> is a prefix.
/// </summary>
internal static class ExportDenylist
{
    private static readonly (DeniedVariableClass Class, string[] Patterns)[] Entries =
    [
        // LD_*/DYLD_*: the dynamic loaders. The rest is glibc's own list of variables it drops for set-user-ID
        // programs (sysdeps/generic/unsecvars.h), for the same reason: they load code or name files glibc trusts.
        (DeniedVariableClass.Loader,
        [
            "LD_*", "DYLD_*", "GCONV_PATH", "GETCONF_DIR", "GLIBC_TUNABLES", "HOSTALIASES", "LOCALDOMAIN", "LOCPATH",
            "MALLOC_*", "NIS_PATH", "NLSPATH", "RESOLV_HOST_CONF", "RES_OPTIONS", "TMPDIR", "TZDIR",
        ]),

        // BASH_ENV and ENV are sourced by non-interactive shells; BASH_FUNC_* define functions; the prompts and
        // PROMPT_COMMAND are expanded (command substitution); IFS, PATH, CDPATH and GLOBIGNORE change what a script runs.
        (DeniedVariableClass.Shell,
        [
            "BASH_*", "ENV", "SHELLOPTS", "BASHOPTS", "PS1", "PS2", "PS3", "PS4", "PROMPT_COMMAND", "IFS", "CDPATH",
            "GLOBIGNORE", "PATH", "SHELL", "ZDOTDIR",
        ]),

        // ~/.gitconfig, ~/.ssh/config, ~/.npmrc and the like name commands to run.
        (DeniedVariableClass.ConfigurationLocation, ["HOME", "XDG_CONFIG_HOME", "XDG_CONFIG_DIRS", "XDG_DATA_HOME", "XDG_DATA_DIRS"]),

        // JAVA_OPTS, JAVA_HOME and JAVACMD are read by launcher scripts, MI's own included (-javaagent, another java).
        (DeniedVariableClass.Runtime,
        [
            "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", "JAVA_OPTS", "JAVA_HOME", "JAVACMD", "CLASSPATH",
            "DOTNET_*", "COMPLUS_*", "CORECLR_*", "COREHOST_*", "NODE_*", "PYTHON*", "PERL5OPT", "PERL5LIB", "PERLLIB",
            "PERL5DB", "RUBYOPT", "RUBYLIB",
        ]),

        // OPENSSL_CONF can load engines and providers as well as change trust.
        (DeniedVariableClass.Network,
        [
            "SSL_CERT_FILE", "SSL_CERT_DIR", "OPENSSL_*", "CURL_CA_BUNDLE", "REQUESTS_CA_BUNDLE", "HTTP_PROXY",
            "HTTPS_PROXY", "FTP_PROXY", "ALL_PROXY", "NO_PROXY",
        ]),

        // GIT_SSH_COMMAND, GIT_EXEC_PATH, GIT_CONFIG_* run commands; the others are run by ssh, sudo, less, man and friends.
        (DeniedVariableClass.ToolCommand,
        [
            "GIT_*", "SSH_ASKPASS", "SUDO_ASKPASS", "EDITOR", "VISUAL", "PAGER", "MANPAGER", "LESSOPEN", "LESSCLOSE", "BROWSER",
        ]),

        // A child mi or ciphertool would read another password or MI home.
        (DeniedVariableClass.SecVault,
        [
            EnvironmentPasswordSource.StoreVariable, EnvironmentPasswordSource.KeyVariable, "CARBON_HOME", "MI_HOME",
            "MI_CLI_HOME", "SECVAULT_*",
        ]),
    ];

    /// <summary>SecVault's password variables: removed from the environment the child inherits.</summary>
    public static IReadOnlyList<string> Withheld { get; } = [EnvironmentPasswordSource.StoreVariable, EnvironmentPasswordSource.KeyVariable];

    /// <summary>The entry that denies <paramref name="name"/>, or null when it may be exported.</summary>
    public static DeniedVariable? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var (denied, patterns) in Entries)
        {
            foreach (var pattern in patterns)
            {
                var matches = pattern.EndsWith('*')
                    ? name.AsSpan().StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.OrdinalIgnoreCase)
                    : name.Equals(pattern, StringComparison.OrdinalIgnoreCase);
                if (matches)
                {
                    return new DeniedVariable(pattern, denied);
                }
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="name"/> is a portable variable name: <c>[A-Za-z_][A-Za-z0-9_]*</c>.</summary>
    public static bool IsPortableName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
    }
}
