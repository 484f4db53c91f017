using SecVault.Tests.Fuzzing;
using SharpFuzz;

// One SharpFuzz/AFL++ target per parser; the invariants live in FuzzInvariants (shared with the CsCheck tests).
// Usage: SecVault.Fuzz <target>            under afl-fuzz (persistent mode, input from AFL)
//        SecVault.Fuzz <target> <file>...  replays files once each, for triage; exit 1 on the first failure
if (args.Length == 0 || !FuzzInvariants.Targets.Contains(args[0]))
{
    await Console.Error.WriteLineAsync($"usage: SecVault.Fuzz <{string.Join('|', FuzzInvariants.Targets)}> [file...]").ConfigureAwait(false);
    return 2;
}

var target = args[0];
if (args.Length > 1)
{
    foreach (var file in args.Skip(1))
    {
        try
        {
            _ = FuzzInvariants.Check(target, File.ReadAllBytes(file));
            Console.WriteLine($"ok    {file}");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Console.WriteLine($"FAIL  {file}");
            Console.WriteLine(e);
            return 1;
        }
    }

    return 0;
}

Fuzzer.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    _ = FuzzInvariants.Check(target, buffer.ToArray());
});
return 0;
