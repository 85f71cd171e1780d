using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Features.Certificates;

namespace OneWindow.Api.Data.Register;

/// <summary>A certificate key able to sign: its id, algorithm, and the signature of a token's signing input.</summary>
public sealed record CertificateSigner(string KeyId, string Algorithm, Func<byte[], byte[]> Sign);

/// <summary>A published certificate key: id, algorithm, public key (PEM and coordinates), and when it stopped signing.</summary>
public sealed record PublishedCertificateKey(string KeyId, string Algorithm, string PublicKeyPem, CertificatePublicKey Key, DateTime CreatedAt, DateTime? RetiredAt);

/// <summary>
/// The certificate keys, in the registry key store (<see cref="RegistryKey"/> with use "certificate"): one ES256 and
/// one SM2 key sign at a time — the newest of each not retired; rotation adds a new pair and retires the old, which stay
/// published so everything they signed still verifies. Note: as for the checkpoint keys (<see cref="DatabaseRegistryKeys"/>)
/// the private keys are protected with Data Protection whose key ring is in the same database; production should
/// protect the ring with a certificate or move the keys into an HSM behind this class.
/// </summary>
public sealed class CertificateKeys(RegistryDbContext db, IDataProtectionProvider protection, CertificateKeyCache memo, TimeProvider time)
{
    private const string Purpose = "OneWindow.Certificates.Keys";

    /// <summary>The two signers (ES256, SM2), creating the keys when there are none yet.</summary>
    public async Task<(CertificateSigner Es256, CertificateSigner Sm2)> SignersAsync(CancellationToken cancellationToken)
    {
        var current = await CurrentAsync(cancellationToken);
        if (current.Es256 is null || current.Sm2 is null)
        {
            await CreateAsync(current.Es256 is null, current.Sm2 is null, cancellationToken);
            current = await CurrentAsync(cancellationToken);
        }
        return (Signer(current.Es256!), Signer(current.Sm2!));
    }

    /// <summary>Adds a new pair and retires every key signing now: what they signed keeps verifying.</summary>
    public async Task<IReadOnlyList<PublishedCertificateKey>> RotateAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await db.RegistryKeys.Where(k => k.Use == RegistryKeyUses.Certificate && k.RetiredAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(k => k.RetiredAt, now), cancellationToken);
        await CreateAsync(true, true, cancellationToken);
        return await PublishedAsync(cancellationToken);
    }

    /// <summary>Every certificate key ever used, retired ones included, oldest first.</summary>
    public async Task<IReadOnlyList<PublishedCertificateKey>> PublishedAsync(CancellationToken cancellationToken)
    {
        var keys = await db.RegistryKeys.AsNoTracking().Where(k => k.Use == RegistryKeyUses.Certificate)
            .OrderBy(k => k.CreatedAt).ThenBy(k => k.KeyId).ToListAsync(cancellationToken);
        return [.. keys.Select(k => new PublishedCertificateKey(k.KeyId, k.Algorithm, k.PublicKey, memo.Public(k), k.CreatedAt, k.RetiredAt))];
    }

    /// <summary>The public key of a key id (kept in memory once read: keys never change), or null when there is none.</summary>
    public async Task<CertificatePublicKey?> PublicKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        if (memo.TryPublic(keyId) is { } known)
        {
            return known;
        }
        var key = await db.RegistryKeys.AsNoTracking().SingleOrDefaultAsync(k => k.KeyId == keyId && k.Use == RegistryKeyUses.Certificate, cancellationToken);
        return key is null ? null : memo.Public(key);
    }

    private async Task<(RegistryKey? Es256, RegistryKey? Sm2)> CurrentAsync(CancellationToken cancellationToken)
    {
        var active = await db.RegistryKeys.AsNoTracking()
            .Where(k => k.Use == RegistryKeyUses.Certificate && k.RetiredAt == null)
            .ToListAsync(cancellationToken);
        // The newest signs: two instances that created keys at the same moment agree on it.
        RegistryKey? Newest(string algorithm) => active.Where(k => k.Algorithm == algorithm)
            .OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.KeyId, StringComparer.Ordinal).FirstOrDefault();
        return (Newest(CertificateTokens.Es256), Newest(CertificateTokens.Sm2Sm3));
    }

    private async Task CreateAsync(bool es256, bool sm2, CancellationToken cancellationToken)
    {
        var protector = protection.CreateProtector(Purpose);
        var now = time.GetUtcNow().UtcDateTime;
        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        if (es256)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            db.RegistryKeys.Add(new RegistryKey
            {
                KeyId = "cert-es256-" + suffix,
                Algorithm = CertificateTokens.Es256,
                Use = RegistryKeyUses.Certificate,
                PublicKey = key.ExportSubjectPublicKeyInfoPem(),
                ProtectedPrivateKey = protector.Protect(key.ExportPkcs8PrivateKeyPem()),
                CreatedAt = now,
            });
        }
        if (sm2)
        {
            var (d, x, y) = CertificateTokens.NewSm2Key();
            db.RegistryKeys.Add(new RegistryKey
            {
                KeyId = "cert-sm2-" + suffix,
                Algorithm = CertificateTokens.Sm2Sm3,
                Use = RegistryKeyUses.Certificate,
                PublicKey = CertificateTokens.Sm2PublicKeyPem(x, y),
                ProtectedPrivateKey = protector.Protect(Convert.ToHexStringLower(d)),
                CreatedAt = now,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var entry in db.ChangeTracker.Entries<RegistryKey>().ToList())
        {
            entry.State = EntityState.Detached;
        }
    }

    private CertificateSigner Signer(RegistryKey key)
    {
        var sign = memo.Private(key.KeyId, () =>
        {
            var secret = protection.CreateProtector(Purpose).Unprotect(key.ProtectedPrivateKey);
            if (key.Algorithm == CertificateTokens.Sm2Sm3)
            {
                var d = Convert.FromHexString(secret);
                return input => CertificateTokens.SignSm2(d, input);
            }
            var ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(secret);
            // One key object shared by every request: signing is serialised on it.
            return input =>
            {
                lock (ecdsa)
                {
                    return ecdsa.SignData(input, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
                }
            };
        });
        return new CertificateSigner(key.KeyId, key.Algorithm, sign);
    }
}

/// <summary>
/// The certificate keys in this process's memory, by key id: keys never change once made, so a public key is read from
/// the database once, and a private key is unprotected once (not inside every 缮证 transaction).
/// </summary>
public sealed class CertificateKeyCache
{
    private readonly ConcurrentDictionary<string, CertificatePublicKey> _public = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<byte[], byte[]>> _private = new(StringComparer.Ordinal);

    public CertificatePublicKey? TryPublic(string keyId) => _public.GetValueOrDefault(keyId);

    public CertificatePublicKey Public(RegistryKey key) => _public.GetOrAdd(key.KeyId, _ =>
    {
        if (key.Algorithm == CertificateTokens.Sm2Sm3)
        {
            var (x, y) = CertificateTokens.Sm2Coordinates(key.PublicKey);
            return new CertificatePublicKey(key.KeyId, key.Algorithm, x, y);
        }
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(key.PublicKey);
        var parameters = ecdsa.ExportParameters(false);
        return new CertificatePublicKey(key.KeyId, key.Algorithm, parameters.Q.X!, parameters.Q.Y!);
    });

    internal Func<byte[], byte[]> Private(string keyId, Func<Func<byte[], byte[]>> load) => _private.GetOrAdd(keyId, _ => load());
}
