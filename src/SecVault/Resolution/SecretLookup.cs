using SecVault.Diagnostics;

namespace SecVault.Resolution;

/// <summary>What a secret lookup gave.</summary>
public enum SecretLookupStatus
{
    /// <summary>The secret was found and decrypted.</summary>
    Found,

    /// <summary>The repository has no such alias.</summary>
    UnknownAlias,

    /// <summary>The alias exists but its secret cannot be had.</summary>
    Failed,
}

/// <summary>
/// The result of <see cref="ISecretRepository.Lookup"/>: the secret, or a structured failure. A failure either carries
/// positioned <see cref="Problems"/> (reported where they are) or a <see cref="Message"/> reported at the reference.
/// <see cref="ToString"/> never shows the secret.
/// </summary>
public sealed class SecretLookup
{
    private SecretLookup(SecretLookupStatus status, string? value, string? message, IReadOnlyList<Problem> problems, string? hint)
    {
        Status = status;
        Value = value;
        Message = message;
        Problems = problems;
        Hint = hint;
    }

    /// <summary>What the lookup gave.</summary>
    public SecretLookupStatus Status { get; }

    /// <summary>The decrypted secret when <see cref="Status"/> is Found, else null.</summary>
    public string? Value { get; }

    /// <summary>A failure reported at the referencing placeholder or lookup (never holds a value), or null.</summary>
    public string? Message { get; }

    /// <summary>Failures with their own position (such as a bad <c>[secrets]</c> entry).</summary>
    public IReadOnlyList<Problem> Problems { get; }

    /// <summary>A suggested fix, or null.</summary>
    public string? Hint { get; }

    /// <summary>A found secret.</summary>
    public static SecretLookup Found(string value) => new(SecretLookupStatus.Found, value ?? throw new ArgumentNullException(nameof(value)), null, [], null);

    /// <summary>No such alias; <paramref name="message"/> defaults to "no such alias in [secrets]".</summary>
    public static SecretLookup Unknown(string? message = null) => new(SecretLookupStatus.UnknownAlias, null, message ?? DiagnosticsText.NoSuchAlias, [], null);

    /// <summary>A failure reported at the reference.</summary>
    public static SecretLookup Failed(string message, string? hint = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(message);
        return new(SecretLookupStatus.Failed, null, message, [], hint);
    }

    /// <summary>A failure with positioned problems (at least one).</summary>
    public static SecretLookup Failed(IEnumerable<Problem> problems, string? hint = null)
    {
        ArgumentNullException.ThrowIfNull(problems);
        IReadOnlyList<Problem> list = [.. problems];
        if (list.Count == 0)
        {
            throw new ArgumentException("a failure needs at least one problem", nameof(problems));
        }

        return new(SecretLookupStatus.Failed, null, null, list, hint);
    }

    /// <summary>The status, never the value.</summary>
    public override string ToString() => Status.ToString();
}
