using System.Text;
using SecVault.Diagnostics;
using SecVault.Testing;
using SecVault.Verification;
using static SecVault.Tests.Resolution.ResolverTestSupport;

namespace SecVault.Tests.Verification;

/// <summary>
/// The identity certificate's expiry in verify, with a keytool certificate valid for one day from 2030-01-01 00:00 UTC
/// and a fixed clock, so no test waits and none depends on today's date.
/// </summary>
public sealed class CertificateExpiryTests
{
    private const string Expires = "2030-01-02 00:00:00 UTC";

    [SkippableTheory]
    [InlineData("2029-12-20T00:00:00Z", "expires on " + Expires + " (in 13 day(s))")]
    [InlineData("2029-12-03T00:00:00Z", "expires on " + Expires + " (in 30 day(s))")]
    [InlineData("2030-01-05T00:00:00Z", "expired on " + Expires)]
    public void Verify_warns_about_a_certificate_that_expires_within_30_days_or_has_expired_and_says_how_to_rotate(string now, string expected)
    {
        using var home = HomeWithOneDayCertificate();

        var problems = Verifier.Verify(home.Home, Options(home), time: new FixedTime(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));

        var problem = Assert.Single(problems);
        var alias = home.Keystore.Entries[0].Alias;
        Assert.Equal(ProblemSeverity.Warning, problem.Severity);
        Assert.Equal("conf/security/secret-conf.properties", problem.Path);
        Assert.Equal("keystore.identity.alias", problem.Subject);
        Assert.Contains($"the identity certificate '{alias}' in keystore {home.KeystorePath} {expected}", problem.Message, StringComparison.Ordinal);
        Assert.Contains($"point [keystore.primary] alias in deployment.toml at it, then run 'ciphertool -Drotate -Dold.alias={alias}'", problem.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("2029-12-02T23:59:59Z")]
    [InlineData("2029-01-01T00:00:00Z")]
    public void Verify_is_silent_about_a_certificate_valid_for_more_than_30_days(string now)
    {
        using var home = HomeWithOneDayCertificate();

        Assert.Empty(Verifier.Verify(home.Home, Options(home), time: new FixedTime(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void Verify_warns_about_an_identity_key_stored_without_its_certificate_whose_secrets_still_resolve()
    {
        using var home = new TestMiHome("p12-pbes2");
        var alias = home.Keystore.Entries[0].Alias;
        var storePassword = "pass:" + home.Keystore.StorePassword;
        // The same key stored again by openssl, without its certificate (the JDK loads it with an empty chain).
        OpenSsl(home, "pkcs12", "-in", home.KeystorePath, "-passin", storePassword, "-nocerts", "-nodes", "-out", home.Combine("key.pem"));
        OpenSsl(home, "pkcs12", "-export", "-nocerts", "-inkey", home.Combine("key.pem"), "-name", alias, "-passout", storePassword, "-out", home.KeystorePath);
        var vector = home.Vector(Oaep);
        home.WriteToml("[keystore.tls]\npassword = \"$secret{db}\"\n[secrets]\ndb = \"" + vector.Ciphertext + "\"\n");

        var problem = Assert.Single(Verifier.Verify(home.Home, Options(home), time: TimeProvider.System));
        var resolved = Resolve(home, Options(home));

        Assert.Equal((ProblemSeverity.Warning, "keystore.identity.alias"), (problem.Severity, problem.Subject));
        Assert.Equal($"the identity key '{alias}' in keystore {home.KeystorePath} is stored without its certificate: secrets decrypt, but nothing can be encrypted for it (the Cipher Tool, 'mi secret init'); store the key with its certificate", problem.Message);
        Assert.Equal(Encoding.UTF8.GetString(vector.Plaintext()), resolved.Value("keystore:tls:password"));
    }

    private static void OpenSsl(TestMiHome home, params string[] args)
    {
        var result = ToolProcess.RunProgram("openssl", args, home.Path, string.Empty, null);
        Assert.True(result.Exit == 0, $"openssl {args[0]} failed: {result.Err}");
    }

    /// <summary>A home whose JKS keystore is replaced by a keytool one (same alias and passwords), and one JDK-made secret.</summary>
    private static TestMiHome HomeWithOneDayCertificate()
    {
        Skip.IfNot(JavaInterop.IsAvailable && JavaInterop.IsKeytoolAvailable, "java and keytool are not on PATH");
        var home = new TestMiHome();
        var alias = home.Keystore.Entries[0].Alias;
        File.Delete(home.KeystorePath);
        JavaInterop.Keytool(
            "-J-Duser.timezone=UTC", "-genkeypair", "-storetype", "JKS", "-keystore", home.KeystorePath, "-alias", alias,
            "-storepass", home.Keystore.StorePassword, "-keypass", home.Keystore.KeyPassword,
            "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=expiry", "-startdate", "2030/01/01 00:00:00", "-validity", "1");
        var ciphertext = JavaInterop.Encrypt(home.KeystorePath, "JKS", alias, Oaep, Encoding.UTF8.GetBytes("s3cret"),
            home.Keystore.StorePassword, home.Keystore.KeyPassword);
        home.WriteToml("[keystore.tls]\npassword = \"$secret{db}\"\n[secrets]\ndb = \"" + ciphertext + "\"\n");
        return home;
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
