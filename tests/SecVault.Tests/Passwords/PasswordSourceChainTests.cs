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
        Assert.Equal("no password for keystore ks.jks", ex.Message);
        Assert.Contains("--password-stdin", ex.Hint, StringComparison.Ordinal);
        Assert.Contains("password-persist", ex.Hint, StringComparison.Ordinal);
        Assert.Contains("MI_KEYSTORE_PASSWORD", ex.Hint, StringComparison.Ordinal);
    }
    [Fact]
    public void Arguments_are_checked_by_name()
    {
        using var folder = new TempFolder();
        var home = SecVault.Home.MiHome.FromPath(folder.Path, SecVault.Home.MiHomeSource.Option, folder.Path);
        var none = new DictionaryEnvironment(new Dictionary<string, string>());
        using var opened = KeystorePassword.FromStrings("store");
        var chain = new PasswordSourceChain([]);

        Assert.Equal("sources", Assert.Throws<ArgumentNullException>(() => new PasswordSourceChain(null!)).ParamName);
        Assert.Equal("sources", Assert.Throws<ArgumentNullException>(() => new PasswordSourceChain([new EnvironmentPasswordSource(none), null!])).ParamName);
        Assert.Equal("home", Assert.Throws<ArgumentNullException>(() => PasswordSourceChain.Default(null!, none, null, false, null)).ParamName);
        Assert.Equal("environment", Assert.Throws<ArgumentNullException>(() => PasswordSourceChain.Default(home, null!, null, false, null)).ParamName);
        Assert.Equal("environment", Assert.Throws<ArgumentNullException>(() => PasswordSourceChain.OldKeystore(null, null, null!, null)).ParamName);
        Assert.Equal("keystore", Assert.Throws<ArgumentException>(() => PasswordSourceChain.NewKeystore(null, string.Empty, none, null)).ParamName);
        Assert.Equal("environment", Assert.Throws<ArgumentNullException>(() => PasswordSourceChain.NewKeystore(null, "new.jks", null!, null)).ParamName);
        Assert.Equal("opened", Assert.Throws<ArgumentNullException>(() => PasswordSourceChain.OldKeyOfOpenedKeystore(null!, null, none, null, "[key]")).ParamName);
        Assert.Equal("environment", Assert.Throws<ArgumentNullException>(() => PasswordSourceChain.OldKeyOfOpenedKeystore(opened, null, null!, null, "[key]")).ParamName);
        Assert.Equal("keyPrompt", Assert.Throws<ArgumentException>(() => PasswordSourceChain.OldKeyOfOpenedKeystore(opened, null, none, null, string.Empty)).ParamName);
        Assert.Equal("request", Assert.Throws<ArgumentNullException>(() => chain.TryGetPassword(null!)).ParamName);
        Assert.Equal("request", Assert.Throws<ArgumentNullException>(() => chain.GetPassword(null!)).ParamName);
    }

    [Fact]
    public void Name_joins_the_names_of_its_sources_in_order()
    {
        using var folder = new TempFolder();
        var home = SecVault.Home.MiHome.FromPath(folder.Path, SecVault.Home.MiHomeSource.Option, folder.Path);
        var none = new DictionaryEnvironment(new Dictionary<string, string>());
        var console = new TestConsole();

        var all = PasswordSourceChain.Default(home, none, ExplicitPasswordSource.FromReader(new StringReader(string.Empty)), false, console);
        var old = PasswordSourceChain.OldKeystore("old-password", new StringReader(string.Empty), none, new PromptPasswordSource(console));
        var onlyEnvironment = PasswordSourceChain.NewKeystore(null, "new.jks", none, null);

        Assert.Equal("standard input, password file, MI_KEYSTORE_PASSWORD, terminal prompt", all.Name);
        Assert.Equal("password file, standard input, MI_OLD_KEYSTORE_PASSWORD, terminal prompt", old.Name);
        Assert.Equal("MI_KEYSTORE_PASSWORD", onlyEnvironment.Name);
        Assert.Equal(string.Empty, new PasswordSourceChain([]).Name);
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
    [Fact]
    public void Arguments_are_checked_by_name()
    {
        var notTerminal = new TestConsole();

        Assert.Equal("console", Assert.Throws<ArgumentNullException>(() => new PromptPasswordSource(null!)).ParamName);
        Assert.Equal("console", Assert.Throws<ArgumentNullException>(() => new PromptPasswordSource(null!, null, "[key]")).ParamName);
        Assert.Equal("keyPrompt", Assert.Throws<ArgumentException>(() => new PromptPasswordSource(notTerminal, null, string.Empty)).ParamName);
        Assert.Equal("request", Assert.Throws<ArgumentNullException>(() => new PromptPasswordSource(notTerminal).GetPassword(null!)).ParamName);
    }

    [Fact]
    public void Name_is_terminal_prompt()
    {
        Assert.Equal("terminal prompt", new PromptPasswordSource(new TestConsole()).Name);
    }
}


public sealed class EnvironmentPasswordSourceTests
{
    [Fact]
    public void GetPassword_needs_MI_KEY_PASSWORD_for_a_separate_key_password()
    {
        var env = new DictionaryEnvironment(new Dictionary<string, string> { ["MI_KEYSTORE_PASSWORD"] = "s3cr3t", ["MI_KEY_PASSWORD"] = string.Empty });

        var ex = Assert.Throws<PasswordException>(() => new EnvironmentPasswordSource(env).GetPassword(new PasswordRequest("ks", true)));

        Assert.Equal(PasswordErrorKind.Incomplete, ex.Kind);
        Assert.Equal("MI_KEYSTORE_PASSWORD is set but MI_KEY_PASSWORD is not, and a separate private key password is enabled", ex.Message);
    }

    [Fact]
    public void GetPassword_treats_an_empty_store_variable_as_unset_and_uses_a_set_key_variable_even_unasked()
    {
        var empty = new DictionaryEnvironment(new Dictionary<string, string> { ["MI_KEYSTORE_PASSWORD"] = string.Empty, ["MI_KEY_PASSWORD"] = "key" });
        var both = new DictionaryEnvironment(new Dictionary<string, string> { ["MI_KEYSTORE_PASSWORD"] = "store", ["MI_KEY_PASSWORD"] = "key" });
        var storeOnly = new DictionaryEnvironment(new Dictionary<string, string> { ["MI_KEYSTORE_PASSWORD"] = "store", ["MI_KEY_PASSWORD"] = string.Empty });

        var none = new EnvironmentPasswordSource(empty).GetPassword(new PasswordRequest("ks", true));
        using var unasked = new EnvironmentPasswordSource(both).GetPassword(new PasswordRequest("ks", false))!;
        using var same = new EnvironmentPasswordSource(storeOnly).GetPassword(new PasswordRequest("ks", false))!;

        Assert.Null(none);
        Assert.Equal(("store", "key", true), (unasked.Store.ToString(), unasked.Key.ToString(), unasked.HasSeparateKey));
        Assert.Equal(("store", "store", false), (same.Store.ToString(), same.Key.ToString(), same.HasSeparateKey));
    }

    [Fact]
    public void Arguments_are_checked_by_name()
    {
        var none = new DictionaryEnvironment(new Dictionary<string, string>());

        Assert.Equal("environment", Assert.Throws<ArgumentNullException>(() => new EnvironmentPasswordSource(null!)).ParamName);
        Assert.Equal("environment", Assert.Throws<ArgumentNullException>(() => new EnvironmentPasswordSource(null!, "S", "K")).ParamName);
        Assert.Equal("storeVariable", Assert.Throws<ArgumentException>(() => new EnvironmentPasswordSource(none, string.Empty, "K")).ParamName);
        Assert.Equal("keyVariable", Assert.Throws<ArgumentException>(() => new EnvironmentPasswordSource(none, "S", string.Empty)).ParamName);
        Assert.Equal("request", Assert.Throws<ArgumentNullException>(() => new EnvironmentPasswordSource(none).GetPassword(null!)).ParamName);
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
    [Fact]
    public void Arguments_are_checked_by_name()
    {
        var reader = new StringReader("unread\n");
        var none = new ExplicitPasswordSource(_ => null);

        Assert.Equal("provider", Assert.Throws<ArgumentNullException>(() => new ExplicitPasswordSource(null!)).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => new ExplicitPasswordSource(_ => null, null!)).ParamName);
        Assert.Equal("reader", Assert.Throws<ArgumentNullException>(() => ExplicitPasswordSource.FromReader(null!)).ParamName);
        Assert.Equal("reader", Assert.Throws<ArgumentNullException>(() => ExplicitPasswordSource.FromNextLines(null!, "old.jks")).ParamName);
        Assert.Equal("keystore", Assert.Throws<ArgumentException>(() => ExplicitPasswordSource.FromNextLines(reader, string.Empty)).ParamName);
        Assert.Equal("request", Assert.Throws<ArgumentNullException>(() => none.GetPassword(null!)).ParamName);
        Assert.Equal("unread", reader.ReadLine());
    }

    [Fact]
    public void Name_is_the_one_given_explicit_password_by_default_and_standard_input_for_a_reader()
    {
        var empty = new StringReader(string.Empty);

        Assert.Equal("explicit password", new ExplicitPasswordSource(_ => null).Name);
        Assert.Equal("PasswordProvider", new ExplicitPasswordSource(_ => null, "PasswordProvider").Name);
        Assert.Equal("standard input", ExplicitPasswordSource.FromReader(empty).Name);
        Assert.Equal("standard input", ExplicitPasswordSource.FromNextLines(empty, "old.jks").Name);
    }

    [Fact]
    public void FromReader_without_a_separate_key_password_reads_line_one_only_and_the_key_password_is_the_store_password()
    {
        var reader = new StringReader("store-pw\nnext\n");

        using var password = ExplicitPasswordSource.FromReader(reader).GetPassword(new PasswordRequest("ks", SeparateKeyPassword: false))!;

        Assert.Equal(("store-pw", "store-pw", false), (password.Store.ToString(), password.Key.ToString(), password.HasSeparateKey));
        Assert.Equal("next", reader.ReadLine());
    }

    [Theory]
    [InlineData(true, "key-pw", "next")]
    [InlineData(false, "store-pw", "key-pw")]
    public void FromNextLines_reads_the_key_password_from_the_next_line_only_when_a_separate_one_is_asked(bool separateKey, string key, string nextLine)
    {
        var reader = new StringReader("store-pw\nkey-pw\nnext\n");

        using var password = ExplicitPasswordSource.FromNextLines(reader, "old.jks").GetPassword(new PasswordRequest("ks", separateKey))!;

        Assert.Equal(("store-pw", key, separateKey), (password.Store.ToString(), password.Key.ToString(), password.HasSeparateKey));
        Assert.Equal(nextLine, reader.ReadLine());
    }

    [Fact]
    public void FromNextLines_names_the_keystore_when_the_key_line_is_missing()
    {
        var ex = Assert.Throws<PasswordException>(() => ExplicitPasswordSource.FromNextLines(new StringReader("secret-pw\n\n"), "new.jks").GetPassword(new PasswordRequest("ks", SeparateKeyPassword: true)));

        Assert.Equal((PasswordErrorKind.Incomplete, "no private key password for new.jks on standard input (the line after its keystore password)"), (ex.Kind, ex.Message));
        Assert.Equal("write the private key password on the line after the keystore password", ex.Hint);
    }

    [Fact]
    public void FromNextLines_reads_once_and_later_requests_get_copies_of_what_it_read()
    {
        var reader = new StringReader("store-pw\nafter\n");
        var source = ExplicitPasswordSource.FromNextLines(reader, "old.jks");
        var request = new PasswordRequest("ks", SeparateKeyPassword: false);

        var first = source.GetPassword(request)!;
        first.Dispose();
        using var second = source.GetPassword(request)!;

        Assert.Equal("store-pw", second.Store.ToString());
        Assert.Equal("after", reader.ReadLine());
    }

    [Fact]
    public void FromNextLines_that_met_an_empty_line_gives_nothing_again_without_reading_further()
    {
        var reader = new StringReader("\nlater\n");
        var source = ExplicitPasswordSource.FromNextLines(reader, "old.jks");
        var request = new PasswordRequest("ks", SeparateKeyPassword: false);

        var first = source.GetPassword(request);
        var second = source.GetPassword(request);

        Assert.Null(first);
        Assert.Null(second);
        Assert.Equal("later", reader.ReadLine());
    }

    [Fact]
    public void ReadStorePassword_reads_the_first_line_only()
    {
        var reader = new StringReader("store-pw\nkey-pw\n");

        using var password = ExplicitPasswordSource.ReadStorePassword(reader);

        Assert.Equal(("store-pw", false), (password.Store.ToString(), password.HasSeparateKey));
        Assert.Equal("key-pw", reader.ReadLine());
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
    public void Arguments_are_checked_by_name_and_a_disposed_password_refuses_every_read()
    {
        var password = KeystorePassword.FromStrings("store", "key");

        password.Dispose();
        password.Dispose();

        Assert.Equal("store", Assert.Throws<ArgumentNullException>(() => new KeystorePassword(null!)).ParamName);
        Assert.Equal("store", Assert.Throws<ArgumentNullException>(() => KeystorePassword.FromStrings(null!)).ParamName);
        Assert.Equal(typeof(KeystorePassword).FullName, Assert.Throws<ObjectDisposedException>(() => password.Store.Length).ObjectName);
        Assert.Equal(typeof(KeystorePassword).FullName, Assert.Throws<ObjectDisposedException>(() => password.Key.Length).ObjectName);
        Assert.Equal(typeof(KeystorePassword).FullName, Assert.Throws<ObjectDisposedException>(password.Copy).ObjectName);
    }

    [Fact]
    public void HasSeparateKey_is_true_only_when_a_key_password_was_given()
    {
        using var separate = new KeystorePassword("store".ToCharArray(), "key".ToCharArray());
        using var same = new KeystorePassword("store".ToCharArray());
        using var fromStrings = KeystorePassword.FromStrings("store", "key");
        using var fromStore = KeystorePassword.FromStrings("store");

        Assert.Equal((true, "key"), (separate.HasSeparateKey, separate.Key.ToString()));
        Assert.Equal((false, "store"), (same.HasSeparateKey, same.Key.ToString()));
        Assert.Equal((true, "key"), (fromStrings.HasSeparateKey, fromStrings.Key.ToString()));
        Assert.Equal((false, "store"), (fromStore.HasSeparateKey, fromStore.Key.ToString()));
    }

    [Fact]
    public void Copy_is_independent_of_the_original()
    {
        var original = KeystorePassword.FromStrings("store", "key");

        using var copy = original.Copy();
        original.Dispose();

        Assert.Equal(("store", "key", true), (copy.Store.ToString(), copy.Key.ToString(), copy.HasSeparateKey));
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
