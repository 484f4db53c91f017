using SecVault.CipherTool;
using SecVault.Hosting;

return CipherToolApp.Run(args, new SystemConsole(), ProcessEnvironment.Instance, Environment.CurrentDirectory);
