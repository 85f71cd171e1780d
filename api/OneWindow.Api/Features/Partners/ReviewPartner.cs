using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;

namespace OneWindow.Api.Features.Partners;

/// <summary>An operator's note on an approval (optional) or a suspension (required: the reason).</summary>
/// <param name="Note">At most 1,000 characters.</param>
public sealed record ReviewPartnerRequest(string? Note);

/// <summary>
/// Operators approve a partner (a pending one, or a suspended one again) or suspend it (pending or approved), with a
/// note; who, when and the note are kept on the partner and logged. A suspension works like revoking all its
/// clients: no new token at once, existing tokens stop within <c>Auth:StatusCheckInterval</c>. An approval lets its
/// active clients in again.
/// </summary>
public static class ReviewPartner
{
    public static Task<Result<PartnerResponse>> ApproveAsync(
        string? partnerId, ReviewPartnerRequest? request, Caller caller, RegistryDbContext db, AccessStatus status, TimeProvider time,
        PartnerActivity activity, CancellationToken cancellationToken) =>
        ReviewAsync(partnerId, PartnerStatus.Approved, request, caller, db, status, time, activity, cancellationToken);

    public static Task<Result<PartnerResponse>> SuspendAsync(
        string? partnerId, ReviewPartnerRequest? request, Caller caller, RegistryDbContext db, AccessStatus status, TimeProvider time,
        PartnerActivity activity, CancellationToken cancellationToken) =>
        ReviewAsync(partnerId, PartnerStatus.Suspended, request, caller, db, status, time, activity, cancellationToken);

    private static async Task<Result<PartnerResponse>> ReviewAsync(
        string? partnerId, PartnerStatus decision, ReviewPartnerRequest? request, Caller caller, RegistryDbContext db, AccessStatus status,
        TimeProvider time, PartnerActivity activity, CancellationToken cancellationToken)
    {
        if (PartnerRules.RefuseUnlessOperator(caller) is { } refused)
        {
            return refused;
        }
        if (PartnerRules.Note(request?.Note, required: decision == PartnerStatus.Suspended, out var note) is { } invalid)
        {
            return invalid;
        }
        if (!PartnerIds.TryParse(partnerId, out var id))
        {
            return ApiError.NotFound(ErrorCodes.PartnerNotFound);
        }
        var partner = await db.Partners.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (partner is null)
        {
            return ApiError.NotFound(ErrorCodes.PartnerNotFound);
        }
        if (partner.Status == decision)
        {
            return new ApiError(
                decision == PartnerStatus.Approved ? ErrorCodes.PartnerAlreadyApproved : ErrorCodes.PartnerAlreadySuspended,
                StatusCodes.Status409Conflict);
        }
        var previous = partner.Status;
        partner.Status = decision;
        partner.ReviewedAt = time.GetUtcNow().UtcDateTime;
        partner.ReviewedBy = caller.Name;
        partner.ReviewNote = note;
        await db.SaveChangesAsync(cancellationToken);

        // This instance stops (or resumes) trusting the partner's existing tokens at once; the others within
        // Auth:StatusCheckInterval.
        var clientIds = await db.PartnerClients.AsNoTracking().Where(c => c.PartnerId == id).Select(c => c.ClientId).ToListAsync(cancellationToken);
        foreach (var clientId in clientIds)
        {
            status.Forget(clientId);
        }
        activity.Reviewed(caller.Name, id, previous, decision, note);
        return PartnerResponse.From(partner);
    }
}
