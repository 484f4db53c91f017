using System.Text;
using SecVault.Testing;

namespace SecVault.Cli.Tests;

/// <summary>
/// An MI home for the runtime commands (verify, resolve, exec): a JKS keystore with a non-ASCII password, secrets
/// made by the JDK and by SecVault, a dynamic secret from <c>API_KEY_CIPHERTEXT</c>, and a scratch <see cref="MiHarness"/>.
/// </summary>
internal sealed class RuntimeHome : IDisposable
{
    public const string Oaep = "RSA/ECB/OAEPwithSHA1andMGF1Padding";
    public const string Pkcs1 = "RSA/ECB/PKCS1Padding";
    public const string DbPassword = "S3cret-db ✓";
    public const string ApiKey = "sample-api-key-42";

    public RuntimeHome(string algorithm = Oaep)
    {
        Home = new TestMiHome("jks-unicode-password", algorithm);
        DbCiphertext = Home.Encrypt(DbPassword);
        ApiKeyCiphertext = Home.Encrypt(ApiKey);
        AdminCiphertext = Home.Vector(Oaep, "brackets").Ciphertext;
        AdminPassword = Encoding.UTF8.GetString(Home.Vector(Oaep, "brackets").Plaintext());
        Home.WriteToml(SoundToml);
    }

    public MiHarness Mi { get; } = new();

    public TestMiHome Home { get; }

    public string Password => Home.Keystore.StorePassword;

    public string DbCiphertext { get; }

    public string ApiKeyCiphertext { get; }

    /// <summary>A JDK-made OAEP ciphertext.</summary>
    public string AdminCiphertext { get; }

    public string AdminPassword { get; }

    public string SoundToml =>
        "[server]\nhostname = \"localhost\"\noffset = 10\n\n" +
        "[keystore.primary]\npassword = \"$secret{db_password}\" # the store\n\n" +
        "[secrets]\n" +
        $"db_password = \"{DbCiphertext}\"\n" +
        $"admin_password = \"{AdminCiphertext}\"\n" +
        "api_key = \"$env{API_KEY_CIPHERTEXT}\"\n\n" +
        "[[datasource]]\nid = \"WSO2_DB\"\nurl = \"jdbc:h2:mem:x;password=$secret{admin_password}\"\n" +
        "api = '$secret{api_key}'\nhome = \"$sys{carbon.home}\"\n";

    /// <summary>Writes <see cref="SoundToml"/> with more <c>[secrets]</c> entries (alias, ciphertext) before <c>api_key</c>.</summary>
    public void WriteTomlWith(params (string Alias, string Ciphertext)[] secrets) =>
        Home.WriteToml(SoundToml.Replace("api_key = ", string.Concat(secrets.Select(s => $"{s.Alias} = \"{s.Ciphertext}\"\n")) + "api_key = ", StringComparison.Ordinal));

    /// <summary>The harness variables plus the dynamic secret's ciphertext.</summary>
    public Dictionary<string, string> Variables
    {
        get
        {
            var variables = Mi.Variables;
            variables["API_KEY_CIPHERTEXT"] = ApiKeyCiphertext;
            return variables;
        }
    }

    public SecretHygiene Hygiene => new SecretHygiene().Track(Password, DbPassword, AdminPassword, ApiKey);

    /// <summary><c>secret &lt;command&gt; --home &lt;home&gt; --password-stdin &lt;args&gt;</c>.</summary>
    public string[] Args(string command, params string[] args) => ["secret", command, "--home", Home.Path, "--password-stdin", .. args];

    /// <summary>Runs in process with the password on standard input.</summary>
    public MiResult Run(string command, params string[] args) => Run(Variables, command, args);

    public MiResult Run(IReadOnlyDictionary<string, string> variables, string command, params string[] args) =>
        Mi.Run(new TestConsole(Password + "\n"), variables, Args(command, args));

    /// <summary>Runs <c>mi</c> as a process with the password (and <paramref name="moreInput"/>) on standard input.</summary>
    public MiResult RunProcess(string command, string[] args, string moreInput = "") =>
        Mi.RunProcess(Password + "\n" + moreInput, Variables, Args(command, args));

    public void AssertClean(MiResult result)
    {
        var hygiene = Hygiene;
        hygiene.AssertClean("stdout", result.StdOut);
        hygiene.AssertClean("stderr", result.StdErr);
    }

    public void Dispose()
    {
        Home.Dispose();
        Mi.Dispose();
    }
}

/// <summary>Signal dispositions of the test process.</summary>
internal static class Signals
{
    /// <summary>Whether signal <paramref name="number"/> is ignored in this process (Linux: the SigIgn mask of /proc/self/status).</summary>
    public static bool IgnoredHere(int number)
    {
        if (!File.Exists("/proc/self/status"))
        {
            return false;
        }

        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (ulong.Parse(line["SigIgn:".Length..].Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture) & (1UL << (number - 1))) != 0;
    }
}
