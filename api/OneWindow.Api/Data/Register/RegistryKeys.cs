using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data.Entities;
using OneWindow.Domain.Register;

namespace OneWindow.Api.Data.Register;

/// <summary>A registry key able to sign: its id, algorithm and public key, and the signing itself.</summary>
public interface IRegistrySigner : IDisposable
{
    string KeyId { get; }
    string Algorithm { get; }
    /// <summary>The public key (PEM, SubjectPublicKeyInfo) that checks its signatures.</summary>
    string PublicKey { get; }
    /// <summary>The signature (base64) of the payload's UTF-8 bytes.</summary>
    string Sign(string payload);
}

/// <summary>
/// The seam for registry keys: which key signs checkpoints now. Today an ECDSA P-256 key kept in the database; the
/// SM2 certificate keys of a later issue plug in here. Public keys are looked up by key id (<see cref="DatabaseRegistryKeys.PublicKeyAsync"/>)
/// without any secret, so checking needs no access to the private keys.
/// </summary>
public interface IRegistryKeys
{
    Task<IRegistrySigner> SignerAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Registry keys in the database: created by the first instance that needs one and read by every other, so all
/// instances sign with the same key and it outlives restarts. Note: the private key is protected with Data Protection,
/// whose key ring is in the database too (as for the token keys, Auth/SigningKeys.cs): whoever can read both can sign.
/// Production should protect the key ring with a certificate or keep the key in an HSM behind this seam, and keep the
/// public key and exported checkpoints outside the database (docs/register.md).
/// </summary>
public sealed class DatabaseRegistryKeys(RegistryDbContext db, IDataProtectionProvider protection, TimeProvider time) : IRegistryKeys
{
    private const string Purpose = "OneWindow.Register.RegistryKeys";

    public async Task<IRegistrySigner> SignerAsync(CancellationToken cancellationToken)
    {
        var protector = protection.CreateProtector(Purpose);
        var stored = await CurrentAsync(db, cancellationToken) ?? await CreateAsync(protector, cancellationToken);
        var key = ECDsa.Create();
        key.ImportFromPem(protector.Unprotect(stored.ProtectedPrivateKey));
        return new EcdsaSigner(stored.KeyId, stored.PublicKey, key);
    }

    /// <summary>The public key (PEM) and algorithm of a key id, or null when the register has no such key.</summary>
    public static async Task<(string Algorithm, string PublicKey)?> PublicKeyAsync(RegistryDbContext db, string keyId, CancellationToken cancellationToken) =>
        await db.RegistryKeys.AsNoTracking().Where(k => k.KeyId == keyId)
            .Select(k => new { k.Algorithm, k.PublicKey }).SingleOrDefaultAsync(cancellationToken) is { } key
            ? (key.Algorithm, key.PublicKey)
            : null;

    /// <summary>The oldest key signs: two instances that both created one at the same moment agree on it.</summary>
    private static Task<RegistryKey?> CurrentAsync(RegistryDbContext db, CancellationToken cancellationToken) =>
        db.RegistryKeys.AsNoTracking().Where(k => k.Use == RegistryKeyUses.Register).OrderBy(k => k.CreatedAt).ThenBy(k => k.KeyId).FirstOrDefaultAsync(cancellationToken);

    private async Task<RegistryKey> CreateAsync(IDataProtector protector, CancellationToken cancellationToken)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        db.RegistryKeys.Add(new RegistryKey
        {
            KeyId = "registry-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            Algorithm = CheckpointSignature.Es256,
            Use = RegistryKeyUses.Register,
            PublicKey = key.ExportSubjectPublicKeyInfoPem(),
            ProtectedPrivateKey = protector.Protect(key.ExportPkcs8PrivateKeyPem()),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return (await CurrentAsync(db, cancellationToken))!;
    }

    private sealed class EcdsaSigner(string keyId, string publicKey, ECDsa key) : IRegistrySigner
    {
        public string KeyId => keyId;
        public string Algorithm => CheckpointSignature.Es256;
        public string PublicKey => publicKey;
        public string Sign(string payload) => CheckpointSignature.Sign(payload, key);
        public void Dispose() => key.Dispose();
    }
}
