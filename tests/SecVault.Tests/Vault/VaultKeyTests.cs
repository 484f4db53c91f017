using SecVault.Ciphers;
using SecVault.Home;
using SecVault.Keystores;
using SecVault.Testing;
using SecVault.Vault;

namespace SecVault.Tests.Vault;

public sealed class VaultKeyTests
{
    [Fact]
    public void EncryptValue_refuses_an_empty_value_and_names_size_and_limit_of_a_long_one()
    {
        using var home = new TempMiHome("[server]\n");
        using var key = VaultKey.Open(ConfigureOperationTests.Load(home).Keystore, "wso2carbon");

        Assert.Equal(VaultErrorKind.EmptyValue, Assert.Throws<VaultException>(() => key.EncryptValue(string.Empty, Transformation.Default)).Kind);
        var e = Assert.Throws<CipherException>(() => key.EncryptValue(new string('x', 246), Transformation.Pkcs1));
        Assert.Equal("the value is 246 bytes; RSA/ECB/PKCS1Padding with a 2048-bit key allows at most 245", e.Message);
        Assert.Equal(344, key.EncryptValue(new string('x', 245), Transformation.Pkcs1).Length);
    }

    [Fact]
    public void Open_reports_a_wrong_password_without_the_password()
    {
        using var home = new TempMiHome("[server]\n");
        var e = Assert.Throws<KeystoreException>(() => VaultKey.Open(ConfigureOperationTests.Load(home).Keystore, "Not-It-42"));
        Assert.Equal(KeystoreErrorKind.WrongPassword, e.Kind);
        Assert.DoesNotContain("Not-It-42", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EncryptValue_with_an_aes_key_gives_a_ciphertext_dotnet_decrypts_and_refuses_an_empty_value()
    {
        using var cipher = SymmetricConfigureTests.Cipher(SymmetricConfigureTests.KeyHex);

        var ciphertext = VaultKey.EncryptValue(cipher, "héllo");
        var empty = Assert.Throws<VaultException>(() => VaultKey.EncryptValue(cipher, string.Empty));

        Assert.Equal("héllo", SymmetricConfigureTests.DecryptEcb(Convert.FromHexString(SymmetricConfigureTests.KeyHex), ciphertext));
        Assert.Equal(VaultErrorKind.EmptyValue, empty.Kind);
        Assert.Throws<ArgumentNullException>("cipher", () => VaultKey.EncryptValue(null!, "x"));
        Assert.Throws<ArgumentNullException>("value", () => VaultKey.EncryptValue(cipher, null!));
    }

    [Fact]
    public void Open_and_EncryptValue_check_their_arguments_first()
    {
        using var home = new TempMiHome("[server]\n");
        using var key = VaultKey.Open(ConfigureOperationTests.Load(home).Keystore, "wso2carbon");

        Assert.Throws<ArgumentNullException>("selection", () => VaultKey.Open(null!, "wso2carbon"));
        Assert.Throws<ArgumentNullException>("value", () => key.EncryptValue(null!, Transformation.Default));
        Assert.Throws<ArgumentNullException>("transformation", () => key.EncryptValue(string.Empty, null!));
        Assert.Throws<ArgumentNullException>("keystore", () => VaultKey.OpenSymmetric(null!, "wso2carbon", "keys.jceks", "wso2carbon", SymmetricConfigureTests.Ecb, out _));
    }

    [Fact]
    public void An_aes_key_of_a_JCEKS_keystore_opens_with_a_warning_and_is_named_by_its_alias()
    {
        using var home = new TempMiHome("[server]\n", "jceks-secretkey", "aes.jceks");
        var keystore = Keystore.Load(Path.Combine(home.Path, "aes.jceks"), "wso2carbon");
        var other = SymmetricConfigureTests.EncryptEcb(Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"), "x");

        using var cipher = VaultKey.OpenSymmetric(keystore, "wso2carbon", "aes.jceks", "wso2carbon", SymmetricConfigureTests.Ecb, out var warnings);
        var e = Assert.Throws<CipherException>(() => cipher.Decrypt(other, "a"));

        Assert.Equal(["keystore.identity.type is JCEKS; MI reads the AES key of a symmetric vault from a PKCS12 keystore only"], warnings);
        Assert.Equal($"secret 'a' does not decrypt with the AES key 'wso2carbon' ({SymmetricConfigureTests.Ecb}): it was made with another key, or changed", e.Message);
    }
}
