using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;

namespace OneWindow.Api.Features.Partners;

/// <summary>An operator's decision on a partner's authorised channel, with the reason.</summary>
/// <param name="Authorised">True to grant the channel, false to withdraw it.</param>
/// <param name="Note">Why (the agreement, the branch inspection): required, at most 1,000 characters.</param>
public sealed record AuthorisedChannelRequest(bool? Authorised, string? Note);

/// <summary>
/// Operators grant or withdraw a bank's or developer's authorised channel (e.g. its in-branch service, which checks every
/// applicant in person). Its filings that declare AUTHORISED_CHANNEL, with the signed application and the in-person
/// check as materials, count as every applicant's confirmation. Who, when and why are kept on the partner and logged.
/// </summary>
public static class SetAuthorisedChannel
{
    public static async Task<Result<PartnerResponse>> HandleAsync(
        string? partnerId, AuthorisedChannelRequest? request, Caller caller, RegistryDbContext db, TimeProvider time, PartnerActivity activity,
        CancellationToken cancellationToken)
    {
        if (PartnerRules.RefuseUnlessOperator(caller) is { } refused)
        {
            return refused;
        }
        if (request?.Authorised is not { } authorised)
        {
            return ApiError.BadRequest(ErrorCodes.FieldRequired, "authorised");
        }
        if (PartnerRules.Note(request.Note, required: true, out var note) is { } invalid)
        {
            return invalid;
        }
        if (!PartnerIds.TryParse(partnerId, out var id) || await db.Partners.SingleOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } partner)
        {
            return ApiError.NotFound(ErrorCodes.PartnerNotFound);
        }
        if (authorised && partner.Kind is not (PartnerKind.Bank or PartnerKind.Developer))
        {
            return new ApiError(ErrorCodes.ChannelNotAllowed, StatusCodes.Status422UnprocessableEntity, Field: "authorised");
        }
        partner.IsAuthorisedChannel = authorised;
        partner.ChannelReviewedAt = time.GetUtcNow().UtcDateTime;
        partner.ChannelReviewedBy = caller.Name;
        partner.ChannelNote = note;
        await db.SaveChangesAsync(cancellationToken);
        activity.ChannelSet(caller.Name, id, authorised, note);
        return PartnerResponse.From(partner);
    }
}
