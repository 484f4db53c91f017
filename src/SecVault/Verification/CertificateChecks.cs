using System.Globalization;
using SecVault.Diagnostics;
using SecVault.Home;
using SecVault.Keystores;

namespace SecVault.Verification;

/// <summary>The verify check of the identity certificate's validity: MI keeps decrypting with an expired one, so only verify can say.</summary>
internal static class CertificateChecks
{
    /// <summary>How far ahead an expiry is announced.</summary>
    public static readonly TimeSpan Notice = TimeSpan.FromDays(30);

    /// <summary>
    /// A warning when <paramref name="entry"/>'s certificate has expired or expires within <see cref="Notice"/> of
    /// <paramref name="now"/>, or when the key has no certificate at all; else null.
    /// </summary>
    public static Problem? Expiry(KeystoreEntry entry, VaultConfiguration vault, string display, DateTimeOffset now)
    {
        var keystore = vault.KeystoreLocation?.Trim() ?? string.Empty;
        if (!entry.HasCertificate)
        {
            return new Problem(ProblemSeverity.Warning, display, 0, 0, "keystore.identity.alias", VerificationText.VerifyIdentityWithoutCertificate(entry.Alias, keystore));
        }

        var notAfter = entry.NotAfter;
        if (notAfter - now > Notice)
        {
            return null;
        }

        var date = notAfter.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        var message = notAfter <= now
            ? VerificationText.VerifyCertificateExpired(entry.Alias, keystore, date)
            : VerificationText.VerifyCertificateExpiresSoon(entry.Alias, keystore, date, (int)Math.Ceiling((notAfter - now).TotalDays));
        return new Problem(ProblemSeverity.Warning, display, 0, 0, "keystore.identity.alias", message + "; " + VerificationText.VerifyCertificateRotateHint(entry.Alias));
    }
}
