namespace SecVault.CipherTool;

/// <summary>The command line is wrong: exit 2 with the message and a pointer to <c>-help</c>.</summary>
internal sealed class UsageException(string message) : Exception(message);
