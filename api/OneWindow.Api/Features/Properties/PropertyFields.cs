using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using GraphQL.Types.Relay.DataObjects;
using OneWindow.Api.Auth;
using OneWindow.Api.Errors;
using OneWindow.Api.GraphQL;
using OneWindow.Api.GraphQL.Schema;

namespace OneWindow.Api.Features.Properties;

/// <summary>The property root fields of the Query type: the same use cases as the REST endpoints (PropertyQueries).</summary>
public static class PropertyFields
{
    public static void AddPropertyFields(ObjectGraphType query)
    {
        query.Field<PropertyType>("property")
            .Description("A unit by its unit code (不动产单元代码) or by the number of a certificate that names only it. Give exactly one.")
            .Argument<StringGraphType>("unitCode")
            .Argument<StringGraphType>("certificateNumber")
            .RequireScope(Scopes.PropertiesRead)
            .ResolveAsync(async context =>
            {
                var caller = CallerOf(context);
                var unitCode = context.GetArgument<string?>("unitCode");
                var certificateNumber = context.GetArgument<string?>("certificateNumber");
                if (string.IsNullOrEmpty(unitCode) == string.IsNullOrEmpty(certificateNumber))
                {
                    throw ToError(ApiError.BadRequest(ErrorCodes.QueryParameterRequired, "unitCode"), caller);
                }
                if (!string.IsNullOrEmpty(certificateNumber))
                {
                    var byCertificate = await Queries(context).ByCertificateNumberSingleAsync(certificateNumber, caller, context.CancellationToken);
                    return byCertificate.Error is { Code: ErrorCodes.PropertyNotFound } ? null : Unwrap(byCertificate, caller);
                }
                if (!Domain.Identifiers.UnitCode.TryParse(unitCode, out var code, out var error))
                {
                    throw ToError(ApiError.Invalid(error, "unitCode"), caller);
                }
                return context.RequestServices!.GetRequiredService<PropertyLoader>().Load(code.ToString(), caller);
            });

        query.Field<NonNullGraphType<ConnectionType<PropertyType, EdgeType<PropertyType>>>>("searchProperties")
            .Description("Units whose location (坐落) contains the text, in unit-code order; page with first and after.")
            .Argument<NonNullGraphType<StringGraphType>>("location", "2 to 100 characters.")
            .Argument<IntGraphType>("first", "Page size, 1 to 100 (default 20).")
            .Argument<StringGraphType>("after", "The endCursor of the previous page.")
            .RequireScope(Scopes.PropertiesRead)
            .ResolveAsync(async context =>
            {
                var caller = CallerOf(context);
                var page = Unwrap(await Queries(context).SearchAsync(
                    context.GetArgument<string>("location"), context.GetArgument<int?>("first"), context.GetArgument<string?>("after"), caller, context.CancellationToken), caller);
                var edges = page.Items.Select(p => new Edge<PropertyResponse> { Node = p, Cursor = Cursor.Encode(p.UnitCode) }).ToList();
                return new Connection<PropertyResponse>
                {
                    Edges = edges,
                    PageInfo = new PageInfo
                    {
                        HasNextPage = page.NextCursor is not null,
                        HasPreviousPage = !string.IsNullOrEmpty(context.GetArgument<string?>("after")),
                        StartCursor = edges.FirstOrDefault()?.Cursor,
                        EndCursor = edges.LastOrDefault()?.Cursor,
                    },
                };
            });

        query.Field<RestrictionStatusType>("restrictionStatus")
            .Description("The verdict on a unit's restrictions: can it be transferred or mortgaged, and why. Null for an unknown unit.")
            .Argument<NonNullGraphType<StringGraphType>>("unitCode")
            .RequireScope(Scopes.RestrictionsRead)
            .ResolveAsync(async context =>
            {
                var caller = CallerOf(context);
                var status = await Queries(context).RestrictionStatusAsync(context.GetArgument<string>("unitCode"), caller, context.CancellationToken);
                return status.Error is { Code: ErrorCodes.PropertyNotFound } ? null : Unwrap(status, caller);
            });
    }

    /// <summary>The caller of a GraphQL request, from its user context.</summary>
    public static Caller CallerOf(IResolveFieldContext context) =>
        RegistryUserContext.From(context) is { } user ? new Caller(user.User, user.PrefersEnglish) : new Caller(context.User ?? new(), English: false);

    private static PropertyQueries Queries(IResolveFieldContext context) => context.RequestServices!.GetRequiredService<PropertyQueries>();

    private static T Unwrap<T>(Result<T> result, Caller caller) => result.Error is { } error ? throw ToError(error, caller) : result.Value!;

    /// <summary>An expected failure as a GraphQL error with <c>extensions.code</c> (and the reason and field).</summary>
    public static RegistryError ToError(ApiError error, Caller caller) => RegistryError.From(error, caller.English);
}
