using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Errors;

namespace OneWindow.Api.Features.Partners;

/// <summary>One partner by id, for operators.</summary>
public static class GetPartner
{
    public static async Task<Result<PartnerResponse>> HandleAsync(string? partnerId, Caller caller, RegistryDbContext db, CancellationToken cancellationToken)
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
        return partner is null ? ApiError.NotFound(ErrorCodes.PartnerNotFound) : PartnerResponse.From(partner);
    }
}
