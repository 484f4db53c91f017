using SecVault.Placeholders;
using SecVault.Hosting;
using SecVault.Vault;

namespace SecVault.CipherTool;

/// <summary><c>ciphertool -Drotate -Dold.alias=A</c>: the secrets of the key at A moved to the key the keystore settings select.</summary>
internal static partial class CipherToolApp
{
    /// <summary>Re-reads the target under the lock, prepares the rotation with <paramref name="prepare"/>, writes it and reports.</summary>
    private static int Rotate(IConsole console, VaultTarget target, VariableSources sources, string oldAlias, TimeProvider time, Func<VaultTarget, DateTimeOffset, ConfigureOperation> prepare)
    {
        ConfigureOperation operation;
        using (Lock(target))
        {
            operation = prepare(VaultTarget.Load(target.Home, target.DeploymentTomlPath, sources, selectKeystore: true), time.GetUtcNow());
            foreach (var warning in operation.Warnings)
            {
                Warning(console, warning.ToString());
            }

            foreach (var warning in operation.Commit())
            {
                Warning(console, warning);
            }
        }

        Info(console, operation.RotationSummary(oldAlias));
        return 0;
    }
}
