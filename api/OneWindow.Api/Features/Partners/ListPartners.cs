using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Errors;

namespace OneWindow.Api.Features.Partners;

/// <summary>Which partners, a page at a time.</summary>
/// <param name="Status">PENDING, APPROVED or SUSPENDED; empty: all.</param>
/// <param name="Kind">BANK, DEVELOPER, AGENCY, COURT or VERIFIER; empty: all.</param>
/// <param name="After">The nextCursor of the previous page.</param>
/// <param name="Limit">Page size, 1 to 100 (default 20).</param>
public sealed record ListPartnersRequest(string? Status, string? Kind, string? After, int? Limit);

/// <summary>
/// Operators list partners, oldest first (the review queue is <c>status=PENDING</c>), filtered by status and kind.
/// The cursor is the last partner id of the previous page, so pages never overlap or skip.
/// </summary>
public static class ListPartners
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static async Task<Result<PartnerPage>> HandleAsync(ListPartnersRequest request, Caller caller, RegistryDbContext db, CancellationToken cancellationToken)
    {
        if (PartnerRules.RefuseUnlessOperator(caller) is { } refused)
        {
            return refused;
        }
        var query = db.Partners.AsNoTracking();
        if (!string.IsNullOrEmpty(request.Status))
        {
            if (PartnerRules.Status(request.Status, "status", out var status) is { } error)
            {
                return error;
            }
            query = query.Where(p => p.Status == status);
        }
        if (!string.IsNullOrEmpty(request.Kind))
        {
            if (PartnerRules.Kind(request.Kind, "kind", out var kind) is { } error)
            {
                return error;
            }
            query = query.Where(p => p.Kind == kind);
        }
        var size = request.Limit ?? DefaultLimit;
        if (size is < 1 or > MaxLimit)
        {
            return ApiError.BadRequest(ErrorCodes.InvalidLimit, "limit");
        }
        if (!string.IsNullOrEmpty(request.After))
        {
            if (!IdCursor.Partners.TryDecode(request.After, out var afterId))
            {
                return ApiError.BadRequest(ErrorCodes.InvalidCursor, "after");
            }
            query = query.Where(p => p.Id > afterId);
        }
        var partners = await query.OrderBy(p => p.Id).Take(size + 1).ToListAsync(cancellationToken);
        var page = partners.Count > size ? partners[..size] : partners;
        return new PartnerPage(
            [.. page.Select(PartnerResponse.From)],
            partners.Count > size ? IdCursor.Partners.Encode(page[^1].Id) : null);
    }
}
