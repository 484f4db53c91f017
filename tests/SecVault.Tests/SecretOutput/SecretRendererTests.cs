using System.Security.Cryptography;
using System.Text;
using SecVault.Ciphers;
using SecVault.Properties;
using SecVault.SecretOutput;
using SecVault.Testing;
using YamlDotNet.RepresentationModel;

namespace SecVault.Tests.SecretOutput;

public sealed class SecretRendererTests
{
    private static readonly EncryptedSecret[] Secrets =
    [
        new("zeta", "Zm9v+/=="),
        new("Alpha", "YmFy"),
        new("1_000", "12345"),
    ];

    [Fact]
    public void RenderConsole_writes_alias_colon_ciphertext_lines_in_input_order()
    {
        Assert.Equal("zeta : Zm9v+/==\nAlpha : YmFy\n1_000 : 12345\n", SecretRenderer.RenderConsole(Secrets));
    }

    [Fact]
    public void RenderProperties_escapes_keys_and_leaves_ciphertexts_as_they_are()
    {
        var text = Encoding.UTF8.GetString(SecretRenderer.RenderProperties([new("a b=c", "QQ=="), new("d", "Rg==")]));

        Assert.Equal("a\\ b\\=c = QQ==\nd = Rg==\n", text);
        var back = PropertiesReader.ReadUtf8(new MemoryStream(Encoding.UTF8.GetBytes(text)), "p");
        Assert.Equal(["a b=c", "d"], back.Select(e => e.Key));
        Assert.Equal(["QQ==", "Rg=="], back.Select(e => e.Value));
    }

    [Fact]
    public void RenderKubernetesSecret_sorts_keys_ordinally_and_quotes_ambiguous_scalars()
    {
        var text = Encoding.UTF8.GetString(SecretRenderer.RenderKubernetesSecret(Secrets, "wso2secret", null));

        Assert.Equal(
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: wso2secret\nstringData:\n  \"1_000\": \"12345\"\n  Alpha: YmFy\n  zeta: Zm9v+/==\ntype: Opaque\n",
            text);
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var data = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("stringData")];
        Assert.Equal("12345", ((YamlScalarNode)data.Children[new YamlScalarNode("1_000")]).Value);
    }

    [Fact]
    public void RenderKubernetesSecret_writes_the_namespace_after_the_name_when_given()
    {
        var text = Encoding.UTF8.GetString(SecretRenderer.RenderKubernetesSecret([new("db_password", "QUJD")], "vault", "prod"));

        Assert.Equal("apiVersion: v1\nkind: Secret\nmetadata:\n  name: vault\n  namespace: prod\nstringData:\n  db_password: QUJD\ntype: Opaque\n", text);
    }

    [Theory]
    [InlineData("Bad_Name", null, "name")]
    [InlineData("wso2secret", "a.b", "kubernetesNamespace")]
    [InlineData("-x", "prod", "name")]
    public void RenderKubernetesSecret_refuses_invalid_names_naming_the_argument(string name, string? ns, string argument)
    {
        var e = Assert.Throws<ArgumentException>(() => SecretRenderer.RenderKubernetesSecret(Secrets, name, ns));

        Assert.Equal(argument, e.ParamName);
    }

    [Fact]
    public void RenderKubernetesSecret_refuses_an_alias_that_is_not_a_Secret_key()
    {
        var e = Assert.Throws<ArgumentException>(() => SecretRenderer.RenderKubernetesSecret([new("ok", "QQ=="), new("a b", "Qg==")], "wso2secret", null));

        Assert.Equal("secrets", e.ParamName);
        Assert.StartsWith("input: alias 'a b' is not a valid Kubernetes Secret key", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_output_files_are_under_security_in_the_current_folder()
    {
        var separator = Path.DirectorySeparatorChar;

        Assert.Equal($"security{separator}wso2-secrets.properties", SecretRenderer.DefaultPropertiesPath);
        Assert.Equal($"security{separator}wso2-secrets.yaml", SecretRenderer.DefaultKubernetesPath);
    }

    [Fact]
    public void WriteFile_makes_the_missing_folder_and_writes_the_bytes()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("security", "wso2-secrets.yaml");
        byte[] content = [(byte)'a', (byte)':', (byte)' ', (byte)'b', (byte)'\n'];

        Assert.Empty(SecretRenderer.WriteFile(path, content));

        Assert.Equal(content, File.ReadAllBytes(path));
    }

    [Fact]
    public void WritePropertiesFile_makes_the_missing_folder_and_writes_a_key_value_line_per_secret_that_the_private_key_decrypts()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("security", "wso2-secrets.properties");
        using var rsa = RSA.Create(2048);
        var batch = SecretBatch.Prepare([new("a b", "first", 1), new("d", "s\u00e9cond", 2)], SecretOutputFormat.File, "in.properties");

        Assert.Empty(SecretRenderer.WritePropertiesFile(path, batch, new SecretEncryptor(rsa, Transformation.OaepSha1)));

        var lines = File.ReadAllText(path).Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal(string.Empty, lines[2]);
        Assert.Equal([("a\\ b", "first"), ("d", "s\u00e9cond")], lines[..2].Select(line =>
        {
            var (key, ciphertext) = (line[..line.IndexOf(" = ", StringComparison.Ordinal)], line[(line.IndexOf(" = ", StringComparison.Ordinal) + 3)..]);
            Assert.Equal(344, ciphertext.Length);
            return (key, Encoding.UTF8.GetString(rsa.Decrypt(Convert.FromBase64String(ciphertext), RSAEncryptionPadding.OaepSHA1)));
        }));
    }

    [Fact]
    public void WritePropertiesFile_with_a_secret_too_long_for_the_key_makes_no_folder_and_no_file()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("new", "security", "wso2-secrets.properties");
        using var rsa = RSA.Create(2048);
        var batch = SecretBatch.Prepare([new("ok", "x", 1), new("big", new string('x', 300), 2)], SecretOutputFormat.File, "in.properties");

        var error = Assert.Throws<CipherException>(() => SecretRenderer.WritePropertiesFile(path, batch, new SecretEncryptor(rsa, Transformation.OaepSha1)));

        Assert.Equal("big", error.Alias);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void Every_entry_point_refuses_null_arguments()
    {
        using var folder = new TempFolder();
        var file = folder.Combine("out");
        Assert.Throws<ArgumentNullException>("secrets", () => SecretRenderer.RenderConsole(null!));
        Assert.Throws<ArgumentNullException>("secrets", () => SecretRenderer.RenderProperties(null!));
        Assert.Throws<ArgumentNullException>("secrets", () => SecretRenderer.RenderKubernetesSecret(null!, "wso2secret", null));
        Assert.Throws<ArgumentNullException>("path", () => SecretRenderer.WriteFile(null!, []));
        Assert.Throws<ArgumentException>("path", () => SecretRenderer.WriteFile(string.Empty, []));
        Assert.Throws<ArgumentNullException>("content", () => SecretRenderer.WriteFile(file, null!));
        using var rsa = RSA.Create(2048);
        var encryptor = new SecretEncryptor(rsa, Transformation.OaepSha1);
        var batch = SecretBatch.Prepare([new("a", "x", 1)], SecretOutputFormat.File, "in");
        Assert.Throws<ArgumentNullException>("path", () => SecretRenderer.WritePropertiesFile(null!, batch, encryptor));
        Assert.Throws<ArgumentException>("path", () => SecretRenderer.WritePropertiesFile(string.Empty, batch, encryptor));
        Assert.Throws<ArgumentNullException>("batch", () => SecretRenderer.WritePropertiesFile(file, null!, encryptor));
        Assert.Throws<ArgumentNullException>("encryptor", () => SecretRenderer.WritePropertiesFile(file, batch, null!));
        Assert.False(File.Exists(file));
    }

    [Fact]
    public void An_encrypted_secret_needs_an_alias_and_a_ciphertext_and_prints_only_the_alias()
    {
        Assert.Throws<ArgumentException>("alias", () => new EncryptedSecret(string.Empty, "QQ=="));
        Assert.Throws<ArgumentNullException>("ciphertext", () => new EncryptedSecret("a", null!));
        Assert.Equal("db", new EncryptedSecret("db", "QQ==").ToString());
    }
}
