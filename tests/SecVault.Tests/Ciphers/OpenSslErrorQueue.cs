using System.Runtime.InteropServices;

namespace SecVault.Tests.Ciphers;

/// <summary>The calling thread's OpenSSL error queue, read straight from libcrypto.so.3 (not through the code under test).</summary>
internal static class OpenSslErrorQueue
{
    /// <summary>The code of the earliest error on this thread's queue, 0 when it is empty; the queue is left as it is.</summary>
    public static ulong Peek() => ErrPeekError();

    /// <summary>Empties this thread's queue, so a test sees only the errors its own call leaves.</summary>
    public static void Clear() => ErrClearError();

    [DllImport("libcrypto.so.3", EntryPoint = "ERR_peek_error")]
    private static extern nuint ErrPeekError();

    [DllImport("libcrypto.so.3", EntryPoint = "ERR_clear_error")]
    private static extern void ErrClearError();
}
