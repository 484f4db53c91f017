using System.Text;
using SecVault.Ciphers;
using SecVault.IO;
using SecVault.Keystores;
using SecVault.SecretOutput;
using SecVault.Testing;

namespace SecVault.Tests.SecretOutput;

public sealed class SecretFileRotationTests
{
    private static readonly VectorKeystore Vector = VectorManifest.Load().Keystore("jks-multi");

    private static readonly Keystore Store = Keystore.Load(VectorManifest.KeystorePath(Vector), Vector.StorePassword);

    [Fact]
    public void Rotated_properties_and_kubernetes_files_decrypt_with_openssl_under_the_new_key_only()
    {
        using var folder = new TempFolder();
        var (properties, yaml) = WriteUnderFirst(folder);

        var rotation = Prepare(properties, yaml);
        rotation.Commit();

        var rotatedProperties = ReadProperties(properties);
        Assert.Equal(["db_password", "api.key"], rotatedProperties.Keys);
        Assert.Equal("s3cr3t-db", IndependentDecryptor.Decrypt("jks-multi", "second", rotatedProperties["db_password"]));
        Assert.Equal("héllo ☃", IndependentDecryptor.Decrypt("jks-multi", "second", rotatedProperties["api.key"]));
        Assert.ThrowsAny<Exception>(() => IndependentDecryptor.Decrypt("jks-multi", "first", rotatedProperties["db_password"]));
        var text = File.ReadAllText(yaml);
        Assert.StartsWith("apiVersion: v1\nkind: Secret\nmetadata:\n  name: vault\n  namespace: prod\nstringData:\n  db_password: ", text, StringComparison.Ordinal);
        var yamlValue = text.Split('\n').Single(l => l.StartsWith("  db_password: ", StringComparison.Ordinal))["  db_password: ".Length..];
        Assert.Equal("s3cr3t-db", IndependentDecryptor.Decrypt("jks-multi", "second", yamlValue));
        Assert.Equal([2, 1], rotation.Files.Select(f => f.Rotated));
    }

    [Fact]
    public void A_failure_writing_the_second_file_puts_the_first_back_and_names_it()
    {
        using var folder = new TempFolder();
        var (properties, yaml) = WriteUnderFirst(folder);
        var before = (File.ReadAllBytes(properties), File.ReadAllBytes(yaml));
        var rotation = Prepare(properties, yaml);
        rotation.BeforeWrite = i =>
        {
            if (i == 1)
            {
                // The first file is new on disk now; the failure must bring it back.
                Assert.NotEqual(before.Item1, File.ReadAllBytes(properties));
                throw new IOException("injected failure");
            }
        };

        var e = Assert.Throws<FileWriteException>(rotation.Commit);

        Assert.Contains("injected failure", e.Message, StringComparison.Ordinal);
        Assert.Contains($"{properties} was restored", e.Message, StringComparison.Ordinal);
        Assert.Equal(before.Item1, File.ReadAllBytes(properties));
        Assert.Equal(before.Item2, File.ReadAllBytes(yaml));
        Assert.Equal("s3cr3t-db", IndependentDecryptor.Decrypt("jks-multi", "first", ReadProperties(properties)["db_password"]));
    }

    [Fact]
    public void A_rerun_after_a_kill_keeps_the_values_already_under_the_new_key_and_rotates_the_rest()
    {
        using var folder = new TempFolder();
        var (properties, yaml) = WriteUnderFirst(folder);
        Prepare(properties).Commit();
        var rotatedFirstFile = File.ReadAllBytes(properties);

        var rerun = Prepare(properties, yaml);
        rerun.Commit();

        Assert.Equal(rotatedFirstFile, File.ReadAllBytes(properties));
        Assert.Equal((0, 2), (rerun.Files[0].Rotated, rerun.Files[0].AlreadyRotated));
        Assert.Equal((1, 0), (rerun.Files[1].Rotated, rerun.Files[1].AlreadyRotated));
        Assert.Equal("s3cr3t-db", IndependentDecryptor.Decrypt("jks-multi", "second", YamlValue(File.ReadAllText(yaml), "db_password")));
    }

    [Fact]
    public void A_file_whose_name_ends_in_yml_in_any_case_is_read_as_a_Kubernetes_Secret()
    {
        using var folder = new TempFolder();
        var (_, yaml) = WriteUnderFirst(folder);
        var yml = folder.Combine("secret.YML");
        File.Move(yaml, yml);

        Prepare(yml).Commit();

        var text = File.ReadAllText(yml);
        Assert.StartsWith("apiVersion: v1\nkind: Secret\nmetadata:\n  name: vault\n  namespace: prod\n", text, StringComparison.Ordinal);
        Assert.Equal("s3cr3t-db", IndependentDecryptor.Decrypt("jks-multi", "second", YamlValue(text, "db_password")));
    }

    [Fact]
    public void A_missing_file_is_refused_by_the_name_it_was_given()
    {
        using var folder = new TempFolder();
        var missing = folder.Combine("missing.properties");

        var e = Assert.Throws<SecretInputException>(() => Prepare(missing));

        Assert.Equal(SecretInputErrorKind.Unreadable, e.Kind);
        Assert.StartsWith($"cannot read {missing}: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_refuses_null_arguments()
    {
        var first = Store.GetEntry("first");
        var second = Store.GetEntry("second");
        var password = Vector.StorePassword;

        Assert.Throws<ArgumentNullException>("paths", () => SecretFileRotation.Prepare(null!, first, password, Transformation.Default, second, password, Transformation.Default));
        Assert.Throws<ArgumentNullException>("secretValueFiles", () => SecretFileRotation.Prepare([], null!, first, password, Transformation.Default, second, password, Transformation.Default));
        Assert.Throws<ArgumentNullException>("oldKey", () => SecretFileRotation.Prepare([], null!, password, Transformation.Default, second, password, Transformation.Default));
        Assert.Throws<ArgumentNullException>("oldTransformation", () => SecretFileRotation.Prepare([], first, password, null!, second, password, Transformation.Default));
        Assert.Throws<ArgumentNullException>("newKey", () => SecretFileRotation.Prepare([], first, password, Transformation.Default, null!, password, Transformation.Default));
        Assert.Throws<ArgumentNullException>("newTransformation", () => SecretFileRotation.Prepare([], first, password, Transformation.Default, second, password, null!));
    }

    [Fact]
    public void A_value_neither_key_decrypts_stops_the_run_naming_file_line_and_alias_and_writes_nothing()
    {
        using var folder = new TempFolder();
        var (properties, yaml) = WriteUnderFirst(folder);
        File.AppendAllText(properties, "stray = " + Convert.ToBase64String(new byte[256]) + "\n");
        var before = File.ReadAllBytes(yaml);

        var e = Assert.Throws<SecretInputException>(() => Prepare(yaml, properties));

        Assert.Equal($"{properties} line 3: the value of 'stray' decrypts with neither the old key nor the new one; nothing was written", e.Message);
        Assert.Equal(before, File.ReadAllBytes(yaml));
    }

    [Fact]
    public void A_kubernetes_file_with_a_field_create_does_not_write_is_refused()
    {
        using var folder = new TempFolder();
        var (_, yaml) = WriteUnderFirst(folder);
        File.WriteAllText(yaml, File.ReadAllText(yaml).Replace("metadata:\n", "metadata:\n  labels: {a: b}\n", StringComparison.Ordinal));

        var e = Assert.Throws<SecretInputException>(() => Prepare(yaml));

        Assert.Equal(SecretInputErrorKind.UnknownFileForm, e.Kind);
        Assert.Contains("line 4: a field 'mi secret create' does not write", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_properties_file_keeps_every_byte_but_the_values_comments_separators_and_crlf_included()
    {
        using var folder = new TempFolder();
        using var publicKey = Store.GetEntry("first").GetRsaPublicKey();
        var encryptor = new SecretEncryptor(publicKey, Transformation.Default);
        var plaintexts = new[] { "s3cr3t-db", "héllo ☃", "tab-separated", "no final newline" };
        var old = plaintexts.Select(p => encryptor.Encrypt(Encoding.UTF8.GetBytes(p), "test")).ToArray();
        var layout = "\uFEFF# vault secrets, rotated yearly\r\n! owner: ops\r\n\r\n  db_password = {0}\r\napi.key:{1}\r\n"
            + "\t# indented comment\r\nspaced\t{2}\n\r\nlast={3}";
        var path = folder.Combine("wso2-secrets.properties");
        File.WriteAllText(path, string.Format(System.Globalization.CultureInfo.InvariantCulture, layout, old.Cast<object>().ToArray()), new UTF8Encoding(false));
        var before = File.ReadAllBytes(path);

        var rotation = Prepare(path);
        rotation.Commit();

        var after = File.ReadAllBytes(path);
        using var stream = new MemoryStream(after);
        var values = SecretInputReader.ReadProperties(stream, path).Select(e => e.Secret).ToArray();
        Assert.Equal(4, rotation.Files[0].Rotated);
        Assert.Equal(plaintexts, values.Select(v => IndependentDecryptor.Decrypt("jks-multi", "second", v)));
        Assert.Empty(values.Intersect(old));
        Assert.Equal(Masked(before, old), Masked(after, values));
    }

    [Fact]
    public void A_value_on_continuation_lines_becomes_one_line_with_the_entry_s_own_line_ending_and_the_rest_is_kept()
    {
        using var folder = new TempFolder();
        using var publicKey = Store.GetEntry("first").GetRsaPublicKey();
        var old = new SecretEncryptor(publicKey, Transformation.Default).Encrypt(Encoding.UTF8.GetBytes("wrapped secret"), "test");
        var path = folder.Combine("wso2-secrets.properties");
        File.WriteAllText(path, $"# head\r\nwrapped = {old[..40]}\\\r\n    {old[40..]}\r\n# tail\r\n");

        Prepare(path).Commit();

        var lines = File.ReadAllText(path).Split("\r\n");
        Assert.Equal(4, lines.Length);
        Assert.Equal(["# head", "# tail", string.Empty], [lines[0], lines[2], lines[3]]);
        Assert.StartsWith("wrapped = ", lines[1], StringComparison.Ordinal);
        Assert.Equal("wrapped secret", IndependentDecryptor.Decrypt("jks-multi", "second", lines[1]["wrapped = ".Length..]));
    }

    [Fact]
    public void A_file_changed_by_another_process_before_its_write_is_left_alone_and_the_files_written_before_it_are_restored()
    {
        using var folder = new TempFolder();
        var (properties, yaml) = WriteUnderFirst(folder);
        var before = File.ReadAllBytes(properties);
        var rotation = Prepare(properties, yaml);
        rotation.BeforeWrite = i =>
        {
            if (i == 1)
            {
                File.AppendAllText(yaml, "# edited meanwhile\n");
            }
        };

        var e = Assert.Throws<FileWriteException>(rotation.Commit);

        Assert.Equal($"{yaml} was changed by another process since it was read; nothing was written; {properties} was restored to its content before this run", e.Message);
        Assert.Equal(before, File.ReadAllBytes(properties));
        Assert.EndsWith("type: Opaque\n# edited meanwhile\n", File.ReadAllText(yaml), StringComparison.Ordinal);
    }

    [Fact]
    public void Files_written_before_a_failure_are_restored_newest_first_and_one_that_cannot_be_is_named()
    {
        using var folder = new TempFolder();
        var (properties, yaml) = WriteUnderFirst(folder);
        var third = folder.Combine("third.properties");
        File.Copy(properties, third);
        var rotation = Prepare(properties, yaml, third);
        rotation.BeforeWrite = i =>
        {
            if (i == 2)
            {
                // The first file can no longer be put back: a folder stands where it was.
                File.Delete(properties);
                Directory.CreateDirectory(properties);
                throw new IOException("injected failure");
            }
        };

        var e = Assert.Throws<FileWriteException>(rotation.Commit);

        var parts = e.Message.Split("; ", 3);
        Assert.Equal(3, parts.Length);
        Assert.Equal($"cannot write {third}: injected failure", parts[0]);
        Assert.Equal($"{yaml} was restored to its content before this run", parts[1]);
        Assert.StartsWith($"{properties} keeps its new content (every value under the new key) and could not be restored: {properties} is ", parts[2], StringComparison.Ordinal);
        Assert.Equal("s3cr3t-db", IndependentDecryptor.Decrypt("jks-multi", "first", YamlValue(File.ReadAllText(yaml), "db_password")));
    }

    [Fact]
    public void Value_files_get_the_new_ciphertext_on_one_line_with_their_own_final_line_ending()
    {
        using var folder = new TempFolder();
        using var publicKey = Store.GetEntry("first").GetRsaPublicKey();
        var encryptor = new SecretEncryptor(publicKey, Transformation.Default);
        var endings = new[] { "\r\n", "\n", "\r", string.Empty };
        var paths = endings.Select((ending, i) =>
        {
            var old = encryptor.Encrypt(Encoding.UTF8.GetBytes($"file secret {i}"), "test");
            var path = folder.Combine($"secret{i}.txt");
            // Wrapped as base64 tools wrap it, with blanks and a tab around it: MI joins the lines and trims them.
            File.WriteAllText(path, $" \t{old[..30]}{(ending.Length == 0 ? "\n" : ending)}{old[30..]} {ending}");
            return path;
        }).ToArray();

        var rotation = PrepareValueFiles(paths);
        rotation.Commit();

        for (var i = 0; i < paths.Length; i++)
        {
            var text = File.ReadAllText(paths[i]);
            Assert.EndsWith(endings[i], text, StringComparison.Ordinal);
            var value = text[..^endings[i].Length];
            Assert.Matches("^[A-Za-z0-9+/=]+$", value);
            Assert.Equal($"file secret {i}", IndependentDecryptor.Decrypt("jks-multi", "second", value));
        }

        Assert.Equal(paths.Select(p => (p, 1, 0)), rotation.Files.Select(f => (f.Path, f.Rotated, f.AlreadyRotated)));
        var rotated = paths.Select(File.ReadAllBytes).ToArray();

        var rerun = PrepareValueFiles(paths);
        rerun.Commit();

        Assert.Equal(paths.Select(_ => (0, 1)), rerun.Files.Select(f => (f.Rotated, f.AlreadyRotated)));
        Assert.Equal(rotated, paths.Select(File.ReadAllBytes));
    }

    [Fact]
    public void A_value_file_that_is_not_UTF8_is_refused_by_the_name_it_was_given()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("secret.txt");
        File.WriteAllBytes(path, [0x41, 0xFF, 0x41]);

        var e = Assert.Throws<SecretInputException>(() => PrepareValueFiles(path));

        Assert.Equal(SecretInputErrorKind.Unreadable, e.Kind);
        Assert.Equal(path, e.InputName);
        Assert.StartsWith($"cannot read {path}: ", e.Message, StringComparison.Ordinal);
        Assert.Equal([0x41, 0xFF, 0x41], File.ReadAllBytes(path));
    }

    /// <summary>The file's bytes with each of <paramref name="values"/> replaced by a marker, as Latin-1 text (byte for byte).</summary>
    private static string Masked(byte[] bytes, IEnumerable<string> values) =>
        values.Aggregate(Encoding.Latin1.GetString(bytes), (text, value) => text.Replace(value, "<VALUE>", StringComparison.Ordinal));

    private static SecretFileRotation PrepareValueFiles(params string[] paths) =>
        SecretFileRotation.Prepare([], paths, Store.GetEntry("first"), Vector.StorePassword, Transformation.Default, Store.GetEntry("second"), Vector.StorePassword, Transformation.Default);

    private static SecretFileRotation Prepare(params string[] paths) =>
        SecretFileRotation.Prepare(paths, Store.GetEntry("first"), Vector.StorePassword, Transformation.Default, Store.GetEntry("second"), Vector.StorePassword, Transformation.Default);

    private static (string Properties, string Yaml) WriteUnderFirst(TempFolder folder)
    {
        using var publicKey = Store.GetEntry("first").GetRsaPublicKey();
        var encryptor = new SecretEncryptor(publicKey, Transformation.Default);
        string Encrypt(string value) => encryptor.Encrypt(Encoding.UTF8.GetBytes(value), "test");
        var properties = folder.Combine("wso2-secrets.properties");
        File.WriteAllText(properties, $"db_password = {Encrypt("s3cr3t-db")}\napi.key = {Encrypt("héllo ☃")}\n");
        var yaml = folder.Combine("wso2-secrets.yaml");
        File.WriteAllText(yaml, $"apiVersion: v1\nkind: Secret\nmetadata:\n  name: vault\n  namespace: prod\nstringData:\n  db_password: {Encrypt("s3cr3t-db")}\ntype: Opaque\n");
        return (properties, yaml);
    }

    private static string YamlValue(string text, string key) =>
        text.Split('\n').Single(l => l.StartsWith($"  {key}: ", StringComparison.Ordinal))[$"  {key}: ".Length..];

    private static Dictionary<string, string> ReadProperties(string path) =>
        File.ReadAllLines(path).Select(l => l.Split(" = ", 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
}
