using SecVault.Hosting;
using SecVault.Passwords;
using SecVault.Resolution;

namespace SecVault.Tests.Resolution;

public sealed class MiHomeResolverOptionsTests
{
    [Fact]
    public void Clone_copies_every_option_and_the_system_properties()
    {
        var options = Full();

        var copy = options.Clone();

        Assert.Equal(Describe(options), Describe(copy));
        Assert.NotSame(options.SystemProperties, copy.SystemProperties);
    }

    [Theory]
    [InlineData(false, true, true)]
    [InlineData(true, false, false)]
    [InlineData(true, null, true)]
    [InlineData(false, null, false)]
    public void Clone_takes_the_given_password_file_consumption_over_the_options(bool configured, bool? given, bool expected)
    {
        var options = new MiHomeResolverOptions { ConsumePasswordFiles = configured };

        Assert.Equal(expected, options.Clone(given).ConsumePasswordFiles);
    }

    private static MiHomeResolverOptions Full()
    {
        var options = new MiHomeResolverOptions
        {
            Environment = new DictionaryEnvironment(new Dictionary<string, string>()),
            PasswordSource = new ExplicitPasswordSource(_ => null),
            ConsumePasswordFiles = true,
            SeparateKeyPassword = true,
            AllowFileLookupsOutsideRoot = true,
            DiagnosePadding = true,
            Progress = new Progress<WorkProgress>(),
        };
        options.SystemProperties["a"] = "1";
        return options;
    }

    private static object Describe(MiHomeResolverOptions o) =>
        (o.Environment, o.PasswordSource, o.PromptConsole, o.ConsumePasswordFiles, o.SeparateKeyPassword, o.SecretRepository,
            o.AllowFileLookupsOutsideRoot, o.DiagnosePadding, o.Progress, string.Join(",", o.SystemProperties.Select(p => $"{p.Key}={p.Value}")));
}
