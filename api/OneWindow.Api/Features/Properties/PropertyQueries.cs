using System.Buffers.Text;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;
using OneWindow.Domain.Identifiers;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Features.Properties;

/// <summary>A page of a location search: the items and the cursor of the next page (null on the last).</summary>
public sealed record PropertyPage(IReadOnlyList<PropertyResponse> Items, string? NextCursor);

/// <summary>
/// The property use cases, written once and called by REST (PropertiesEndpoints) and GraphQL (PropertyFields):
/// look up by unit code or certificate number, search by location, the restriction verdict.
/// </summary>
/// <remarks>
/// The database context is taken from the request's services only by the lookups that need it (by certificate number,
/// by location): a read by unit code, served from the cache, then rents no context from the pool.
/// </remarks>
public sealed class PropertyQueries(IServiceProvider services, PropertyViewStore views, PropertyDisclosure disclosure)
{
    private RegistryDbContext Db => services.GetRequiredService<RegistryDbContext>();

    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public async Task<Result<PropertyResponse>> ByUnitCodeAsync(string? unitCode, Caller caller, CancellationToken cancellationToken)
    {
        if (!UnitCode.TryParse(unitCode, out var code, out var error))
        {
            return ApiError.Invalid(error, "unitCode");
        }
        var view = await views.GetAsync(code.ToString(), cancellationToken);
        return view is not null && disclosure.Respond(caller, view) is { } response ? response : ApiError.NotFound(ErrorCodes.PropertyNotFound);
    }

    /// <summary>All units a certificate number names (a certificate of registration may cover several).</summary>
    public async Task<Result<IReadOnlyList<PropertyResponse>>> ByCertificateNumberAsync(string? certificateNumber, Caller caller, CancellationToken cancellationToken)
    {
        if (!CertificateNumber.TryParse(certificateNumber, out var number, out var error))
        {
            return ApiError.Invalid(error, "certificateNumber");
        }
        var canonical = number.ToString();
        var codes = await Db.Rights.AsNoTracking()
            .Where(r => r.CertificateNumber == canonical)
            .Select(r => r.Unit!.UnitCode)
            .Distinct()
            .OrderBy(c => c)
            .Take(MaxLimit)
            .ToListAsync(cancellationToken);
        if (codes.Count == 0)
        {
            return ApiError.NotFound(ErrorCodes.PropertyNotFound);
        }
        var found = await views.GetAsync(codes, cancellationToken);
        var responses = new List<PropertyResponse>(found.Count);
        foreach (var code in codes)
        {
            if (found.TryGetValue(code, out var view) && disclosure.Respond(caller, view) is { } response)
            {
                responses.Add(response);
            }
        }
        return responses.Count > 0 ? responses : ApiError.NotFound(ErrorCodes.PropertyNotFound);
    }

    /// <summary>The one unit a certificate number names; several → AMBIGUOUS_CERTIFICATE_NUMBER.</summary>
    public async Task<Result<PropertyResponse>> ByCertificateNumberSingleAsync(string? certificateNumber, Caller caller, CancellationToken cancellationToken)
    {
        var all = await ByCertificateNumberAsync(certificateNumber, caller, cancellationToken);
        return all switch
        {
            { Error: { } error } => error,
            { Value: [var only] } => only,
            _ => new ApiError(ErrorCodes.AmbiguousCertificateNumber, StatusCodes.Status409Conflict, Field: "certificateNumber"),
        };
    }

    /// <summary>
    /// Units whose location (坐落) contains the text, in unit-code order, a page at a time. The cursor is the last
    /// unit code of the previous page, so pages never overlap or skip, whatever is registered meanwhile.
    /// </summary>
    public async Task<Result<PropertyPage>> SearchAsync(string? location, int? limit, string? after, Caller caller, CancellationToken cancellationToken)
    {
        var text = location?.Trim() ?? "";
        if (text.Length is < 2 or > 100)
        {
            return ApiError.BadRequest(ErrorCodes.InvalidLocationQuery, "location");
        }
        var size = limit ?? DefaultLimit;
        if (size is < 1 or > MaxLimit)
        {
            return ApiError.BadRequest(ErrorCodes.InvalidLimit, "limit");
        }
        string? afterCode = null;
        if (!string.IsNullOrEmpty(after))
        {
            if (!Cursor.TryDecode(after, out var decoded))
            {
                return ApiError.BadRequest(ErrorCodes.InvalidCursor, "after");
            }
            afterCode = decoded;
        }
        var pattern = "%" + EscapeLike(text) + "%";
        var query = Db.Units.AsNoTracking().Where(u => EF.Functions.Like(u.Location, pattern, "\\"));
        if (caller.IsCitizen)
        {
            // A citizen searches among their own units only: those they hold, and those a restriction is in their
            // favour on (PropertyDisclosure.MayRead).
            var idNumber = caller.IdNumber;
            query = query.Where(u => u.Rights.Any(r => r.Status == RightStatus.Active
                    && r.Holders.Any(h => h.Role == HolderRole.Holder && h.Party!.IdNumber == idNumber))
                || u.Restrictions.Any(s => s.Status == RestrictionStatus.Active
                    && (s.Kind == RestrictionKind.AdvanceNotice || s.Kind == RestrictionKind.Objection)
                    && s.BeneficiaryParty!.Kind == PartyKind.Person && s.BeneficiaryParty.IdNumber == idNumber));
        }
        if (afterCode is not null)
        {
            query = query.Where(u => u.UnitCode.CompareTo(afterCode) > 0);
        }
        var codes = await query.OrderBy(u => u.UnitCode).Select(u => u.UnitCode).Take(size + 1).ToListAsync(cancellationToken);
        var page = codes.Count > size ? codes[..size] : codes;
        var found = await views.GetAsync(page, cancellationToken);
        var items = new List<PropertyResponse>(page.Count);
        foreach (var code in page)
        {
            if (found.TryGetValue(code, out var view) && disclosure.Respond(caller, view) is { } response)
            {
                items.Add(response);
            }
        }
        return new PropertyPage(items, codes.Count > size ? Cursor.Encode(page[^1]) : null);
    }

    public async Task<Result<RestrictionStatusResponse>> RestrictionStatusAsync(string? unitCode, Caller caller, CancellationToken cancellationToken)
    {
        if (!UnitCode.TryParse(unitCode, out var code, out var error))
        {
            return ApiError.Invalid(error, "unitCode");
        }
        var view = await views.GetAsync(code.ToString(), cancellationToken);
        return view is not null && disclosure.RespondStatus(caller, view) is { } status ? status : ApiError.NotFound(ErrorCodes.PropertyNotFound);
    }


    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}

/// <summary>Opaque paging cursors: the base64url of the last unit code of a page.</summary>
public static class Cursor
{
    public static string Encode(string unitCode) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes("u:" + unitCode));

    public static bool TryDecode(string cursor, out string unitCode)
    {
        unitCode = "";
        if (cursor.Length > 100)
        {
            return false;
        }
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            if (!text.StartsWith("u:", StringComparison.Ordinal) || !UnitCode.TryParse(text[2..], out var code, out _))
            {
                return false;
            }
            unitCode = code.ToString();
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
