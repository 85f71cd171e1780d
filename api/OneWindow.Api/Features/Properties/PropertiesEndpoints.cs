using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using OneWindow.Api.Auth;
using OneWindow.Api.Errors;

namespace OneWindow.Api.Features.Properties;

/// <summary>REST: /api/v1/properties — the same use cases as the GraphQL fields (PropertyQueries).</summary>
public static class PropertiesEndpoints
{
    public static void MapPropertiesEndpoints(this RouteGroupBuilder api)
    {
        var properties = api.MapGroup("/properties").WithTags("Properties");

        properties.MapGet("/{unitCode}", GetProperty)
            .WithName("GetProperty")
            .WithSummary("A unit by its real estate unit code (不动产单元代码): natural state, rights in force and restrictions.")
            .RequireScope(Scopes.PropertiesRead);

        properties.MapGet("/", FindProperties)
            .WithName("FindProperties")
            .WithSummary("Units by certificate number (certificateNumber), or by location (location, after, limit), a page at a time.")
            .RequireScope(Scopes.PropertiesRead);

        properties.MapGet("/{unitCode}/restrictions", GetRestrictionStatus)
            .WithName("GetRestrictionStatus")
            .WithSummary("The restriction verdict of a unit: seized, mortgaged, objection, advance notice, can it be transferred or mortgaged, and why.")
            .RequireScope(Scopes.RestrictionsRead);
    }

    public static async Task<Results<Ok<PropertyResponse>, ProblemHttpResult>> GetProperty(
        string unitCode, PropertyQueries queries, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await queries.ByUnitCodeAsync(unitCode, Caller.From(context), cancellationToken);
        return result.Error is { } error ? error.ToProblem(context) : TypedResults.Ok(result.Value);
    }

    /// <param name="certificateNumber">A certificate of title or registration number, e.g. 粤(2025)肇庆市不动产权第0012345号.</param>
    /// <param name="location">Text the location (坐落) contains, 2 to 100 characters.</param>
    /// <param name="after">The nextCursor of the previous page.</param>
    /// <param name="limit">Page size, 1 to 100 (default 20).</param>
    public static async Task<Results<Ok<PropertyPage>, ProblemHttpResult>> FindProperties(
        string? certificateNumber, string? location, string? after, string? limit,
        PropertyQueries queries, HttpContext context, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context);
        if (string.IsNullOrEmpty(certificateNumber) == string.IsNullOrEmpty(location))
        {
            return ApiError.BadRequest(ErrorCodes.QueryParameterRequired, "certificateNumber").ToProblem(context);
        }
        if (!string.IsNullOrEmpty(certificateNumber))
        {
            var found = await queries.ByCertificateNumberAsync(certificateNumber, caller, cancellationToken);
            return found.Error is { } error ? error.ToProblem(context) : TypedResults.Ok(new PropertyPage(found.Value!, null));
        }
        int? size = null;
        if (!string.IsNullOrEmpty(limit))
        {
            if (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return ApiError.BadRequest(ErrorCodes.InvalidLimit, "limit").ToProblem(context);
            }
            size = parsed;
        }
        var page = await queries.SearchAsync(location, size, after, caller, cancellationToken);
        return page.Error is { } pageError ? pageError.ToProblem(context) : TypedResults.Ok(page.Value);
    }

    public static async Task<Results<Ok<RestrictionStatusResponse>, ProblemHttpResult>> GetRestrictionStatus(
        string unitCode, PropertyQueries queries, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await queries.RestrictionStatusAsync(unitCode, Caller.From(context), cancellationToken);
        return result.Error is { } error ? error.ToProblem(context) : TypedResults.Ok(result.Value);
    }
}
