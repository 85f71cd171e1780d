using GraphQL;
using GraphQL.Types;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Errors;
using OneWindow.Api.GraphQL;
using OneWindow.Api.GraphQL.Schema;
using OneWindow.Domain.Applications;

namespace OneWindow.Api.Features.Configuration;

/// <summary>
/// The configuration fields of the Query and Mutation roots: the same use cases as the REST endpoints. The checklist's
/// failures (UNKNOWN_CIRCUMSTANCE, CONFLICTING_CIRCUMSTANCES) are top-level errors with <c>extensions.code</c>; the
/// operators' mutations report theirs in the payload's <c>errors</c>, and a caller without <c>platform:admin</c> gets a
/// top-level UNAUTHENTICATED / FORBIDDEN error with nothing done.
/// </summary>
public static class ConfigurationFields
{
    public static void AddConfigurationQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<MaterialRequirementType>>>>("materialChecklist")
            .Description("The materials (资料清单) an application of a business type needs in the given circumstances: every material, required, optional or not applicable, and why.")
            .Argument<NonNullGraphType<BusinessTypeType>>("businessType")
            .Argument<ListGraphType<NonNullGraphType<StringGraphType>>>("circumstances", "Circumstance codes (see businessTypes).")
            .RequireScope(Scopes.ApplicationsRead)
            .ResolveAsync(async context =>
            {
                var caller = CallerOf(context);
                var result = await GetMaterialChecklist.HandleAsync(context.GetArgument<BusinessType>("businessType"),
                    context.GetArgument<List<string>?>("circumstances"), caller, Configuration(context), context.CancellationToken);
                return Unwrap(result, caller).Items;
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<BusinessTypeInfoType>>>>("businessTypes")
            .Description("Every business type: names, time limit in working days, immediate or not, the scope to submit it, who may apply, its circumstances and choices.")
            .RequireScope(Scopes.ApplicationsRead)
            .ResolveAsync(async context =>
            {
                var services = context.RequestServices!;
                var list = await ListBusinessTypes.HandleAsync(CallerOf(context), Configuration(context),
                    services.GetRequiredService<TimeLimitPolicy>(), context.CancellationToken);
                return list.Items;
            });

        query.Field<NonNullGraphType<ConfigurationDocumentType>>("materialsCatalogue")
            .Description("The materials catalogue as stored, with its version (the shipped one, version 0, until the first save). Operators only.")
            .RequireScope(Scopes.PlatformAdmin)
            .ResolveAsync(async context => Unwrap(await GetConfigurationDocument.HandleAsync(
                ConfigurationDocuments.MaterialsCatalogue, CallerOf(context), Db(context), context.CancellationToken), CallerOf(context)));

        query.Field<NonNullGraphType<ConfigurationDocumentType>>("holidayCalendar")
            .Description("The working-day calendar as stored, with its version (the shipped one, version 0, until the first save). Operators only.")
            .RequireScope(Scopes.PlatformAdmin)
            .ResolveAsync(async context => Unwrap(await GetConfigurationDocument.HandleAsync(
                ConfigurationDocuments.HolidayCalendar, CallerOf(context), Db(context), context.CancellationToken), CallerOf(context)));
    }

    public static void AddConfigurationMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<UpdateMaterialsCataloguePayloadType>>("updateMaterialsCatalogue")
            .Description("Replaces the materials catalogue, if it is still at the version edited. Validated first; nothing is stored when it is invalid.")
            .Argument<NonNullGraphType<UpdateMaterialsCatalogueInputType>>("input")
            .RequireScope(Scopes.PlatformAdmin)
            .ResolveAsync(async context =>
            {
                var input = Input(context);
                var services = context.RequestServices!;
                var change = new MaterialsCatalogueChange(input.GetValueOrDefault("content") as string, (int)input["version"]!);
                var result = await UpdateMaterialsCatalogue.HandleAsync(change, CallerOf(context), Db(context), Configuration(context),
                    services.GetRequiredService<ConfigurationChanges>(), services.GetRequiredService<TimeProvider>(),
                    services.GetRequiredService<ConfigurationActivity>(), context.CancellationToken);
                return Payload(result, context, (document, errors) => new UpdateConfigurationDocumentPayload(document, null, errors));
            });

        mutation.Field<NonNullGraphType<UpdateHolidayCalendarPayloadType>>("updateHolidayCalendar")
            .Description("Replaces the holiday calendar, if it is still at the version edited, and recomputes the provisional deadlines it settles.")
            .Argument<NonNullGraphType<UpdateHolidayCalendarInputType>>("input")
            .RequireScope(Scopes.PlatformAdmin)
            .ResolveAsync(async context =>
            {
                var input = Input(context);
                var services = context.RequestServices!;
                var removeYears = input.GetValueOrDefault("removeYears") is IEnumerable<object?> years ? years.OfType<int>().ToArray() : [];
                var change = new HolidayCalendarChange(input.GetValueOrDefault("content") as string, (int)input["version"]!, removeYears);
                var result = await UpdateHolidayCalendar.HandleAsync(change, CallerOf(context), Db(context), Configuration(context),
                    services.GetRequiredService<ConfigurationChanges>(), services.GetRequiredService<TimeLimitPolicy>(),
                    services.GetRequiredService<Applications.ApplicationKinds>(), services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ConfigurationActivity>(), context.CancellationToken);
                return Payload(result, context, (update, errors) => new UpdateConfigurationDocumentPayload(update?.Document, update?.RecomputedDeadlines, errors));
            });
    }

    /// <summary>The caller of a GraphQL request, from its user context.</summary>
    private static Caller CallerOf(IResolveFieldContext context) =>
        RegistryUserContext.From(context) is { } user ? new Caller(user.User, user.PrefersEnglish) : new Caller(context.User ?? new(), English: false);

    /// <summary>The value, or the error as a top-level GraphQL error with <c>extensions.code</c>.</summary>
    private static T Unwrap<T>(Result<T> result, Caller caller) =>
        result.Error is { } error ? throw RegistryError.From(error, caller.English) : result.Value!;

    private static TPayload Payload<T, TPayload>(Result<T> result, IResolveFieldContext context, Func<T?, IReadOnlyList<UserError>, TPayload> create) =>
        result.Error switch
        {
            null => create(result.Value, []),
            // Not an operator: refused at the top level, as the authorization rule does, not as a payload error.
            { Status: StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden } refused => throw RegistryError.From(refused, CallerOf(context).English),
            { } error => create(default, [UserError.From(error, CallerOf(context).English)]),
        };

    private static Dictionary<string, object?> Input(IResolveFieldContext context) => context.GetArgument<Dictionary<string, object?>>("input");

    private static RegistryDbContext Db(IResolveFieldContext context) => context.RequestServices!.GetRequiredService<RegistryDbContext>();

    private static RegistryConfiguration Configuration(IResolveFieldContext context) => context.RequestServices!.GetRequiredService<RegistryConfiguration>();
}
