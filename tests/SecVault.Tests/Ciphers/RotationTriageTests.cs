using System.Text;
using SecVault.Ciphers;

namespace SecVault.Tests.Ciphers;

public sealed class RotationTriageTests
{
    [Fact]
    public void A_value_the_old_key_decrypts_and_whose_padding_rejects_a_wrong_key_is_old_without_asking_the_new_key()
    {
        var oldKey = new Key(true, "key", "c1");
        var newKey = new Key(true, "key", "c1");

        var standing = RotationTriage.Classify(oldKey, newKey, "c1", "a", out var plain);

        Assert.Equal(RotationStanding.Old, standing);
        Assert.Equal("plain:c1", Encoding.UTF8.GetString(plain!));
        Assert.Equal(0, newKey.Calls);
    }

    [Fact]
    public void A_value_only_the_new_key_decrypts_is_new_and_gives_no_plaintext()
    {
        var standing = RotationTriage.Classify(new Key(true, "key"), new Key(true, "key", "c1"), "c1", "a", out var plain);

        Assert.Equal(RotationStanding.New, standing);
        Assert.Null(plain);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Without_an_integrity_check_on_the_old_key_the_new_key_is_asked_too(bool newRejects)
    {
        var both = RotationTriage.Classify(new Key(false, "key", "c1"), new Key(newRejects, "key", "c1"), "c1", "a", out var plain);
        var oldOnly = RotationTriage.Classify(new Key(false, "key", "c1"), new Key(newRejects, "key"), "c1", "a", out _);

        Assert.Equal(RotationStanding.Both, both);
        Assert.NotNull(plain);
        Assert.Equal(RotationStanding.Old, oldOnly);
    }

    [Fact]
    public void A_value_neither_key_decrypts_throws_the_old_key_s_error()
    {
        var e = Assert.Throws<CipherException>(() => RotationTriage.Classify(new Key(true, "old"), new Key(true, "new"), "c1", "a", out _));

        Assert.Equal("old does not decrypt a", e.Message);
    }

    [Theory]
    [InlineData("OB", "O")]
    [InlineData("OOB", "O")]
    [InlineData("BOO", "O")]
    [InlineData("BNN", "N")]
    [InlineData("ONB", "")]
    [InlineData("NOOB", "")]
    [InlineData("B", "")]
    [InlineData("", "")]
    public void A_value_both_keys_decrypt_takes_what_the_other_values_plainly_are(string standings, string expected)
    {
        static RotationStanding Standing(char c) => c switch { 'O' => RotationStanding.Old, 'N' => RotationStanding.New, _ => RotationStanding.Both };

        Assert.Equal(expected.Length == 0 ? null : Standing(expected[0]), RotationTriage.Resolve(standings.Select(Standing)));
    }

    [Fact]
    public void Missing_arguments_are_refused_with_their_names()
    {
        var key = new Key(true, "key", "c1");

        Assert.Equal("oldKey", Assert.Throws<ArgumentNullException>(() => RotationTriage.Classify(null!, key, "c1", "a", out _)).ParamName);
        Assert.Equal("newKey", Assert.Throws<ArgumentNullException>(() => RotationTriage.Classify(key, null!, "c1", "a", out _)).ParamName);
        Assert.Equal("standings", Assert.Throws<ArgumentNullException>(() => RotationTriage.Resolve(null!)).ParamName);
    }

    /// <summary>A key that decrypts exactly the ciphertexts it is given, and counts its calls.</summary>
    private sealed class Key(bool rejectsWrongKey, string name, params string[] decrypts) : ISecretDecryptor
    {
        public string Name => name;

        public int Calls { get; private set; }

        public bool RejectsWrongKey => rejectsWrongKey;

        public byte[] Decrypt(string ciphertext, string alias)
        {
            Calls++;
            return decrypts.Contains(ciphertext)
                ? Encoding.UTF8.GetBytes("plain:" + ciphertext)
                : throw new CipherException(CipherErrorKind.DoesNotDecrypt, $"{Name} does not decrypt {alias}", alias);
        }

        public IReadOnlyList<byte[]> DecryptAll(IReadOnlyList<(string Alias, string Ciphertext)> ciphertexts, int? maxParallelism = null, IProgress<WorkProgress>? progress = null) =>
            throw new NotSupportedException();

        public CipherException NotUtf8(string alias) => throw new NotSupportedException();
    }
}
