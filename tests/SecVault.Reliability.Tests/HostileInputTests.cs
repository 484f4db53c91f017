using System.Text;
using SecVault.Testing;

namespace SecVault.Reliability.Tests;

/// <summary>
/// The hostile and bad input matrix: every case runs a shipped executable as a process and must exit with the right
/// code, name the culprit on standard error as <c>&lt;tool&gt;: error: …</c>, print no stack trace, leak no secret, and
/// leave every file of its workspace byte-for-byte as it was.
/// </summary>
public sealed class HostileInputTests
{
    private const string Configure = "configure";

    public static TheoryData<string> CaseNames() => [.. Cases.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Bad_input_fails_clearly_and_changes_nothing(string name)
    {
        var @case = Cases.Single(c => c.Name == name);
        using var workspace = new Workspace();
        @case.Arrange?.Invoke(workspace);
        var before = workspace.Snapshot();
        var unprivileged = @case.Unprivileged && Ownership.IsRoot;
        if (unprivileged)
        {
            // Root reads files whatever their mode: the workspace goes to "nobody", who then runs the tool.
            workspace.GiveAllTo(Ownership.OtherUser);
        }

        var args = @case.Args.Select(workspace.Expand).ToArray();
        if (args is [Configure, ..])
        {
            args = ["-Dcarbon.home=" + workspace.Home(), "-Dpassword.stdin", "-Dconfigure", .. args[1..]];
        }

        var result = unprivileged
            ? ToolProcess.RunAsUser(Ownership.OtherUser, @case.Tool, workspace.Work(), workspace.Expand(@case.Stdin), workspace.Variables(), args)
            : ToolProcess.Run(@case.Tool, workspace.Work(), workspace.Expand(@case.Stdin), workspace.Variables(), args);

        Assert.True(@case.Exit == result.Exit, $"exit {result.Exit}, expected {@case.Exit}; stderr: {result.Err}");

        // The fragments must be in the error (and its hint), not merely somewhere in stderr: the info lines
        // before the error ("using the primary keystore …") already name the home's files.
        var error = ErrorText(@case.Tool, result.Err);
        Assert.True(error.Length > 0, $"no '{@case.Tool}: error: ' line: {result.Err}");
        foreach (var fragment in @case.Expect.Select(workspace.Expand))
        {
            Assert.True(error.Contains(fragment, StringComparison.Ordinal), $"the error lacks '{fragment}': {result.Err}");
        }

        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Err, StringComparison.Ordinal);
        var hygiene = new SecretHygiene().Track(Workspace.Password).Track(Workspace.Plaintexts).Track(@case.Secrets);
        hygiene.AssertClean("stdout", result.Out);
        hygiene.AssertClean("stderr", result.Err);

        var after = workspace.Snapshot();
        // The one file a failed writer may add is its lock, which stays by design (docs/decisions.md): empty and private.
        var lockFile = Path.Combine("home", "conf", ".secvault.lock");
        if (!before.ContainsKey(lockFile) && after.Remove(lockFile, out var lockBytes))
        {
            Assert.Empty(lockBytes);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(workspace.Home("conf", ".secvault.lock")));
        }

        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, bytes) in before)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(after[path]), $"{path} changed");
        }
    }

    /// <summary>
    /// The error lines (<c>&lt;tool&gt;: error: …</c>), their hint lines and any unprefixed continuation lines of a
    /// multi-line error; every other prefixed line (information, warnings) is left out.
    /// </summary>
    private static string ErrorText(string tool, string stderr)
    {
        var lines = new List<string>();
        var inError = false;
        foreach (var line in stderr.Split('\n'))
        {
            if (line.StartsWith($"{tool}: error: ", StringComparison.Ordinal) || line.StartsWith($"{tool}: hint: ", StringComparison.Ordinal))
            {
                inError = true;
                lines.Add(line);
            }
            else if (line.StartsWith($"{tool}: ", StringComparison.Ordinal))
            {
                inError = false;
            }
            else if (inError)
            {
                lines.Add(line);
            }
        }

        return lines.Count == 0 || !lines.Exists(l => l.StartsWith($"{tool}: error: ", StringComparison.Ordinal)) ? string.Empty : string.Join('\n', lines);
    }

    [Fact]
    public void The_error_text_leaves_out_the_information_lines_before_it()
    {
        var stderr = "ciphertool: using the primary keystore a/wso2carbon.jks (JKS, alias wso2carbon)\nciphertool: error: the keystore password is wrong\nciphertool: hint: check it\n";

        var error = ErrorText("ciphertool", stderr);

        Assert.Equal("ciphertool: error: the keystore password is wrong\nciphertool: hint: check it\n", error);
        Assert.Equal(string.Empty, ErrorText("ciphertool", "ciphertool: using the primary keystore a/wso2carbon.jks\n"));
    }

    [Fact]
    public void The_matrix_has_at_least_forty_cases_over_both_executables()
    {
        Assert.True(Cases.Count >= 40, $"{Cases.Count} cases");
        Assert.Contains(Cases, c => c.Tool == "ciphertool");
        Assert.Contains(Cases, c => c.Tool == "mi" && c.Args[1] == "create");
        Assert.Contains(Cases, c => c.Tool == "mi" && c.Args[1] == "resolve");
        Assert.Equal(Cases.Count, Cases.Select(c => c.Name).Distinct().Count());
    }

    private static string Password => Workspace.Password + "\n";

    private static void Toml(Workspace w, string text) => w.WriteToml(text);

    private static void Bytes(Workspace w, byte[] bytes) => w.WriteTomlBytes(bytes);

    private static void WorkFile(Workspace w, string name, string text) => File.WriteAllText(w.Work(name), text, new UTF8Encoding(false));

    private static void WorkBytes(Workspace w, string name, byte[] bytes) => File.WriteAllBytes(w.Work(name), bytes);

    /// <summary>Encrypts the base home with ciphertool, so runtime cases start from a configured home.</summary>
    private static void Configured(Workspace w, string? toml = null)
    {
        if (toml is not null)
        {
            w.WriteToml(toml);
        }

        var result = ToolProcess.Run("ciphertool", w.Work(), Password, w.Variables(), "-Dcarbon.home=" + w.Home(), "-Dpassword.stdin", "-Dconfigure");
        Assert.True(result.Exit == 0, "configure failed: " + result.Err);
    }

    private static string SecretLine(Workspace w, string alias) =>
        File.ReadAllLines(w.TomlPath).Single(l => l.StartsWith(alias + " = ", StringComparison.Ordinal));

    private static void ReplaceSecret(Workspace w, string alias, string literal)
    {
        var text = File.ReadAllText(w.TomlPath);
        File.WriteAllText(w.TomlPath, text.Replace(SecretLine(w, alias), $"{alias} = {literal}", StringComparison.Ordinal));
    }

    private static void ReplaceWithVector(Workspace w, string keystore)
    {
        Configured(w);
        var other = VectorManifest.Load().CiphertextsOf(keystore).First(c => c.Transformation.Contains("OAEP", StringComparison.Ordinal)).Ciphertext;
        ReplaceSecret(w, "db_password", $"\"{other}\"");
    }

    private static readonly string[] Resolve = ["secret", "resolve", "--home", "{home}", "--password-stdin"];

    private static readonly IReadOnlyList<BadInputCase> Cases =
    [
        // ---- ciphertool: deployment.toml
        new("toml-unterminated-table", "ciphertool", [Configure], Password, 1, ["conf/deployment.toml:2:"],
            w => Toml(w, "[server]\n[secrets\na = \"[x1x1x1]\"\n")),
        new("toml-duplicate-alias", "ciphertool", [Configure], Password, 1, ["defined twice"],
            w => Toml(w, "[secrets]\na = \"[one1]\"\na = \"[two2]\"\n")),
        new("toml-duplicate-table", "ciphertool", [Configure], Password, 1, ["conf/deployment.toml:3:"],
            w => Toml(w, "[secrets]\na = \"[one1]\"\n[secrets]\nb = \"[two2]\"\n")),
        new("toml-non-string-secret", "ciphertool", [Configure], Password, 1, ["conf/deployment.toml:2:8", "[secrets] port"],
            w => Toml(w, "[secrets]\nport = 8243\n")),
        new("toml-array-secret", "ciphertool", [Configure], Password, 1, ["conf/deployment.toml:2:8", "[secrets] list"],
            w => Toml(w, "[secrets]\nlist = [\"[a1a1]\"]\n")),
        new("toml-secret-over-rsa-limit", "ciphertool", [Configure], Password, 1, ["'big'", "215 bytes", "at most 214"],
            w => Toml(w, $"[secrets]\nbig = \"[{new string('x', 215)}]\"\n")),
        new("toml-secret-literal-over-1-MiB", "ciphertool", [Configure], Password, 1, ["'huge'"],
            w => Toml(w, $"[secrets]\nhuge = \"[{new string('y', 2 * 1024 * 1024)}]\"\n")),
        new("toml-invalid-utf8", "ciphertool", [Configure], Password, 1, ["conf/deployment.toml:2:"],
            w => Bytes(w, [.. "[secrets]\na = \"[x"u8, 0xC3, 0x28, .. "]\"\n"u8])),
        new("toml-utf16-with-bom", "ciphertool", [Configure], Password, 1, ["conf/deployment.toml"],
            w => Bytes(w, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("[secrets]\na = \"[x1x1x1]\"\n")])),
        new("toml-truncated-string", "ciphertool", [Configure], Password, 1, ["conf/deployment.toml:2:"],
            w => Toml(w, "[secrets]\na = \"[x1x1x1")),
        new("toml-garbage", "ciphertool", [Configure], Password, 1, ["conf/deployment.toml:1:"],
            w => Bytes(w, [0x00, 0xFF, 0x13, 0x37, 0x7F, 0x01])),
        new("toml-missing", "ciphertool", [Configure], Password, 1, ["deployment.toml"],
            w => File.Delete(w.TomlPath)),
        new("toml-is-a-folder", "ciphertool", [Configure], Password, 1, ["deployment.toml"],
            w =>
            {
                File.Delete(w.TomlPath);
                Directory.CreateDirectory(w.TomlPath);
            }),
        new("toml-unreadable", "ciphertool", [Configure], Password, 1, ["deployment.toml"],
            w => File.SetUnixFileMode(w.TomlPath, UnixFileMode.None), Unprivileged: true),
        new("toml-over-64-MiB", "ciphertool", [Configure], Password, 1, ["deployment.toml"],
            w =>
            {
                using var stream = File.OpenWrite(w.TomlPath);
                stream.SetLength(65L * 1024 * 1024);
            }),
        new("toml-secret-placeholder-in-keystore-path", "ciphertool", [Configure], Password, 1, ["$secret{db_password}"],
            w => Toml(w, Workspace.BaseToml.Replace("repository/resources/security/wso2carbon.jks", "$secret{db_password}", StringComparison.Ordinal))),
        new("toml-undefined-env-in-keystore-path", "ciphertool", [Configure], Password, 1, ["NO_SUCH_VARIABLE_42"],
            w => Toml(w, Workspace.BaseToml.Replace("repository/resources/security/wso2carbon.jks", "$env{NO_SUCH_VARIABLE_42}/x.jks", StringComparison.Ordinal))),

        // ---- ciphertool: keystores and passwords
        new("keystore-wrong-password", "ciphertool", [Configure], "not-the-password\n", 1, ["password"]),
        new("keystore-truncated", "ciphertool", [Configure], Password, 1, ["wso2carbon.jks"],
            w => File.WriteAllBytes(w.KeystorePath, File.ReadAllBytes(w.KeystorePath)[..700])),
        new("keystore-garbage", "ciphertool", [Configure], Password, 1, ["wso2carbon.jks"],
            w => File.WriteAllBytes(w.KeystorePath, Encoding.ASCII.GetBytes(new string('z', 3000)))),
        new("keystore-empty-file", "ciphertool", [Configure], Password, 1, ["wso2carbon.jks"],
            w => File.WriteAllBytes(w.KeystorePath, [])),
        new("keystore-declared-pkcs12-is-jceks", "ciphertool", [Configure], "wso2carbon\n", 1, ["PKCS12", "JCEKS"],
            w =>
            {
                Workspace.CopyKeystore("jceks-rsa2048", w.KeystorePath);
                Toml(w, Workspace.BaseToml.Replace("file_name = ", "type = \"PKCS12\"\nfile_name = ", StringComparison.Ordinal));
            }),
        new("keystore-unknown-alias", "ciphertool", [Configure], Password, 1, ["'nope'", "wso2carbon"],
            w => Toml(w, Workspace.BaseToml.Replace("file_name = ", "alias = \"nope\"\nfile_name = ", StringComparison.Ordinal))),
        new("keystore-ec-key", "ciphertool", [Configure], "wso2carbon\n", 1, ["EC"],
            w => Workspace.CopyKeystore("jks-ec", w.KeystorePath)),
        new("keystore-secret-key-entry", "ciphertool", [Configure], "wso2carbon\n", 1, ["wso2carbon"],
            w =>
            {
                Workspace.CopyKeystore("jceks-secretkey", w.KeystorePath);
                Toml(w, Workspace.BaseToml.Replace("file_name = ", "type = \"JCEKS\"\nfile_name = ", StringComparison.Ordinal));
            }),
        new("keystore-missing", "ciphertool", [Configure], Password, 1, ["wso2carbon.jks"],
            w => File.Delete(w.KeystorePath)),
        new("keystore-is-a-folder", "ciphertool", [Configure], Password, 1, ["wso2carbon.jks"],
            w =>
            {
                File.Delete(w.KeystorePath);
                Directory.CreateDirectory(w.KeystorePath);
            }),
        new("keystore-dangling-symlink", "ciphertool", [Configure], Password, 1, ["wso2carbon.jks"],
            w =>
            {
                File.Delete(w.KeystorePath);
                File.CreateSymbolicLink(w.KeystorePath, w.Home("nowhere.jks"));
            }),
        new("deployment-toml-dangling-symlink", "ciphertool", [Configure], Password, 1, ["deployment.toml"],
            w =>
            {
                File.Delete(w.TomlPath);
                File.CreateSymbolicLink(w.TomlPath, w.Home("conf", "gone.toml"));
            }),
        new("password-stdin-empty", "ciphertool", [Configure], "", 1, ["standard input is empty"]),
        new("password-none-and-no-terminal", "ciphertool", ["-Dcarbon.home={home}", "-Dconfigure"], "", 1, ["not a terminal", "hint: use -Dpassword.stdin"]),

        // ---- ciphertool: usage
        new("usage-unknown-option", "ciphertool", ["-Dcarbon.home={home}", "-Dconfgure"], Password, 2, ["-Dconfgure"]),
        new("usage-bare-argument", "ciphertool", ["-Dcarbon.home={home}", "configure"], Password, 2, ["argument 2 is not an option"]),
        new("usage-blank-transformation", "ciphertool", [Configure, "-Dorg.wso2.CipherTransformation="], Password, 2, ["RSA/ECB/OAEPwithSHA1andMGF1Padding"]),
        new("usage-sha256-oaep", "ciphertool", [Configure, "-Dorg.wso2.CipherTransformation=RSA/ECB/OAEPWithSHA-256AndMGF1Padding"], Password, 2, ["OAEPWithSHA-256AndMGF1Padding"]),
        new("usage-configure-and-change", "ciphertool", [Configure, "-Dchange"], Password, 2, ["-Dchange"]),
        new("symmetric-alias-not-a-secret-key", "ciphertool", [Configure, "-Dsymmetric"], Password, 1, ["is not a secret key"]),
        new("home-missing-folder", "ciphertool", ["-Dcarbon.home={work}/no-home", "-Dpassword.stdin", "-Dconfigure"], Password, 1, ["{work}/no-home"]),

        // ---- mi secret init / create
        new("mi-create-not-initialised", "mi", ["secret", "create"], "a\nb1b1b1\n", 1, ["not been initialized", "mi secret init"]),
        new("mi-init-wrong-password", "mi", ["secret", "init", "--keystore", "{home}/repository/resources/security/wso2carbon.jks", "--type", "JKS", "--alias", "wso2carbon", "--password-stdin"], "wrong-password\n", 1, ["wso2carbon.jks"],
            w => w.InitCli()),
        new("mi-init-ec-keystore", "mi", ["secret", "init", "--keystore", "{work}/ec.jks", "--type", "JKS", "--alias", "wso2carbon", "--password-stdin"], "wso2carbon\n", 1, ["EC"],
            w => Workspace.CopyKeystore("jks-ec", w.Work("ec.jks"))),
        new("mi-init-unknown-alias", "mi", ["secret", "init", "--keystore", "{home}/repository/resources/security/wso2carbon.jks", "--type", "JKS", "--alias", "ghost", "--password-stdin"], Password, 1, ["'ghost'", "wso2carbon"]),
        new("mi-init-garbage-keystore", "mi", ["secret", "init", "--keystore", "{work}/junk.p12", "--type", "PKCS12", "--alias", "a", "--password-stdin"], Password, 1, ["junk.p12"],
            w => WorkBytes(w, "junk.p12", [0x30, 0x82, 0x01, 0x00, 0xDE, 0xAD])),
        new("mi-init-missing-option-without-terminal", "mi", ["secret", "init", "--type", "JKS", "--alias", "a", "--password-stdin"], Password, 2, ["--keystore"]),
        new("mi-create-bad-unicode-escape", "mi", ["secret", "create", "-f", "bad.properties"], "", 1, ["bad.properties", "3"],
            w =>
            {
                w.InitCli();
                WorkFile(w, "bad.properties", "ok = v4lu3v\n# comment\nbroken = \\u12G4\n");
            }),
        new("mi-create-invalid-utf8-properties", "mi", ["secret", "create", "-f", "bad.properties"], "", 1, ["bad.properties", "2"],
            w =>
            {
                w.InitCli();
                WorkBytes(w, "bad.properties", [.. "a = v4lu3v\nb = "u8, 0xC3, 0x28, .. "\n"u8]);
            }),
        new("mi-create-missing-bulk-file", "mi", ["secret", "create", "-f", "nowhere.properties"], "", 1, ["nowhere.properties"],
            w => w.InitCli()),
        new("mi-create-empty-value", "mi", ["secret", "create", "-f", "s.properties"], "", 1, ["'empty'", "2"],
            w =>
            {
                w.InitCli();
                WorkFile(w, "s.properties", "a = v4lu3v\nempty =\n");
            }),
        new("mi-create-bulk-line-of-100-MB", "mi", ["secret", "create", "-f", "huge.properties"], "", 1, ["huge.properties"],
            w =>
            {
                w.InitCli();
                using var stream = File.Create(w.Work("huge.properties"));
                stream.Write("big = "u8);
                var block = new byte[1024 * 1024];
                block.AsSpan().Fill((byte)'q');
                for (var i = 0; i < 100; i++)
                {
                    stream.Write(block);
                }
            }),
        new("mi-create-k8-invalid-key", "mi", ["secret", "create", "-o", "k8"], "bad key\nv4lu3v-x\n", 1, ["'bad key'"],
            w => w.InitCli()),
        new("mi-create-odd-piped-lines", "mi", ["secret", "create"], "alias-only\n", 1, ["line 1"],
            w => w.InitCli()),
        new("mi-create-secret-too-long", "mi", ["secret", "create"], $"long\n{new string('k', 215)}\n", 1, ["'long'", "215 bytes", "at most 214"],
            w => w.InitCli()),
        new("mi-create-out-is-a-folder", "mi", ["secret", "create", "-o", "file", "--out", "{work}/outdir"], "a\nv4lu3v-x\n", 1, ["{work}/outdir"],
            w =>
            {
                w.InitCli();
                Directory.CreateDirectory(w.Work("outdir"));
            }),
        new("mi-create-invalid-k8-name", "mi", ["secret", "create", "-o", "k8", "--name", "Not_A_DNS_Name"], "a\nv4lu3v-x\n", 2, ["Not_A_DNS_Name"],
            w => w.InitCli()),
        new("mi-create-unknown-cipher", "mi", ["secret", "create", "-c", "AES/GCM/NoPadding"], "a\nv4lu3v-x\n", 2, ["AES/GCM/NoPadding"],
            w => w.InitCli()),
        new("mi-create-certificate-changed-since-init", "mi", ["secret", "create"], "a\nv4lu3v-x\n", 1, ["mi secret init"],
            w =>
            {
                w.InitCli();
                var config = w.Cli("keystore_info.yaml");
                var text = File.ReadAllText(config);
                var start = text.IndexOf("certificateSha256: ", StringComparison.Ordinal) + "certificateSha256: ".Length;
                File.WriteAllText(config, text[..start] + (text[start] == 'A' ? 'B' : 'A') + text[(start + 1)..]);
            }),

        // ---- runtime: mi secret resolve on a configured home
        new("runtime-corrupt-base64", "mi", Resolve, Password, 1, ["db_password"],
            w =>
            {
                Configured(w);
                ReplaceSecret(w, "db_password", "\"not*base64!\"");
            }),
        new("runtime-ciphertext-of-a-bigger-key", "mi", Resolve, Password, 1, ["db_password", "made with another key"],
            w => ReplaceWithVector(w, "jks-rsa4096")),
        new("runtime-ciphertext-of-another-same-size-key", "mi", [.. Resolve, "--diagnose-padding"], Password, 1, ["db_password", "does not decrypt with key 'wso2carbon' (SHA-256 "],
            w => ReplaceWithVector(w, "jks-rsa2048")),
        new("runtime-ciphertext-of-another-same-size-key-undiagnosed", "mi", Resolve, Password, 1, ["db_password", "does not decrypt with the vault's key and transformation", "--diagnose-padding"],
            w => ReplaceWithVector(w, "jks-rsa2048")),
        new("runtime-padding-mismatch", "mi", [.. Resolve, "--diagnose-padding"], Password, 1, ["db_password", "RSA/ECB/OAEPwithSHA1andMGF1Padding", "RSA/ECB/PKCS1Padding"],
            w =>
            {
                Configured(w);
                var path = w.Home("conf", "security", "secret-conf.properties");
                File.WriteAllText(path, File.ReadAllText(path).Replace("file.algorithm=RSA/ECB/OAEPwithSHA1andMGF1Padding", "file.algorithm=RSA/ECB/PKCS1Padding", StringComparison.Ordinal));
            }),
        new("runtime-undefined-env", "mi", Resolve, Password, 1, ["MISSING_VAR_7", "conf/deployment.toml:"],
            w => Configured(w, Workspace.BaseToml + "[server.extra]\nurl = \"$env{MISSING_VAR_7}\"\n")),
        new("runtime-empty-sys", "mi", [.. Resolve, "-D", "empty.prop="], Password, 1, ["empty.prop"],
            w => Configured(w, Workspace.BaseToml + "[server.extra]\nurl = \"$sys{empty.prop}\"\n")),
        new("runtime-unknown-alias", "mi", Resolve, Password, 1, ["ghost_alias"],
            w => Configured(w, Workspace.BaseToml + "[server.extra]\npw = \"$secret{ghost_alias}\"\n")),
        new("runtime-plain-marker-left", "mi", Resolve, Password, 1, ["db_password", "ciphertool -Dconfigure"]),
        new("runtime-vault-not-configured", "mi", Resolve, Password, 1, ["secure vault is not configured"],
            w =>
            {
                Configured(w);
                File.Delete(w.Home("conf", "security", "secret-conf.properties"));
            }),
        new("runtime-wrong-password", "mi", Resolve, "wrong-password\n", 1, ["password"],
            w => Configured(w)),
        new("runtime-non-string-secret", "mi", Resolve, Password, 1, ["db_password"],
            w =>
            {
                Configured(w);
                ReplaceSecret(w, "db_password", "5");
            }),
    ];

    /// <summary>
    /// One row of the matrix; <paramref name="Secrets"/> are extra values that must not leak. An
    /// <paramref name="Unprivileged"/> case runs the tool as "nobody" (owning the workspace) when the tests run as root.
    /// </summary>
    private sealed record BadInputCase(
        string Name,
        string Tool,
        string[] Args,
        string Stdin,
        int Exit,
        string[] Expect,
        Action<Workspace>? Arrange = null,
        bool Unprivileged = false,
        params string[] Secrets);
}
