using System.Security.Cryptography;
using System.Text;
using SecVault.Ciphers;

namespace SecVault.Tests.Ciphers;

/// <summary>
/// <c>SecretEncryptor.EncryptInBatches</c>, lazy and pushing: the streamed writers' encryptor, one batch at a time.
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
    public void Every_item_comes_out_once_in_input_order_across_batches_and_decrypts_with_the_private_key()
    {
        var (privateKey, encryptor) = Key();
        var items = Items(11);

        var results = encryptor.EncryptInBatches(items, s => s, s => s, progress: null, batchSize: 3).ToList();

        Assert.Equal(items, results.Select(r => r.Item));
        foreach (var (item, ciphertext) in results)
        {
            var plaintext = privateKey.Decrypt(Convert.FromBase64String(ciphertext), RSAEncryptionPadding.OaepSHA1);
            Assert.Equal(item, Encoding.UTF8.GetString(plaintext));
        }
    }

    [Fact]
    public void Progress_counts_over_all_items_and_reaches_the_total()
    {
        var (_, encryptor) = Key();
        var reports = new List<WorkProgress>();
        var progress = new SynchronousProgress(reports);

        _ = encryptor.EncryptInBatches(Items(7), s => s, s => s, progress, batchSize: 2).ToList();

        Assert.Equal(7, reports.Count);
        Assert.All(reports, r => Assert.Equal(7, r.Total));
        Assert.Equal(Enumerable.Range(1, 7), reports.Select(r => r.Done).Order());
    }

    [Fact]
    public void A_failure_in_a_later_batch_surfaces_as_its_own_exception_after_the_earlier_items()
    {
        var (_, encryptor) = Key();
        var items = Items(6);
        items[4] = new string('x', encryptor.MaxSecretBytes + 1);
        var handedOut = new List<string>();

        var failure = Assert.Throws<CipherException>(() =>
        {
            foreach (var (item, _) in encryptor.EncryptInBatches(items, s => s == items[4] ? "too_long" : s, s => s, progress: null, batchSize: 3))
            {
                handedOut.Add(item);
            }
        });

        Assert.Equal(CipherErrorKind.SecretTooLong, failure.Kind);
        Assert.Equal("too_long", failure.Alias);
        Assert.Equal(items[..3], handedOut);
    }

    [Fact]
    public void A_batch_is_read_and_encrypted_only_when_the_caller_reaches_it()
    {
        var (_, encryptor) = Key();
        var read = 0;
        string Secret(string item)
        {
            read++;
            return item;
        }

        using (var results = encryptor.EncryptInBatches(Items(9), s => s, Secret, progress: null, batchSize: 3).GetEnumerator())
        {
            Assert.Equal(0, read);
            Assert.True(results.MoveNext());
            Assert.Equal(3, read);
            Assert.True(results.MoveNext() && results.MoveNext() && results.MoveNext());
            Assert.Equal(6, read);
        }

        Assert.Equal(6, read);
    }

    [Fact]
    public void No_items_give_no_results()
    {
        var (_, encryptor) = Key();

        Assert.Empty(encryptor.EncryptInBatches(Array.Empty<string>(), s => s, s => s, progress: null, batchSize: 3));
    }

    [Fact]
    public void Bad_arguments_are_refused_at_the_call_before_any_enumeration()
    {
        var (_, encryptor) = Key();

        Assert.Throws<ArgumentNullException>(() => encryptor.EncryptInBatches<string>(null!, s => s, s => s, progress: null));
        Assert.Throws<ArgumentOutOfRangeException>(() => encryptor.EncryptInBatches(Items(1), s => s, s => s, progress: null, batchSize: 0));
        Assert.Throws<ArgumentNullException>(() => encryptor.EncryptInBatches(Items(1), s => s, s => s, progress: null, write: null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => encryptor.EncryptInBatches(Items(1), s => s, s => s, progress: null, (_, _) => { }, batchSize: 0));
    }

    [Fact]
    public void The_pushing_form_hands_out_each_ciphertext_once_in_input_order_as_base64_bytes_the_private_key_decrypts()
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
    public void The_pushing_form_writes_the_batches_before_a_failing_one_and_nothing_of_it()
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

    /// <summary>Records reports on the reporting thread (Progress&lt;T&gt; would post them later).</summary>
    private sealed class SynchronousProgress(List<WorkProgress> reports) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
