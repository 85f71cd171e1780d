using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OpenIddict.Server;

namespace OneWindow.Api.Auth;

/// <summary>
/// Gives OpenIddict its signing and encryption keys. A configured certificate (<c>Auth:SigningCertificate:Path</c>,
/// <c>…:Password</c>, and the same under <c>Auth:EncryptionCertificate</c>) wins; otherwise RSA keys kept in the
/// database, created by the first instance that starts and read by every other one, so all instances sign and
/// validate alike and tokens outlive restarts. Note: the private keys in the database are protected with Data
/// Protection, whose key ring is in the database too; production should protect that key ring with a certificate
/// (<c>ProtectKeysWithCertificate</c>) or use configured certificates.
/// </summary>
internal sealed class SigningKeys(IServiceScopeFactory scopes, IConfiguration configuration) : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions options)
    {
        options.SigningCredentials.Add(new SigningCredentials(Key(SigningKeyUse.Signing, "SigningCertificate"), SecurityAlgorithms.RsaSha256));
        options.EncryptionCredentials.Add(new EncryptingCredentials(Key(SigningKeyUse.Encryption, "EncryptionCertificate"),
            SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
    }

    private SecurityKey Key(SigningKeyUse use, string certificateSection)
    {
        var path = configuration[$"Auth:{certificateSection}:Path"];
        if (!string.IsNullOrWhiteSpace(path))
        {
            var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                path, configuration[$"Auth:{certificateSection}:Password"]);
            return new X509SecurityKey(certificate);
        }
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector("OneWindow.Auth.SigningKeys");
        var stored = db.SigningKeys.AsNoTracking().SingleOrDefault(k => k.Use == use) ?? Create(db, protector, use);
        var rsa = RSA.Create();
        rsa.ImportFromPem(protector.Unprotect(stored.ProtectedPrivateKey));
        return new RsaSecurityKey(rsa) { KeyId = stored.KeyId };
    }

    private static SigningKey Create(RegistryDbContext db, IDataProtector protector, SigningKeyUse use)
    {
        using var rsa = RSA.Create(2048);
        var key = new SigningKey
        {
            Use = use,
            KeyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            ProtectedPrivateKey = protector.Protect(rsa.ExportPkcs8PrivateKeyPem()),
            CreatedAt = DateTime.UtcNow,
        };
        db.SigningKeys.Add(key);
        try
        {
            db.SaveChanges();
            return key;
        }
        catch (DbUpdateException)
        {
            // Another instance created it first (one key per use): take theirs.
            db.ChangeTracker.Clear();
            return db.SigningKeys.AsNoTracking().Single(k => k.Use == use);
        }
    }
}
