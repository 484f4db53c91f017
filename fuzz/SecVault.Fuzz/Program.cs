using SecVault.Tests.Fuzzing;
using SharpFuzz;

// One SharpFuzz/AFL++ target per parser; the invariants live in FuzzInvariants (shared with the CsCheck tests).
// Usage: SecVault.Fuzz <target>                    under afl-fuzz (persistent mode, input from AFL)
//        SecVault.Fuzz <target> <file>...          replays files; prints the first failure in full, exit 1
//        SecVault.Fuzz <target> --triage <file>... replays files; groups failures by exception and top frames
if (args.Length == 0 || !FuzzInvariants.Targets.Contains(args[0]))
{
    await Console.Error.WriteLineAsync($"usage: SecVault.Fuzz <{string.Join('|', FuzzInvariants.Targets)}> [--triage] [file...]").ConfigureAwait(false);
    return 2;
}

var target = args[0];
if (args.Length > 1)
{
    var triage = args[1] == "--triage";
    var groups = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
    foreach (var file in args.Skip(triage ? 2 : 1))
    {
        try
        {
            _ = FuzzInvariants.Check(target, File.ReadAllBytes(file));
            Console.WriteLine($"ok    {file}");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Console.WriteLine($"FAIL  {file}");
            if (!triage)
            {
                Console.WriteLine(e);
                return 1;
            }

            var frames = (e.StackTrace ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(3).Select(f => f.Trim().Split(" in ")[0]);
            var signature = $"{e.GetType().Name}: {e.Message}\n    {string.Join("\n    ", frames)}";
            if (!groups.TryGetValue(signature, out var files))
            {
                groups[signature] = files = [];
            }

            files.Add(file);
        }
    }

    foreach (var (signature, files) in groups)
    {
        Console.WriteLine($"\n{files.Count} input(s), smallest {files.MinBy(f => new FileInfo(f).Length)}:\n  {signature}");
    }

    return groups.Count == 0 ? 0 : 1;
}

Fuzzer.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    _ = FuzzInvariants.Check(target, buffer.ToArray());
});
return 0;
