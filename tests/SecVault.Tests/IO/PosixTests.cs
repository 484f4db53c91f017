using SecVault.IO;
using SecVault.Testing;

namespace SecVault.Tests.IO;

/// <summary>The process calls of the adapter, exercised only in ways that leave this process as it was.</summary>
public sealed class PosixTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [SkippableFact]
    public void SendSignal_reaches_a_live_process_and_reports_one_that_does_not_exist()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "kill(2) with signal 0 on Linux");

        // Signal 0 only checks that the process can be signalled.
        Assert.True(Posix.SendSignal(Environment.ProcessId, 0));
        Assert.False(Posix.SendSignal(99_999_999, 0));
    }

    [SkippableFact]
    public void ProcessControl_and_ZeroResourceLimit_report_a_refused_call()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "prctl and setrlimit on Linux");

        // Values the kernel rejects (EINVAL), so nothing changes in the test host.
        Assert.False(Posix.ProcessControl(Posix.SetDumpable, 2));
        Assert.False(Posix.ZeroResourceLimit(1000));
    }

    [SkippableFact]
    public void ReadLink_gives_a_link_text_as_written_and_null_for_anything_else()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix links");
        File.WriteAllText(_temp.Combine("real"), "x");
        File.CreateSymbolicLink(_temp.Combine("link"), "../real/\u00E9");

        Assert.Equal("../real/\u00E9", Posix.ReadLink(_temp.Combine("link")));
        Assert.Null(Posix.ReadLink(_temp.Combine("real")));
        Assert.Null(Posix.ReadLink(_temp.Combine("missing")));
    }

    [SkippableFact]
    public void OpenAt_gives_descriptors_closed_on_exec_with_the_flags_asked()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "fcntl flags on Linux");
        File.WriteAllText(_temp.Combine("file"), "x");

        using var root = Posix.OpenAt(null, "/", Posix.PathOnly | Posix.Directory, 0, out var rootError);
        using var folder = Posix.OpenAt(null, _temp.Path, Posix.ReadOnly | Posix.Directory, 0, out var folderError);
        using var file = Posix.OpenAt(folder, "file", Posix.ReadWrite | Posix.NoFollow, 0, out var fileError);

        Assert.Equal([0, 0, 0], [rootError, folderError, fileError]);
        Assert.Equal([CloseOnExec, CloseOnExec, CloseOnExec], [DescriptorFlags(root), DescriptorFlags(folder), DescriptorFlags(file)]);
        Assert.Equal(Posix.PathOnly, StatusFlags(root) & (Posix.PathOnly | AccessModes));
        Assert.Equal(Posix.ReadOnly, StatusFlags(folder) & (Posix.PathOnly | AccessModes));
        Assert.Equal(Posix.ReadWrite, StatusFlags(file) & (Posix.PathOnly | AccessModes));
    }

    [SkippableFact]
    public void Describe_gives_the_system_text_of_an_error_number()
    {
        Skip.If(OperatingSystem.IsWindows(), "errno on Unix");
        Assert.Equal("No such file or directory", Posix.Describe(Posix.ErrorNoEntry));
    }

    /// <summary>fcntl(F_GETFL): the access mode and status flags of an open descriptor.</summary>
    internal static int StatusFlags(Microsoft.Win32.SafeHandles.SafeFileHandle handle) => Fcntl(handle, 3, 0);

    /// <summary>fcntl(F_GETFD): the descriptor flags (FD_CLOEXEC).</summary>
    private static int DescriptorFlags(Microsoft.Win32.SafeHandles.SafeFileHandle handle) => Fcntl(handle, 1, 0);

    private const int CloseOnExec = 1;

    private const int AccessModes = 3;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static extern int Fcntl(Microsoft.Win32.SafeHandles.SafeFileHandle handle, int command, int argument);
}
