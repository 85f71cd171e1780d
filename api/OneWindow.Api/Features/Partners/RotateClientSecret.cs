using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;
using OpenIddict.Abstractions;

namespace OneWindow.Api.Features.Partners;

/// <summary>
/// Operators replace a client's secret. The new one is shown once; the previous one keeps working for
/// <c>Auth:SecretGracePeriod</c> (its hash moves to retired_client_secrets, which RegistryApplicationManager
/// accepts until it expires), so the partner can deploy the new secret without an outage. For a leaked secret,
/// revoke the client and create another instead: revocation takes effect at once.
/// </summary>
public static class RotateClientSecret
{
    public static async Task<Result<ClientSecretResponse>> HandleAsync(
        string? clientId, Caller caller, RegistryDbContext db, RegistryApplicationManager applications, IOptions<AuthOptions> options,
        TimeProvider time, PartnerActivity activity, CancellationToken cancellationToken)
    {
        if (PartnerRules.RefuseUnlessOperator(caller) is { } refused)
        {
            return refused;
        }
        var client = string.IsNullOrWhiteSpace(clientId) ? null
            : await db.PartnerClients.Include(c => c.Partner).Include(c => c.RetiredSecrets).SingleOrDefaultAsync(c => c.ClientId == clientId, cancellationToken);
        var application = client is null ? null : await applications.FindByClientIdAsync(client.ClientId, cancellationToken);
        if (client is null || application?.ClientSecret is not { Length: > 0 } currentHash)
        {
            return ApiError.NotFound(ErrorCodes.ClientNotFound);
        }
        if (client.Status == ClientStatus.Revoked)
        {
            return new ApiError(ErrorCodes.ClientRevoked, StatusCodes.Status409Conflict);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var expiresAt = now + options.Value.SecretGracePeriod;
        var secret = ClientCredentials.NewSecret();
        // Secrets whose grace is over are of no use any more.
        db.RetiredClientSecrets.RemoveRange(client.RetiredSecrets.Where(s => s.ExpiresAt <= now));
        if (expiresAt > now)
        {
            client.RetiredSecrets.Add(new RetiredClientSecret { SecretHash = currentHash, RetiredAt = now, ExpiresAt = expiresAt });
        }
        client.SecretRotatedAt = now;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                // OpenIddict hashes the new secret and saves the application (its concurrency token refuses a
                // rotation that raced with another).
                await applications.UpdateAsync(application, secret, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (Exception e) when (e is OpenIddictExceptions.ConcurrencyException or DbUpdateConcurrencyException)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                activity.ConcurrentChange(caller.Name, client.ClientId);
                return new ApiError(ErrorCodes.ConcurrentChange, StatusCodes.Status409Conflict);
            }
        }
        activity.SecretRotated(caller.Name, client.ClientId, client.PartnerId, expiresAt);
        return new ClientSecretResponse(PartnerClientResponse.From(client, client.Partner!.Kind, now), secret);
    }
}
