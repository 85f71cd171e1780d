using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;

namespace OneWindow.Api.Features.Partners;

/// <summary>
/// Operators create an OAuth client (client credentials) for an approved partner: a generated client id, a secret
/// from the CSPRNG shown once in the answer, and the scopes of the partner's kind. OpenIddict's application (holding
/// only the secret's hash) and the partner's client row are written in one transaction.
/// </summary>
public static class CreatePartnerClient
{
    /// <summary>Active clients one partner may have at a time: enough for environments and rotation by replacement.</summary>
    public const int MaxActiveClients = 10;

    public static async Task<Result<ClientSecretResponse>> HandleAsync(
        string? partnerId, Caller caller, RegistryDbContext db, RegistryApplicationManager applications, TimeProvider time,
        PartnerActivity activity, CancellationToken cancellationToken)
    {
        if (PartnerRules.RefuseUnlessOperator(caller) is { } refused)
        {
            return refused;
        }
        if (!PartnerIds.TryParse(partnerId, out var id))
        {
            return ApiError.NotFound(ErrorCodes.PartnerNotFound);
        }
        var partner = await db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (partner is null)
        {
            return ApiError.NotFound(ErrorCodes.PartnerNotFound);
        }
        if (partner.Status != PartnerStatus.Approved)
        {
            return new ApiError(ErrorCodes.PartnerNotApproved, StatusCodes.Status409Conflict);
        }
        if (await db.PartnerClients.CountAsync(c => c.PartnerId == id && c.Status == ClientStatus.Active, cancellationToken) >= MaxActiveClients)
        {
            return new ApiError(ErrorCodes.TooManyClients, StatusCodes.Status409Conflict);
        }

        var clientId = ClientCredentials.NewClientId(id);
        var secret = ClientCredentials.NewSecret();
        var now = time.GetUtcNow().UtcDateTime;
        var client = new PartnerClient { ClientId = clientId, PartnerId = id, Status = ClientStatus.Active, CreatedAt = now };
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // OpenIddict hashes the secret before it stores the application.
            await applications.CreateAsync(DemoAccess.ClientDescriptor(clientId, secret, partner.Name, partner.Kind), cancellationToken);
            db.PartnerClients.Add(client);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        activity.ClientCreated(caller.Name, clientId, id);
        return new ClientSecretResponse(PartnerClientResponse.From(client, partner.Kind, now), secret);
    }
}
