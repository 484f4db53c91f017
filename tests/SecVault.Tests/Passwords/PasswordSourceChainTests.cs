using SecVault.Hosting;
using SecVault.Passwords;
using SecVault.Testing;

namespace SecVault.Tests.Passwords;

public sealed class PasswordSourceChainTests
{
    private static readonly PasswordRequest Request = new("ks.jks", SeparateKeyPassword: false);

    [Fact]
    public void Default_order_is_explicit_then_files_then_environment_then_prompt()
    {
        using var folder = new TempFolder();
        var home = SecVault.Home.MiHome.FromPath(folder.Path, SecVault.Home.MiHomeSource.Option, folder.Path);
        var env = new DictionaryEnvironment(new Dictionary<string, string> { ["MI_KEYSTORE_PASSWORD"] = "from-env" });
        var console = new TestConsole(terminalAnswers: ["from-prompt"]);
        var explicitSource = new ExplicitPasswordSource(_ => KeystorePassword.FromStrings("from-explicit"));

        string Get(IPasswordSource? first, IEnvironment environment)
        {
            using var p = PasswordSourceChain.Default(home, environment, first, consumeFiles: false, console).GetPassword(Request);
            return p.Store.ToString();
        }

        File.WriteAllText(Path.Combine(folder.Path, PasswordFileSource.FileNames[2]), "from-file");
        Assert.Equal("from-explicit", Get(explicitSource, env));
        Assert.Equal("from-file", Get(null, env));
        File.Delete(Path.Combine(folder.Path, PasswordFileSource.FileNames[2]));
        Assert.Equal("from-env", Get(null, env));
        Assert.Equal("from-prompt", Get(null, new DictionaryEnvironment(new Dictionary<string, string>())));
        Assert.Equal(PromptPasswordSource.CombinedPrompt, console.ErrorText);
    }

    [Fact]
    public void GetPassword_without_any_source_fails_with_a_hint_naming_sources_one_to_three()
    {
        using var folder = new TempFolder();
        var home = SecVault.Home.MiHome.FromPath(folder.Path, SecVault.Home.MiHomeSource.Option, folder.Path);
        var chain = PasswordSourceChain.Default(home, new DictionaryEnvironment(new Dictionary<string, string>()), null, false, new TestConsole());

        var ex = Assert.Throws<PasswordException>(() => chain.GetPassword(Request));

        Assert.Equal(PasswordErrorKind.NotAvailable, ex.Kind);
        Assert.Contains("--password-stdin", ex.Hint, StringComparison.Ordinal);
        Assert.Contains("password-persist", ex.Hint, StringComparison.Ordinal);
        Assert.Contains("MI_KEYSTORE_PASSWORD", ex.Hint, StringComparison.Ordinal);
    }
}

public sealed class PromptPasswordSourceTests
{
    [Fact]
    public void GetPassword_asks_store_and_key_separately_when_the_key_has_its_own_password()
    {
        var console = new TestConsole(terminalAnswers: ["s", "k"]);

        using var password = new PromptPasswordSource(console).GetPassword(new PasswordRequest("ks", SeparateKeyPassword: true))!;

        Assert.Equal(("s", "k"), (password.Store.ToString(), password.Key.ToString()));
        Assert.Equal("[Enter KeyStore Password :][Enter Private Key Password : ]", console.ErrorText);
    }

    [Fact]
    public void GetPassword_does_not_prompt_without_a_terminal_and_asks_again_after_an_empty_answer()
    {
        Assert.Null(new PromptPasswordSource(new TestConsole("piped\n")).GetPassword(new PasswordRequest("ks", false)));
        var again = new TestConsole(terminalAnswers: ["", "pw"]);
        using (var password = new PromptPasswordSource(again, "ask: ").GetPassword(new PasswordRequest("ks", false))!)
        {
            Assert.Equal("pw", password.Store.ToString());
        }

        Assert.Equal("ask: The password is empty.\nask: ", again.ErrorText);
        var ex = Assert.Throws<PasswordException>(() => new PromptPasswordSource(new TestConsole(terminalAnswers: ["", "", ""])).GetPassword(new PasswordRequest("ks", false)));
        Assert.Equal(PasswordErrorKind.TooManyTries, ex.Kind);
    }
}

public sealed class EnvironmentPasswordSourceTests
{
    [Fact]
    public void GetPassword_needs_MI_KEY_PASSWORD_for_a_separate_key_password()
    {
        var env = new DictionaryEnvironment(new Dictionary<string, string> { ["MI_KEYSTORE_PASSWORD"] = "s3cr3t" });

        var ex = Assert.Throws<PasswordException>(() => new EnvironmentPasswordSource(env).GetPassword(new PasswordRequest("ks", true)));

        Assert.Contains("MI_KEY_PASSWORD", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", ex.Message, StringComparison.Ordinal);
    }
}

public sealed class ExplicitPasswordSourceTests
{
    [Fact]
    public void FromReader_reads_the_password_line_once_and_gives_copies()
    {
        var reader = new StringReader("store-pw\r\nkey-pw\nrest\n");
        var source = ExplicitPasswordSource.FromReader(reader);

        using (var first = source.GetPassword(new PasswordRequest("ks", true))!)
        {
            Assert.Equal(("store-pw", "key-pw"), (first.Store.ToString(), first.Key.ToString()));
        }

        using var second = source.GetPassword(new PasswordRequest("ks", true))!;
        Assert.Equal("store-pw", second.Store.ToString());
        Assert.Equal("rest", reader.ReadLine());
    }

    [Theory]
    [InlineData("", false, "no keystore password: standard input is empty", "first")]
    [InlineData("\nsecond\n", false, "no keystore password: standard input is empty", "first")]
    [InlineData("store\n", true, "no private key password (second line) on standard input", "private key password as the second")]
    [InlineData("store\n\n", true, "no private key password (second line) on standard input", "private key password as the second")]
    public void FromReader_refuses_an_empty_or_missing_line_with_a_hint(string input, bool separateKey, string message, string hint)
    {
        var ex = Assert.Throws<PasswordException>(() => ExplicitPasswordSource.FromReader(new StringReader(input)).GetPassword(new PasswordRequest("ks", separateKey)));

        Assert.Equal((PasswordErrorKind.Incomplete, message), (ex.Kind, ex.Message));
        Assert.Contains(hint, ex.Hint, StringComparison.Ordinal);
    }
}

public sealed class KeystorePasswordTests
{
    [Fact]
    public void Dispose_zeroes_the_buffers_it_owns()
    {
        var store = "abc".ToCharArray();
        var key = "xyz".ToCharArray();
        var password = new KeystorePassword(store, key);

        password.Dispose();

        Assert.All(store, c => Assert.Equal('\0', c));
        Assert.All(key, c => Assert.Equal('\0', c));
        Assert.Throws<ObjectDisposedException>(() => password.Store.Length);
    }

    [Fact]
    public void The_old_keystore_chain_is_file_then_next_stdin_lines_then_old_variables_then_prompt_each_with_a_key_password()
    {
        using var folder = new TempFolder();
        var file = folder.Combine("old-password");
        File.WriteAllText(file, "file-store\r\nfile-key\r\n");
        var env = new DictionaryEnvironment(new Dictionary<string, string>
        {
            ["MI_OLD_KEYSTORE_PASSWORD"] = "env-store",
            ["MI_OLD_KEY_PASSWORD"] = "env-key",
            ["MI_KEYSTORE_PASSWORD"] = "not-the-old-one",
        });
        var separate = new PasswordRequest("old.jks", SeparateKeyPassword: true);

        static (string Store, string Key) Get(PasswordSourceChain chain, PasswordRequest request)
        {
            using var p = chain.TryGetPassword(request)!;
            return (p.Store.ToString(), p.Key.ToString());
        }

        Assert.Equal(("file-store", "file-key"), Get(PasswordSourceChain.OldKeystore(file, new StringReader("stdin-store\nstdin-key\n"), env, null), separate));
        var stdin = new StringReader("new-store\nstdin-store\nstdin-key\n");
        Assert.Equal("new-store", stdin.ReadLine());
        Assert.Equal(("stdin-store", "stdin-key"), Get(PasswordSourceChain.OldKeystore(null, stdin, env, null), separate));

        // An empty or missing line is no password from standard input: the old variables come next, then the prompt.
        Assert.Equal(("env-store", "env-key"), Get(PasswordSourceChain.OldKeystore(null, new StringReader("\n"), env, null), separate));
        var console = new TestConsole(terminalAnswers: ["typed-store", "typed-key"]);
        var prompt = new PromptPasswordSource(console, "[old store]", "[old key]");
        Assert.Equal(("typed-store", "typed-key"), Get(PasswordSourceChain.OldKeystore(null, new StringReader(string.Empty), new DictionaryEnvironment(new Dictionary<string, string>()), prompt), separate));
        Assert.Equal("[old store][old key]", console.ErrorText);
        Assert.Null(PasswordSourceChain.OldKeystore(null, null, new DictionaryEnvironment(new Dictionary<string, string>()), null).TryGetPassword(separate));
    }

    [Fact]
    public void The_old_keystore_chain_names_a_missing_key_line_and_a_missing_key_variable()
    {
        using var folder = new TempFolder();
        var file = folder.Combine("old-password");
        File.WriteAllText(file, "file-store\n");
        var none = new DictionaryEnvironment(new Dictionary<string, string>());
        var separate = new PasswordRequest("old.jks", SeparateKeyPassword: true);

        var fromFile = Assert.Throws<PasswordException>(() => PasswordSourceChain.OldKeystore(file, null, none, null).TryGetPassword(separate));
        Assert.Equal($"password file {file} has no private key password on line 2", fromFile.Message);
        var fromStdin = Assert.Throws<PasswordException>(() => PasswordSourceChain.OldKeystore(null, new StringReader("store\n"), none, null).TryGetPassword(separate));
        Assert.Equal("no private key password for the old keystore on standard input (the line after its keystore password)", fromStdin.Message);
        var env = new DictionaryEnvironment(new Dictionary<string, string> { ["MI_OLD_KEYSTORE_PASSWORD"] = "store" });
        var fromEnv = Assert.Throws<PasswordException>(() => PasswordSourceChain.OldKeystore(null, null, env, null).TryGetPassword(separate));
        Assert.Equal("MI_OLD_KEYSTORE_PASSWORD is set but MI_OLD_KEY_PASSWORD is not, and a separate private key password is enabled", fromEnv.Message);
    }

    [Fact]
    public void The_new_keystore_chain_reads_the_first_lines_then_the_variables_then_the_prompt_and_leaves_the_old_lines()
    {
        var env = new DictionaryEnvironment(new Dictionary<string, string> { ["MI_KEYSTORE_PASSWORD"] = "env-store", ["MI_KEY_PASSWORD"] = "env-key", ["MI_OLD_KEYSTORE_PASSWORD"] = "old" });
        var none = new DictionaryEnvironment(new Dictionary<string, string>());
        var separate = new PasswordRequest("new.jks", SeparateKeyPassword: true);
        static (string, string) Get(PasswordSourceChain chain, PasswordRequest request)
        {
            using var p = chain.GetPassword(request);
            return (p.Store.ToString(), p.Key.ToString());
        }

        var stdin = new StringReader("new-store\nnew-key\nold-store\n");
        Assert.Equal(("new-store", "new-key"), Get(PasswordSourceChain.NewKeystore(stdin, "the new one", env, null), separate));
        Assert.Equal("old-store", stdin.ReadLine());
        Assert.Equal(("env-store", "env-key"), Get(PasswordSourceChain.NewKeystore(new StringReader(string.Empty), "the new one", env, null), separate));
        var console = new TestConsole(terminalAnswers: ["typed-store", "typed-key"]);
        Assert.Equal(("typed-store", "typed-key"), Get(PasswordSourceChain.NewKeystore(null, "the new one", none, new PromptPasswordSource(console, "[store]", "[key]")), separate));
        Assert.Equal("[store][key]", console.ErrorText);
        var missingKey = Assert.Throws<PasswordException>(() => PasswordSourceChain.NewKeystore(new StringReader("store\n"), "the new one", none, null).TryGetPassword(separate));
        Assert.Contains("the new one", missingKey.Message, StringComparison.Ordinal);
        Assert.Null(PasswordSourceChain.NewKeystore(null, "the new one", none, null).TryGetPassword(separate));
    }

    [Fact]
    public void An_old_key_of_the_opened_keystore_takes_its_store_password_and_reads_only_the_key_password()
    {
        using var opened = KeystorePassword.FromStrings("store", "new-key");
        var none = new DictionaryEnvironment(new Dictionary<string, string>());
        var env = new DictionaryEnvironment(new Dictionary<string, string> { ["MI_OLD_KEY_PASSWORD"] = "env-old-key" });
        static (string, string)? Get(KeystorePassword? p)
        {
            using (p)
            {
                return p is null ? null : (p.Store.ToString(), p.Key.ToString());
            }
        }

        var stdin = new StringReader("line-old-key\nnext\n");
        Assert.Equal(("store", "line-old-key"), Get(PasswordSourceChain.OldKeyOfOpenedKeystore(opened, stdin, env, null, "[old key]")));
        Assert.Equal("next", stdin.ReadLine());
        Assert.Equal(("store", "env-old-key"), Get(PasswordSourceChain.OldKeyOfOpenedKeystore(opened, new StringReader("\n"), env, null, "[old key]")));
        var console = new TestConsole(terminalAnswers: ["typed-old-key"]);
        Assert.Equal(("store", "typed-old-key"), Get(PasswordSourceChain.OldKeyOfOpenedKeystore(opened, null, none, console, "[old key]")));
        Assert.Equal("[old key]", console.ErrorText);
        Assert.Null(PasswordSourceChain.OldKeyOfOpenedKeystore(opened, new StringReader(string.Empty), none, new TestConsole(), "[old key]"));
        Assert.Equal("new-key", opened.Key.ToString());
    }
}
