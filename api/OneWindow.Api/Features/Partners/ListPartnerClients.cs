using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Errors;

namespace OneWindow.Api.Features.Partners;

/// <summary>Operators list a partner's clients, active and revoked, oldest first. Never a secret or a hash.</summary>
public static class ListPartnerClients
{
    public static async Task<Result<PartnerClientList>> HandleAsync(
        string? partnerId, Caller caller, RegistryDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (PartnerRules.RefuseUnlessOperator(caller) is { } refused)
        {
            return refused;
        }
        if (!PartnerIds.TryParse(partnerId, out var id))
        {
            return ApiError.NotFound(ErrorCodes.PartnerNotFound);
        }
        var partner = await db.Partners.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.Kind }).SingleOrDefaultAsync(cancellationToken);
        if (partner is null)
        {
            return ApiError.NotFound(ErrorCodes.PartnerNotFound);
        }
        var clients = await db.PartnerClients.AsNoTracking()
            .Include(c => c.RetiredSecrets)
            .Where(c => c.PartnerId == id)
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        return new PartnerClientList([.. clients.Select(c => PartnerClientResponse.From(c, partner.Kind, now))]);
    }
}
