// Reads one resolved value of an MI home's deployment.toml through IConfiguration.
// Usage: ConfigurationSample <MI home> [configuration key]
// The keystore password comes from the usual sources: a password file in the MI home (kept: PersistPassword),
// MI_KEYSTORE_PASSWORD, or a terminal prompt.
using Microsoft.Extensions.Configuration;
using SecVault.Diagnostics;
using SecVault.Extensions.Configuration;

if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: ConfigurationSample <MI home> [configuration key]");
    return 2;
}

try
{
    var configuration = new ConfigurationBuilder()
        .AddMiDeploymentToml(args[0], options => options.PersistPassword = true)
        .Build();
    if (args.Length == 2)
    {
        // A resolved value may be a secret: this sample prints only whether it is set and its length.
        var value = configuration[args[1]];
        Console.WriteLine(value is null ? $"{args[1]}: not set" : $"{args[1]}: set ({value.Length} characters)");
    }
    else
    {
        foreach (var (key, _) in configuration.AsEnumerable().Where(p => p.Value is not null).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Console.WriteLine(key);
        }
    }

    return 0;
}
catch (SecVaultResolutionException ex)
{
    foreach (var problem in ex.Problems)
    {
        Console.Error.WriteLine($"ConfigurationSample: error: {problem}");
    }

    return 1;
}
