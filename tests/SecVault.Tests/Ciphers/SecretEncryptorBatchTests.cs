using System.Security.Cryptography;
using System.Text;
using SecVault.Ciphers;

namespace SecVault.Tests.Ciphers;

/// <summary>
/// <see cref="SecretEncryptor.EncryptInBatches"/>: the streamed writers' encryptor, one batch at a time.
/// </summary>
public sealed class SecretEncryptorBatchTests
{
    private static (RSA Private, SecretEncryptor Encryptor) Key()
    {
        var (privateKey, publicKey, _) = VectorKeys.Get("jks-rsa2048", "wso2carbon");
        return (privateKey, new SecretEncryptor(publicKey, Transformation.OaepSha1));
    }

    private static string[] Items(int count) => [.. Enumerable.Range(0, count).Select(i => $"secret-{i:D3}")];

    [Fact]
    public void A_batch_is_read_only_after_the_one_before_it_is_written()
    {
        var (_, encryptor) = Key();
        var read = 0;
        var readAtEachWrite = new List<int>();
        string Secret(string item)
        {
            read++;
            return item;
        }

        encryptor.EncryptInBatches(Items(7), s => s, Secret, progress: null, (_, _) => readAtEachWrite.Add(read), batchSize: 3);

        Assert.Equal([3, 3, 3, 6, 6, 6, 7], readAtEachWrite);
    }

    [Fact]
    public void No_items_write_nothing()
    {
        var (_, encryptor) = Key();
        var written = 0;

        encryptor.EncryptInBatches(Array.Empty<string>(), s => s, s => s, progress: null, (_, _) => written++, batchSize: 3);

        Assert.Equal(0, written);
    }

    [Fact]
    public void Bad_arguments_are_refused_before_anything_is_read()
    {
        var (_, encryptor) = Key();
        var read = 0;
        string Secret(string item)
        {
            read++;
            return item;
        }

        Assert.Throws<ArgumentNullException>(() => encryptor.EncryptInBatches<string>(null!, s => s, Secret, progress: null, (_, _) => { }));
        Assert.Throws<ArgumentNullException>(() => encryptor.EncryptInBatches(Items(1), null!, Secret, progress: null, (_, _) => { }));
        Assert.Throws<ArgumentNullException>(() => encryptor.EncryptInBatches(Items(1), s => s, null!, progress: null, (_, _) => { }));
        Assert.Throws<ArgumentNullException>(() => encryptor.EncryptInBatches(Items(1), s => s, Secret, progress: null, write: null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => encryptor.EncryptInBatches(Items(1), s => s, Secret, progress: null, (_, _) => { }, batchSize: 0));
        Assert.Equal(0, read);
    }

    [Fact]
    public void Every_item_is_written_once_in_input_order_across_batches_as_base64_bytes_the_private_key_decrypts()
    {
        var (privateKey, encryptor) = Key();
        var items = Items(8);
        items[5] = "s\u00e9cret \u20ac";
        var handedOut = new List<(string Item, string Ciphertext)>();
        var reports = new List<WorkProgress>();

        encryptor.EncryptInBatches(items, s => s, s => s, new SynchronousProgress(reports), (item, base64) => handedOut.Add((item, Encoding.ASCII.GetString(base64))), batchSize: 3);

        Assert.Equal(items, handedOut.Select(h => h.Item));
        foreach (var (item, ciphertext) in handedOut)
        {
            Assert.Equal(encryptor.Base64Length, ciphertext.Length);
            Assert.Equal(item, Encoding.UTF8.GetString(privateKey.Decrypt(Convert.FromBase64String(ciphertext), RSAEncryptionPadding.OaepSHA1)));
        }

        Assert.Equal(Enumerable.Range(1, 8), reports.Select(r => r.Done).Order());
        Assert.All(reports, r => Assert.Equal(8, r.Total));
    }

    [Fact]
    public void A_failure_in_a_later_batch_surfaces_after_the_earlier_batches_are_written_and_nothing_of_its_batch_is()
    {
        var (_, encryptor) = Key();
        var items = Items(7);
        items[4] = new string('x', encryptor.MaxSecretBytes + 1);
        var handedOut = new List<string>();

        var failure = Assert.Throws<CipherException>(() =>
            encryptor.EncryptInBatches(items, s => s == items[4] ? "too_long" : s, s => s, progress: null, (item, _) => handedOut.Add(item), batchSize: 3));

        Assert.Equal("too_long", failure.Alias);
        Assert.Equal(items[..3], handedOut);
    }

    [Fact]
    public void Base64Length_is_the_length_of_the_base64_text_of_a_key_sized_block()
    {
        // 2048 bits: 256 bytes, base64 344 characters; 1024 bits: 128 bytes, 172; 3072 bits: 384 bytes, 512.
        foreach (var (bits, expected) in new[] { (2048, 344), (1024, 172), (3072, 512) })
        {
            using var rsa = RSA.Create(bits);
            Assert.Equal(expected, new SecretEncryptor(rsa, Transformation.OaepSha1).Base64Length);
        }
    }
}
