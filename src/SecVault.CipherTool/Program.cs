using SecVault.CipherTool;
using SecVault.Hosting;

return ToolEntryPoint.Run("ciphertool", () => CipherToolApp.Run(args, new SystemConsole(), ProcessEnvironment.Instance, Environment.CurrentDirectory));
