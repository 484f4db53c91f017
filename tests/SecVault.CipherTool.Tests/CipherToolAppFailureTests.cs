using SecVault.Testing;

namespace SecVault.CipherTool.Tests;

/// <summary>Each failure: a clear message, the right exit code, both files byte-identical and no temporary file left.</summary>
public sealed class CipherToolAppFailureTests
{
    private const string OldSecretConf = "#Mon Jan 01 00:00:00 UTC 2024\nsecVault.enabled=false\n";

    private const string Toml = "[server]\nhostname = \"localhost\"\n\n[secrets]\ndb_password = \"[s3cr3t]\"\n";

    public static TheoryData<string> Scenarios() =>
    [
        "wrong-password", "unknown-alias", "ec-key", "secret-key-entry", "missing-keystore", "malformed-toml", "non-string-secret",
        "over-limit-secret", "no-password", "usage-error", "unresolved-env", "missing-deployment-toml",
        "no-key-password-line", "no-key-password-no-terminal", "key-password-symmetric",
    ];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void A_failure_explains_itself_and_leaves_both_files_untouched(string scenario)
    {
        var (toml, vector, password, args, exit, expected) = Scenario(scenario);
        using var home = new TempMiHome(toml, vector);
        Directory.CreateDirectory(Path.GetDirectoryName(home.SecretConfPath)!);
        File.WriteAllText(home.SecretConfPath, OldSecretConf);
        if (scenario == "missing-deployment-toml")
        {
            File.Delete(home.DeploymentTomlPath);
        }

        var before = File.Exists(home.DeploymentTomlPath) ? home.DeploymentToml : null;
        var stdin = password is null ? string.Empty : password + "\n";
        var result = Tool.Run(home, stdin, [.. args, "-Dcarbon.home=" + home.Path, "-Dconfigure"]);

        Assert.Equal(exit, result.Exit);
        foreach (var part in expected)
        {
            Assert.Contains(part, result.Err, StringComparison.Ordinal);
        }

        Assert.Contains("ciphertool: error: ", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
        Assert.Equal(before, File.Exists(home.DeploymentTomlPath) ? home.DeploymentToml : null);
        Assert.Equal(OldSecretConf, File.ReadAllText(home.SecretConfPath));
        Assert.Empty(home.TemporaryFiles());
    }

    private static (string Toml, string? Vector, string? Password, string[] Args, int Exit, string[] Expected) Scenario(string name)
    {
        string[] stdin = ["-Dpassword.stdin"];
        var security = "repository/resources/security";
        return name switch
        {
            "wrong-password" => (Toml, "jks-rsa2048", "not-the-password", stdin, 1, ["wrong password", "wso2carbon.jks", "hint: check the keystore password"]),
            "unknown-alias" => ("[keystore.primary]\nalias = \"nosuch\"\n" + Toml, "jks-multi", "multipass", stdin, 1, ["nosuch", "'first'", "'second'", "'trusted-ca'"]),
            "ec-key" => (Toml, "jks-ec", Tool.Password, stdin, 1, ["is EC; only RSA keys are supported"]),
            "secret-key-entry" => ("[keystore.primary]\ntype = \"JCEKS\"\n" + Toml, "jceks-secretkey", Tool.Password, stdin, 1, ["secret (symmetric) key"]),
            "missing-keystore" => ("[keystore.primary]\nfile_name = \"keys/none.jks\"\n" + Toml, null, Tool.Password, stdin, 1,
                ["keystore 'keys/none.jks' not found", Path.Combine("keys", "none.jks"), Path.Combine(security.Replace('/', Path.DirectorySeparatorChar), "keys", "none.jks")]),
            "malformed-toml" => ("[server]\nhostname = \"localhost\"\n[secrets]\ndb = \"[x]\n", "jks-rsa2048", Tool.Password, stdin, 1, ["conf/deployment.toml:4:"]),
            "non-string-secret" => (File.ReadAllText(Path.Combine(Repo.Root, "tests", "corpus", "deployment-toml", "non-string-secret.toml")), "jks-rsa2048", Tool.Password, stdin, 1,
                ["conf/deployment.toml:3:8: [secrets] port is an integer; it must be a string"]),
            "over-limit-secret" => ("[secrets]\nok = \"[fine]\"\nbig = \"[" + new string('é', 108) + "]\"\n", "jks-rsa2048", Tool.Password, stdin, 1,
                ["ciphertool: error: conf/deployment.toml:3:7: secret for alias 'big' is 216 bytes; RSA/ECB/OAEPwithSHA1andMGF1Padding with a 2048-bit key allows at most 214\n"]),
            "no-password" => (Toml, "jks-rsa2048", null, [], 1, ["no keystore password: standard input is not a terminal", "hint: use -Dpassword.stdin"]),
            "usage-error" => (Toml, "jks-rsa2048", Tool.Password, ["-Dpassword.stdin", "-Dchange"], 2, ["options '-Dchange' and '-Dconfigure' cannot be used together", "hint: run 'ciphertool -help'"]),
            "unresolved-env" => ("[keystore.primary]\nfile_name = \"$env{NO_SUCH_VARIABLE_X}/a.jks\"\n" + Toml, "jks-rsa2048", Tool.Password, stdin, 1,
                ["conf/deployment.toml:2:13: environment variable NO_SUCH_VARIABLE_X is not defined"]),
            "missing-deployment-toml" => (Toml, "jks-rsa2048", Tool.Password, stdin, 1, ["conf/deployment.toml not found"]),
            "no-key-password-line" => (Toml, "jks-distinct-key-password", "store-password-only", [.. stdin, "-Dkey.password=true"], 1,
                ["no private key password (second line) on standard input"]),
            "no-key-password-no-terminal" => (Toml, "jks-distinct-key-password", null, ["-Dpassword=visible", "-Dkey.password=true"], 1,
                ["no private key password (-Dkey.password=true): standard input is not a terminal", "hint: use -Dpassword.stdin with the keystore password on line 1 and the key password on line 2"]),
            "key-password-symmetric" => (Toml, "jks-rsa2048", Tool.Password, [.. stdin, "-Dkey.password=true", "-Dsymmetric"], 2,
                ["option '-Dkey.password' cannot be used with -Dsymmetric: MI opens a secret key with the keystore password"]),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
    }
}
