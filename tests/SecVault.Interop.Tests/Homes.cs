using SecVault.Testing;

namespace SecVault.Interop.Tests;

/// <summary>MI homes for the interop tests, configured by SecVault's ciphertool run as a process.</summary>
internal static class Homes
{
    /// <summary>A [secrets] table of plain-text markers, including non-ASCII text and an '=' sign.</summary>
    public const string Secrets = "[secrets]\ndb_password = \"[s3cr3t-db]\"\nunicode = \"[héllo wörld ☃ 密码]\"\nequals = \"[a=b==c]\"\n";

    /// <summary>The plaintexts of <see cref="Secrets"/>, written out independently of SecVault.</summary>
    public static readonly IReadOnlyDictionary<string, string> Plaintexts = new Dictionary<string, string>
    {
        ["db_password"] = "s3cr3t-db",
        ["unicode"] = "héllo wörld ☃ 密码",
        ["equals"] = "a=b==c",
    };

    /// <summary>Runs <c>ciphertool -Dcarbon.home=HOME -Dpassword.stdin ARGS</c> with <paramref name="stdin"/>; asserts exit 0.</summary>
    public static ProcessResult CipherTool(string home, string stdin, params string[] args)
    {
        var result = ToolProcess.Run("ciphertool", home, stdin, null, ["-Dcarbon.home=" + home, "-Dpassword.stdin", .. args]);
        Assert.True(result.Exit == 0, $"ciphertool exited {result.Exit}: {result.Err}");
        return result;
    }

    /// <summary>Runs <c>mi ARGS</c> in <paramref name="folder"/>.</summary>
    public static ProcessResult Mi(string folder, string stdin, IReadOnlyDictionary<string, string?>? environment, params string[] args) =>
        ToolProcess.Run("mi", folder, stdin, environment, args);

    /// <summary>Makes a PKCS12 keystore holding an AES-256 secret key at <paramref name="alias"/> with the JDK's keytool.</summary>
    public static void AesKeystore(string path, string storePassword, string alias, int keySize = 256)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        JavaInterop.Keytool("-genseckey", "-keyalg", "AES", "-keysize", keySize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-storetype", "PKCS12", "-keystore", path, "-storepass", storePassword, "-alias", alias);
    }

    /// <summary>Adds an RSA key pair at <paramref name="alias"/> to a PKCS12 keystore with keytool.</summary>
    public static void AddRsaKeyPair(string path, string storePassword, string alias) =>
        JavaInterop.Keytool("-genkeypair", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=interop", "-storetype", "PKCS12",
            "-keystore", path, "-storepass", storePassword, "-alias", alias);

    /// <summary>
    /// Adds what the upstream Cipher Tool 1.2.6 needs to run, as MI 4.x ships it: <c>conf/carbon.xml</c> naming the
    /// JKS keystore <c>wso2carbon</c>, and the two nearly empty property files it refuses to run without.
    /// </summary>
    public static void AddUpstreamFiles(string home)
    {
        Directory.CreateDirectory(Path.Combine(home, "conf", "security"));
        File.WriteAllText(Path.Combine(home, "conf", "carbon.xml"), CarbonXml);
        File.WriteAllText(Path.Combine(home, "conf", "security", "cipher-text.properties"), string.Empty);
        File.WriteAllText(Path.Combine(home, "conf", "security", "cipher-tool.properties"), string.Empty);
    }

    private const string CarbonXml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Server xmlns="http://wso2.org/projects/carbon/carbon.xml">
          <Security>
            <KeyStore>
              <Location>${carbon.home}/repository/resources/security/wso2carbon.jks</Location>
              <Type>JKS</Type>
              <KeyAlias>wso2carbon</KeyAlias>
            </KeyStore>
          </Security>
        </Server>
        """;
}
