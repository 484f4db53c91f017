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
}
