namespace SecVault;

/// <summary>How far a bulk operation is: <paramref name="Done"/> of <paramref name="Total"/> items finished.</summary>
/// <param name="Done">Items finished so far.</param>
/// <param name="Total">Items in the operation.</param>
public readonly record struct WorkProgress(int Done, int Total);
