using System.Collections.Concurrent;
using System.Security.Cryptography;
using SecVault.Keystores;
using SecVault.Testing;

namespace SecVault.Tests.Ciphers;

/// <summary>RSA keys of the vector keystores, loaded once per test run.</summary>
internal static class VectorKeys
{
    private static readonly ConcurrentDictionary<(string, string), (RSA Private, RSA Public, KeystoreEntry Entry)> Cache = new();

    public static VectorManifest Manifest { get; } = VectorManifest.Load();

    public static (RSA Private, RSA Public, KeystoreEntry Entry) Get(string keystoreName, string alias) =>
        Cache.GetOrAdd((keystoreName, alias.ToUpperInvariant()), _ =>
        {
            var v = Manifest.Keystore(keystoreName);
            var entry = Keystore.Load(VectorManifest.KeystorePath(v), v.StorePassword).GetEntry(alias);
            return (entry.GetRsaPrivateKey(v.KeyPassword), entry.GetRsaPublicKey(), entry);
        });
}
