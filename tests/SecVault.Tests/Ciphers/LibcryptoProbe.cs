using System.Runtime.InteropServices;

namespace SecVault.Tests.Ciphers;

/// <summary>
/// Whether the native path must be on here, decided without asking NativeRsa (whose own check is under test): the
/// switch is not <c>SECVAULT_NATIVE_RSA=0</c> and libcrypto.so.3 (OpenSSL 3) loads on Linux.
/// </summary>
internal static class LibcryptoProbe
{
    public const string SkipReason = "libcrypto.so.3 is not loadable here (or SECVAULT_NATIVE_RSA=0)";

    public static bool NativeExpected { get; } =
        Environment.GetEnvironmentVariable("SECVAULT_NATIVE_RSA") != "0"
        && OperatingSystem.IsLinux()
        && NativeLibrary.TryLoad("libcrypto.so.3", out _);
}
