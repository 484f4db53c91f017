using SecVault.Ciphers;

namespace SecVault.Tests.Ciphers;

public sealed class BulkTests
{
    private static readonly (string Alias, string Ciphertext)[] Items = [.. Enumerable.Range(0, 64).Select(i => ($"alias{i}", $"c{i}"))];

    [Fact]
    public void DecryptAll_returns_the_plaintexts_in_the_order_of_the_ciphertexts()
    {
        var results = Bulk.DecryptAll(Items, maxParallelism: 4, (ciphertext, alias) => [(byte)int.Parse(ciphertext[1..], System.Globalization.CultureInfo.InvariantCulture), (byte)alias.Length]);

        Assert.Equal(Enumerable.Range(0, 64).Select(i => (byte)i), results.Select(r => r[0]));
    }

    [Fact]
    public void DecryptAll_zeroes_every_plaintext_it_made_when_one_fails_and_rethrows_the_first_failure()
    {
        var made = new System.Collections.Concurrent.ConcurrentBag<byte[]>();
        byte[] Decrypt(string ciphertext, string alias)
        {
            if (alias is "alias40" or "alias50")
            {
                throw new CipherException(CipherErrorKind.NotBase64, "bad", alias);
            }

            var plain = new byte[] { 0x41, 0x42, 0x43 };
            made.Add(plain);
            return plain;
        }

        var error = Assert.Throws<CipherException>(() => Bulk.DecryptAll(Items, maxParallelism: 1, Decrypt));

        Assert.Equal("alias40", error.Alias);
        Assert.Equal(62, made.Count);
        Assert.All(made, plain => Assert.Equal(new byte[3], plain));
    }

    [Fact]
    public void DecryptAll_zeroes_the_plaintexts_made_in_parallel_when_one_fails()
    {
        var made = new System.Collections.Concurrent.ConcurrentBag<byte[]>();
        byte[] Decrypt(string ciphertext, string alias)
        {
            if (alias == "alias7")
            {
                throw new CipherException(CipherErrorKind.NotBase64, "bad", alias);
            }

            var plain = new byte[] { 0x41, 0x42, 0x43 };
            made.Add(plain);
            return plain;
        }

        var error = Assert.Throws<CipherException>(() => Bulk.DecryptAll(Items, maxParallelism: 4, Decrypt));

        Assert.Equal("alias7", error.Alias);
        Assert.Equal(63, made.Count);
        Assert.All(made, plain => Assert.Equal(new byte[3], plain));
    }

    [Fact]
    public void Options_refuses_a_parallelism_below_one_naming_the_argument()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Bulk.Options(0));

        Assert.Equal("maxParallelism", error.ParamName);
    }

    [Fact]
    public void Options_takes_the_given_parallelism_and_the_processor_count_when_none_is_given()
    {
        Assert.Equal(3, Bulk.Options(3).MaxDegreeOfParallelism);
        Assert.Equal(Environment.ProcessorCount, Bulk.Options(null).MaxDegreeOfParallelism);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public void For_runs_every_index_once_and_reports_1_to_n_with_the_total(int count)
    {
        var indexes = new System.Collections.Concurrent.ConcurrentBag<int>();
        var reports = new List<WorkProgress>();

        Bulk.For(count, maxParallelism: 4, indexes.Add, new SynchronousProgress(reports));

        Assert.Equal(Enumerable.Range(0, count), indexes.Order());
        Assert.Equal(Enumerable.Range(1, count).Select(done => new WorkProgress(done, count)), reports.OrderBy(r => r.Done));
    }

    [Fact]
    public void For_of_one_item_runs_it_on_the_calling_thread_so_any_exception_surfaces_as_itself()
    {
        var caller = Environment.CurrentManagedThreadId;
        var ranOn = -1;

        var error = Assert.Throws<InvalidOperationException>(() => Bulk.For(1, maxParallelism: 4, _ =>
        {
            ranOn = Environment.CurrentManagedThreadId;
            throw new InvalidOperationException("not a vault error");
        }));

        Assert.Equal("not a vault error", error.Message);
        Assert.Equal(caller, ranOn);
    }
}
