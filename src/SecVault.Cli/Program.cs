using SecVault.Cli;
using SecVault.Hosting;

return MiApp.Run(args, new MiContext(new SystemConsole(), ProcessEnvironment.Instance, Environment.CurrentDirectory));
