using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace SecVault.Tests.Keystores;

/// <summary>
/// Sun's JKS/JCEKS file layout, written and read here from the JDK's description (sun.security.provider.JavaKeyStore):
/// magic, version, entry count, entries, then the SHA-1 digest over the store password as UTF-16BE, the words
/// "Mighty Aphrodite" and everything before it. Lets a test change one field of a keytool-made keystore and seal it again.
/// </summary>
internal static class JavaKeystoreFile
{
    /// <summary>One private-key entry (tag 1) of a JKS vector: its alias, date, protected key and certificate chain.</summary>
    public sealed record KeyEntry(string Alias, long Date, byte[] ProtectedKey, IReadOnlyList<byte[]> Chain);

    /// <summary>The content without its digest, followed by the JDK's digest of it for <paramref name="storePassword"/>.</summary>
    public static byte[] Seal(byte[] content, string storePassword)
    {
        byte[] digested = [.. Encoding.BigEndianUnicode.GetBytes(storePassword), .. Encoding.UTF8.GetBytes("Mighty Aphrodite"), .. content];
#pragma warning disable CA5350 // The JDK's keystore digest is SHA-1; the test makes it again.
        return [.. content, .. SHA1.HashData(digested)];
#pragma warning restore CA5350
    }

    /// <summary>The private-key entries of a version-2 JKS file (every entry must be one).</summary>
    public static List<KeyEntry> ReadKeyEntries(byte[] data)
    {
        var position = 8;
        var count = Int32(data, ref position);
        var entries = new List<KeyEntry>();
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(1, Int32(data, ref position));
            var alias = Utf(data, ref position);
            var date = BinaryPrimitives.ReadInt64BigEndian(data.AsSpan(position));
            position += 8;
            var key = Bytes(data, ref position, Int32(data, ref position));
            var chain = new List<byte[]>();
            for (var c = Int32(data, ref position); c > 0; c--)
            {
                Assert.Equal("X.509", Utf(data, ref position));
                chain.Add(Bytes(data, ref position, Int32(data, ref position)));
            }

            entries.Add(new KeyEntry(alias, date, key, chain));
        }

        return entries;
    }

    /// <summary>Writes DataOutputStream values: big-endian integers and (ASCII) writeUTF strings.</summary>
    public sealed class Writer : DataOutput<Writer>
    {
        /// <summary>The JKS magic FEEDFEED, the version and the entry count.</summary>
        public static Writer Jks(int version, int count) => new Writer().Raw(0xFE, 0xED, 0xFE, 0xED).Int32(version).Int32(count);

        /// <summary>A private-key entry; <paramref name="version"/> 2 names each certificate's type.</summary>
        public Writer KeyEntry(string alias, byte[] protectedKey, IEnumerable<byte[]> chain, int version = 2)
        {
            Int32(1).Utf(alias).Int64(0).Int32(protectedKey.Length).Raw(protectedKey);
            var certificates = chain.ToList();
            Int32(certificates.Count);
            foreach (var certificate in certificates)
            {
                Certificate(certificate, version);
            }

            return this;
        }

        /// <summary>A trusted-certificate entry.</summary>
        public Writer TrustedEntry(string alias, byte[] certificate, int version = 2) => Int32(2).Utf(alias).Int64(0).Certificate(certificate, version);

        public Writer Certificate(byte[] der, int version = 2)
        {
            if (version == 2)
            {
                Utf("X.509");
            }

            return Int32(der.Length).Raw(der);
        }

    }

    private static int Int32(byte[] data, ref int position)
    {
        var value = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(position));
        position += 4;
        return value;
    }

    private static string Utf(byte[] data, ref int position)
    {
        var length = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(position));
        var text = Encoding.ASCII.GetString(data, position + 2, length);
        position += 2 + length;
        return text;
    }

    private static byte[] Bytes(byte[] data, ref int position, int length)
    {
        var bytes = data.AsSpan(position, length).ToArray();
        position += length;
        return bytes;
    }
}
