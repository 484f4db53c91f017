using SecVault.Cli;
using SecVault.Hosting;

return ToolEntryPoint.Run("mi", () => MiApp.Run(args, new MiContext(new SystemConsole(), ProcessEnvironment.Instance, Environment.CurrentDirectory)));
