using System.Runtime.InteropServices;

namespace SecVault.Ciphers.Native;

/// <summary>SHA-256 through libcrypto.so.3, so a caller that needs no other .NET crypto does not load .NET's OpenSSL shim.</summary>
internal static class NativeDigest
{
    /// <summary>The SHA-256 length in bytes.</summary>
    public const int Sha256Bytes = 32;

    private static readonly byte[] Empty = new byte[1];

    /// <summary>The SHA-256 of <paramref name="data"/> into <paramref name="hash"/>; false when the native path is unavailable.</summary>
    public static bool TrySha256(ReadOnlySpan<byte> data, Span<byte> hash)
    {
        if (hash.Length < Sha256Bytes || !NativeRsa.Available())
        {
            return false;
        }

        var size = 0u;
        ref var input = ref data.IsEmpty ? ref Empty[0] : ref MemoryMarshal.GetReference(data);
        // Stryker disable once Logical,Equality: EVP_Digest writes the size only when it succeeds (1, and 32 for SHA-256), so the size check alone decides.
        if (LibCrypto.EvpDigest(ref input, (nuint)data.Length, ref MemoryMarshal.GetReference(hash), ref size, LibCrypto.EvpSha256(), IntPtr.Zero) > 0 && size == Sha256Bytes)
        {
            return true;
        }

        LibCrypto.ErrClearError();
        return false;
    }
}
