using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneWindow.Api.Data;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using OpenIddict.EntityFrameworkCore.Models;

namespace OneWindow.Api.Auth;

/// <summary>
/// OpenIddict's application manager, with secret rotation: a client's previous secret (kept only as OpenIddict's hash)
/// is accepted until its grace period ends, and a revoked client's or suspended partner's secret never is.
/// </summary>
public sealed class RegistryApplicationManager(
    IOpenIddictApplicationCache<OpenIddictEntityFrameworkCoreApplication> cache,
    ILogger<OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<OpenIddictEntityFrameworkCoreApplication> store,
    RegistryDbContext db,
    TimeProvider time)
    : OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>(cache, logger, options, store)
{
    public override async ValueTask<bool> ValidateClientSecretAsync(
        OpenIddictEntityFrameworkCoreApplication application, string secret, CancellationToken cancellationToken = default)
    {
        var clientId = application.ClientId;
        var client = await db.PartnerClients.AsNoTracking()
            .Where(c => c.ClientId == clientId)
            .Select(c => new { c.Status, PartnerStatus = c.Partner!.Status, c.RetiredSecrets })
            .SingleOrDefaultAsync(cancellationToken);
        if (client is null || client.Status != Data.Entities.ClientStatus.Active || client.PartnerStatus != Data.Entities.PartnerStatus.Approved)
        {
            return false;
        }
        if (await base.ValidateClientSecretAsync(application, secret, cancellationToken))
        {
            return true;
        }
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var retired in client.RetiredSecrets.Where(s => s.ExpiresAt > now))
        {
            if (await ValidateClientSecretAsync(secret, retired.SecretHash, cancellationToken))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>OpenIddict's hash of a secret, as stored for the current one.</summary>
    public ValueTask<string> HashAsync(string secret, CancellationToken cancellationToken) => ObfuscateClientSecretAsync(secret, cancellationToken);
}
