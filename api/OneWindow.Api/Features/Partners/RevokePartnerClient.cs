using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;

namespace OneWindow.Api.Features.Partners;

/// <summary>
/// Operators revoke a client for good: it gets no new token from that moment (RegistryApplicationManager and the
/// token endpoint refuse it), and its existing tokens stop on this instance at once and on the others within
/// <c>Auth:StatusCheckInterval</c> (AccessStatus). A revoked client is kept, for the record; it cannot be reactivated.
/// </summary>
public static class RevokePartnerClient
{
    public static async Task<Result<PartnerClientResponse>> HandleAsync(
        string? clientId, Caller caller, RegistryDbContext db, AccessStatus status, TimeProvider time, PartnerActivity activity,
        CancellationToken cancellationToken)
    {
        if (PartnerRules.RefuseUnlessOperator(caller) is { } refused)
        {
            return refused;
        }
        var client = string.IsNullOrWhiteSpace(clientId) ? null
            : await db.PartnerClients.Include(c => c.Partner).Include(c => c.RetiredSecrets).SingleOrDefaultAsync(c => c.ClientId == clientId, cancellationToken);
        if (client is null)
        {
            return ApiError.NotFound(ErrorCodes.ClientNotFound);
        }
        if (client.Status == ClientStatus.Revoked)
        {
            return new ApiError(ErrorCodes.ClientRevoked, StatusCodes.Status409Conflict);
        }
        var now = time.GetUtcNow().UtcDateTime;
        client.Status = ClientStatus.Revoked;
        client.RevokedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        status.Forget(client.ClientId);
        activity.ClientRevoked(caller.Name, client.ClientId, client.PartnerId);
        return PartnerClientResponse.From(client, client.Partner!.Kind, now);
    }
}
