using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;
using SecVault.Diagnostics;
using SecVault.Home;
using SecVault.Hosting;
using SecVault.Passwords;
using SecVault.Resolution;

namespace SecVault.Extensions.Configuration;

/// <summary>
/// Provides the resolved values of an MI home's deployment.toml. The keystore password is obtained once and kept in
/// memory for reloads; a failed reload keeps the last good data and is reported through
/// <see cref="MiDeploymentTomlOptions.OnLoadException"/>.
/// </summary>
public sealed class MiDeploymentTomlConfigurationProvider : ConfigurationProvider, IDisposable
{
    private readonly MiDeploymentTomlConfigurationSource _source;
    private readonly Lock _gate = new();
    private KeystorePassword? _password;
    private PhysicalFileProvider? _files;
    private IDisposable? _watch;
    private CancellationTokenSource? _pending;
    private bool _loaded;
    private bool _disposed;

    /// <summary>Creates the provider for <paramref name="source"/>.</summary>
    public MiDeploymentTomlConfigurationProvider(MiDeploymentTomlConfigurationSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
    }

    /// <summary>Loads (or reloads) the resolved values; the first failure throws <see cref="SecVaultResolutionException"/>.</summary>
    public override void Load()
    {
        var options = _source.Options;
        Data = Read() ?? new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        _loaded = true;
        if (options.ReloadOnChange && _watch is null && Directory.Exists(_source.MiHome))
        {
            _files = new PhysicalFileProvider(_source.MiHome);
            _watch = ChangeToken.OnChange(
                () => new CompositeChangeToken(
                [
                    _files.Watch("conf/deployment.toml"),
                    _files.Watch("conf/security/secret-conf.properties"),
                ]),
                ScheduleReload);
        }
    }

    /// <summary>Stops watching and zeroes the kept password.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _pending?.Cancel();
            _pending?.Dispose();
            _watch?.Dispose();
            _files?.Dispose();
            _password?.Dispose();
            _password = null;
        }
    }

    /// <summary>The key count, never a value.</summary>
    public override string ToString() => $"{nameof(MiDeploymentTomlConfigurationProvider)} for {_source.MiHome}";

    private Dictionary<string, string?>? Read()
    {
        var options = _source.Options;
        if (options.Optional && !File.Exists(Path.Combine(_source.MiHome, "conf", "deployment.toml")))
        {
            return null;
        }

        var home = MiHome.FromPath(_source.MiHome, MiHomeSource.Option, _source.MiHome);
        var resolverOptions = new MiHomeResolverOptions
        {
            Environment = options.Environment,
            SeparateKeyPassword = options.SeparateKeyPassword,
            PasswordSource = new ExplicitPasswordSource(Password, "kept password"),
        };
        foreach (var (name, value) in options.SystemProperties)
        {
            resolverOptions.SystemProperties[name] = value;
        }

        using var resolver = new MiHomeResolver(home, resolverOptions);
        var resolved = resolver.Resolve();
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in resolved.Values)
        {
            data[value.ConfigurationKey] = value.Value;
        }

        if (options.IncludeSecretsSection)
        {
            foreach (var (alias, secret) in resolver.DecryptSecrets())
            {
                data[$"secrets:{alias}"] = secret;
            }
        }

        return data;
    }

    /// <summary>Source 1 of every load: the kept password, else the full chain once (its result kept for reloads).</summary>
    private KeystorePassword? Password(PasswordRequest request)
    {
        lock (_gate)
        {
            if (_password is null)
            {
                var options = _source.Options;
                var home = MiHome.FromPath(_source.MiHome, MiHomeSource.Option, _source.MiHome);
                IPasswordSource? explicitSource = options.PasswordProvider is { } provider ? new ExplicitPasswordSource(provider) : null;
                var prompt = options.AllowPrompt ?? !Console.IsInputRedirected ? new SystemConsole() : null;
                var chain = PasswordSourceChain.Default(home, options.Environment, explicitSource, consumeFiles: !options.PersistPassword, prompt);
                _password = chain.GetPassword(request);
            }

            return _password.Copy();
        }
    }

    private void ScheduleReload()
    {
        CancellationToken token;
        lock (_gate)
        {
            if (_disposed || !_loaded)
            {
                return;
            }

            _pending?.Cancel();
            _pending?.Dispose();
            _pending = new CancellationTokenSource();
            token = _pending.Token;
        }

        _ = Task.Delay(_source.Options.ReloadDelay, token).ContinueWith(
            _ => Reload(),
            token,
            TaskContinuationOptions.OnlyOnRanToCompletion,
            TaskScheduler.Default);
    }

    private void Reload()
    {
        try
        {
            Data = Read() ?? new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        }
        catch (Exception ex) when (ex is SecVaultException or IOException or UnauthorizedAccessException)
        {
            // The last good data stays; the failure is reported, never thrown on the watcher's thread.
            _source.Options.OnLoadException?.Invoke(ex);
            return;
        }

        OnReload();
    }
}
